// Queue an e-mail: the message is stored and its delivery job enqueued in the caller's
// transaction, so a message exists exactly when the change that caused it was committed. Its
// header fields are made safe first (header-fields.ts): a subject is always one line.
import { z } from 'zod'
import { env } from '~/modules/config/env.server'
import type { Tx } from '~/modules/db/tenant.server'
import { oneLine } from '~/modules/formats/one-line'
import { enqueue } from '~/modules/jobs/queue.server'
import { emailHeaders, headerFields } from './header-fields'

export const emailInput = z.object({
  to: z.email('Enter a valid e-mail address').max(320),
  // A subject is often built from a name someone typed: a line break in it becomes a space.
  subject: z.string().transform(oneLine).pipe(z.string().min(1, 'Enter a subject').max(200)),
  text: z.string().min(1, 'Enter the message').max(100_000),
  html: z.string().max(500_000).optional(),
  headers: emailHeaders.optional(),
})

export type EmailInput = z.input<typeof emailInput>

export type EmailJob = { messageId: string; workspaceId: string | null }

/**
 * Store `input` and enqueue its delivery, inside `tx`. `workspaceId` must be the workspace the
 * transaction works for (or null in a platform transaction): row-level security refuses others.
 */
export async function queueEmail(
  tx: Tx,
  workspaceId: string | null,
  input: EmailInput,
): Promise<{ messageId: string }> {
  const email = emailInput.parse(input)
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
  await enqueue(tx, 'email.send', job)
  return { messageId: message.id }
}
