// Queue an e-mail: the message is stored and its delivery job enqueued in the caller's
// transaction, so a message exists exactly when the change that caused it was committed. Its
// header fields are made safe first (header-fields.ts): a subject is always one line.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { env } from '~/modules/config/env.server'
import type { Tx } from '~/modules/db/tenant.server'
import { oneLine } from '~/modules/formats/one-line'
import { enqueue, enqueueMany } from '~/modules/jobs/queue.server'
import { brandedMailHtml } from './branded-mail-html'
import { mailBrand } from './branded-mail.server'
import { emailHeaders, headerFields } from './header-fields'

export const emailInput = z.object({
  to: z.email('Enter a valid e-mail address').max(320),
  // A subject is often built from names someone typed (a workspace, a legal entity, a document
  // title): a line break in it becomes a space, and a long one is shortened to fit, never a
  // reason for the change that sends it to fail.
  subject: z
    .string()
    .transform(oneLine)
    .pipe(z.string().min(1, 'Enter a subject'))
    .transform((subject) => shortened(subject, SUBJECT_MAX)),
  text: z.string().min(1, 'Enter the message').max(100_000),
  html: z.string().max(500_000).optional(),
  headers: emailHeaders.optional(),
})

const SUBJECT_MAX = 200

/** `text` cut to at most `max` characters, ending with an ellipsis when it was cut. */
function shortened(text: string, max: number): string {
  const characters = [...text]
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('').trimEnd()}…`
}

export type EmailInput = z.input<typeof emailInput>

export type EmailJob = { messageId: string; workspaceId: string | null }

/**
 * Store `input` and enqueue its delivery, inside `tx`. `workspaceId` must be the workspace the
 * transaction works for (or null in a platform transaction): row-level security refuses others.
 * Mail sent to many at once says `bulk`: it goes through its own queue (email.bulk), so that it
 * never delays the mail someone is waiting for (a sign-in code, a confirmation). Mail to a
 * requester or a visitor says `branded`.
 */
export async function queueEmail(
  tx: Tx,
  workspaceId: string | null,
  input: EmailInput,
  options: { bulk?: boolean; branded?: boolean } = {},
): Promise<{ messageId: string }> {
  const email = emailInput.parse(input)
  // Mail to a requester or a trust-page visitor carries the workspace's logo and colour in an
  // HTML part made from the text (decision 039); mail to members stays Candor's, text only.
  if (options.branded && workspaceId && !email.html) {
    const brand = await mailBrand(tx, workspaceId)
    if (brand) email.html = brandedMailHtml(email.text, email.subject, brand)
  }
  const fields = headerFields({ from: env().EMAIL_FROM, to: email.to, subject: email.subject, headers: email.headers })
  const message = await tx.emailMessage.create({
    data: {
      workspaceId,
      ...fields,
      text: email.text,
      html: email.html,
    },
    select: { id: true },
  })
  const job: EmailJob = { messageId: message.id, workspaceId }
  await enqueue(tx, options.bulk ? 'email.bulk' : 'email.send', job)
  return { messageId: message.id }
}

/**
 * Store many e-mails and enqueue their deliveries on email.bulk, inside `tx`, in two statements
 * whatever their number (a workspace's weekly digests): each is checked as queueEmail checks one.
 */
export async function queueBulkEmails(tx: Tx, workspaceId: string | null, inputs: readonly EmailInput[]): Promise<{ messageIds: string[] }> {
  const messages = inputs.map((input) => {
    const email = emailInput.parse(input)
    const fields = headerFields({ from: env().EMAIL_FROM, to: email.to, subject: email.subject, headers: email.headers })
    return { id: randomUUID(), workspaceId, ...fields, text: email.text, html: email.html }
  })
  if (messages.length === 0) return { messageIds: [] }
  await tx.emailMessage.createMany({ data: messages })
  await enqueueMany(
    tx,
    'email.bulk',
    messages.map((message): EmailJob => ({ messageId: message.id, workspaceId })),
  )
  return { messageIds: messages.map((message) => message.id) }
}
