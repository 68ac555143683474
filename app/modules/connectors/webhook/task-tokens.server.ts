// The bearer tokens a webhook data system answers a task with (decision 036): `cdt_` + 32
// random bytes, one per time the task is sent, stored as their SHA-256 only, valid until the
// request's deadline. A callback has no session: the token's hash finds its row through a lookup
// policy (like an API key's prefix), which names the workspace; everything after that runs in
// that workspace's tenant transaction.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { db } from '~/modules/db/client.server'
import type { Tx } from '~/modules/db/tenant.server'

const TOKEN = /^cdt_[A-Za-z0-9_-]{43}$/

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new token for this send of the task; only its hash is kept. */
export async function issueTaskToken(tx: Tx, task: { workspaceId: string; taskId: string; expiresAt: Date }): Promise<string> {
  const token = `cdt_${randomBytes(32).toString('base64url')}`
  await tx.dataSystemTaskToken.create({
    data: { id: randomUUID(), workspaceId: task.workspaceId, taskId: task.taskId, tokenHash: hashOf(token), expiresAt: task.expiresAt },
  })
  return token
}

/** How many times the task was sent so far (each send issued a token). */
export const sendsSoFar = (tx: Tx, taskId: string) => tx.dataSystemTaskToken.count({ where: { taskId } })

export type TaskToken = { workspaceId: string; taskId: string; expiresAt: Date }

/** The token's row, or null for a malformed or unknown token. Its expiry is the caller's to judge. */
export async function findTaskToken(token: string): Promise<TaskToken | null> {
  if (!TOKEN.test(token)) return null
  // The hash is looked up, not compared: equal hashes are the only match, and the token's
  // 256 random bits make guessing one hopeless, so no comparison time leaks anything useful.
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.workspace_id', '', true), set_config('app.task_token_hash', ${hashOf(token)}, true)`
    return tx.dataSystemTaskToken.findUnique({ where: { tokenHash: hashOf(token) }, select: { workspaceId: true, taskId: true, expiresAt: true } })
  })
}
