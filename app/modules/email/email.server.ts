// Queue an e-mail: the message is stored and its delivery job enqueued in the caller's
// transaction, so a message exists exactly when the change that caused it was committed.
import { z } from 'zod'
import { env } from '~/modules/config/env.server'
import type { Tx } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'

/**
 * Extra headers, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058): a
 * header name is a token, and a value may not hold CR or LF (no header injection).
 */
export const emailHeaders = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,75}$/, 'A header name is letters, digits and hyphens'),
  z.string().max(2000).regex(/^[^\r\n]*$/, 'A header value is one line'),
)

export const emailInput = z.object({
  to: z.email('Enter a valid e-mail address').max(320),
  // Subjects are built from names people typed (a workspace, a legal entity, a document title):
  // a long one is shortened to fit, never a reason for the change that sends it to fail.
  subject: z.string().trim().min(1, 'Enter a subject').transform((subject) => shortened(subject, SUBJECT_MAX)),
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
 */
export async function queueEmail(
  tx: Tx,
  workspaceId: string | null,
  input: EmailInput,
): Promise<{ messageId: string }> {
  const email = emailInput.parse(input)
  const message = await tx.emailMessage.create({
    data: {
      workspaceId,
      to: email.to,
      from: env().EMAIL_FROM,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.headers,
    },
    select: { id: true },
  })
  const job: EmailJob = { messageId: message.id, workspaceId }
  await enqueue(tx, 'email.send', job)
  return { messageId: message.id }
}
