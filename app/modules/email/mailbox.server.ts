// The development mailbox: every stored e-mail, newest first, across workspaces. It reads as
// the database owner, so it refuses to run in production (docs/decisions/002-owner-connection.md).
import { isProduction } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'

export type MailboxMessage = {
  id: string
  to: string
  from: string
  subject: string
  text: string
  /** Extra headers it is sent with (List-Unsubscribe, …). */
  headers: Record<string, string> | null
  status: string
  attempts: number
  lastError: string | null
  createdAt: Date
}

export async function listMailbox(limit = 50): Promise<MailboxMessage[]> {
  if (isProduction()) throw new Error('The development mailbox is not available in production')
  const { rows } = await ownerPool().query<MailboxMessage>(
    `SELECT id, "to", "from", subject, text, headers, status, attempts,
            last_error AS "lastError", created_at AS "createdAt"
       FROM email_message ORDER BY created_at DESC LIMIT $1`,
    [limit],
  )
  return rows
}
