// KEK rotation: re-wrap every data key that `from` wrapped under `to`. Secrets themselves are
// untouched (they are encrypted under data keys, which do not change). Runs as the owner (the
// app role may not update keys), one key per statement, so the app keeps running throughout:
// with CANDOR_KEK=new and CANDOR_KEK_PREVIOUS=old it reads keys wrapped either way.
import type pg from 'pg'
import { type WrappedKeyRow, unwrapDataKey, wrapDataKey } from './envelope.server'
import type { Kek } from './kek.server'

export async function rewrapDataKeys(db: Pick<pg.Pool, 'query'>, from: Kek, to: Kek): Promise<number> {
  const { rows } = await db.query<{ workspace_id: string; version: number; wrapped_key: Buffer }>(
    'SELECT workspace_id, version, wrapped_key FROM workspace_key WHERE kek_id = $1',
    [from.id],
  )
  let rewrapped = 0
  for (const row of rows) {
    const wrapped: WrappedKeyRow = {
      workspaceId: row.workspace_id,
      version: row.version,
      kekId: from.id,
      wrappedKey: row.wrapped_key,
    }
    const key = unwrapDataKey({ current: from }, wrapped)
    const result = await db.query(
      `UPDATE workspace_key SET kek_id = $1, wrapped_key = $2
        WHERE workspace_id = $3 AND version = $4 AND kek_id = $5`,
      [to.id, Buffer.from(wrapDataKey(to, row.workspace_id, row.version, key)), row.workspace_id, row.version, from.id],
    )
    rewrapped += result.rowCount ?? 0
  }
  return rewrapped
}
