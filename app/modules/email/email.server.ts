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
  subject: z.string().trim().min(1, 'Enter a subject').max(200),
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
