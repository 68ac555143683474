// A weekly digest's unsubscribe token for a member, as digest.send stores it (only its hash).
import { randomBytes, randomUUID } from 'node:crypto'
import { sha256Hex } from '~/modules/crypto/sha256'
import { ownerPool } from '~/modules/db/owner.server'

export async function digestTokenOf(workspaceId: string, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await ownerPool().query(
    `INSERT INTO digest_sent (id, workspace_id, user_id, iso_week, time_zone, emailed, unsubscribe_token_hash)
     VALUES ($1, $2, $3, '2026-W49', 'UTC', true, $4)`,
    [randomUUID(), workspaceId, userId, sha256Hex(token)],
  )
  return token
}
