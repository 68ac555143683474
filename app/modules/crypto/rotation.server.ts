// KEK rotation: re-wrap every data key that `from` wrapped under `to` (the workspaces' keys and
// the platform's). Secrets themselves are untouched (they are encrypted under data keys, which
// do not change). Runs as the owner (the app role may not update keys), one key per statement,
// so the app keeps running throughout: with CANDOR_KEK=new and CANDOR_KEK_PREVIOUS=old it reads
// keys wrapped either way. Afterwards it counts the keys still under the previous KEK: an
// instance still running with the old CANDOR_KEK may have created one during the rotation.
import type pg from 'pg'
import { PLATFORM, type WrappedKeyRow, unwrapDataKey, wrapDataKey } from './envelope.server'
import type { Kek } from './kek.server'

type Queryable = Pick<pg.Pool, 'query'>

export type Rotation = {
  rewrapped: number
  /** Keys wrapped by `from` after the re-wrap (should be 0; more means the rotation is incomplete). */
  stillUnderPrevious: number
}

export async function rewrapDataKeys(db: Queryable, from: Kek, to: Kek): Promise<Rotation> {
  const { rows: workspaceKeys } = await db.query<{ owner: string; version: number; wrapped_key: Buffer }>(
    'SELECT workspace_id AS owner, version, wrapped_key FROM workspace_key WHERE kek_id = $1',
    [from.id],
  )
  const { rows: platformKeys } = await db.query<{ owner: string; version: number; wrapped_key: Buffer }>(
    `SELECT '${PLATFORM}' AS owner, version, wrapped_key FROM platform_key WHERE kek_id = $1`,
    [from.id],
  )
  let rewrapped = 0
  for (const row of [...workspaceKeys, ...platformKeys]) {
    const wrapped: WrappedKeyRow = {
      workspaceId: row.owner,
      version: row.version,
      kekId: from.id,
      wrappedKey: row.wrapped_key,
    }
    const key = Buffer.from(wrapDataKey(to, row.owner, row.version, unwrapDataKey({ current: from }, wrapped)))
    const result =
      row.owner === PLATFORM
        ? await db.query('UPDATE platform_key SET kek_id = $1, wrapped_key = $2 WHERE version = $3 AND kek_id = $4', [
            to.id,
            key,
            row.version,
            from.id,
          ])
        : await db.query(
            `UPDATE workspace_key SET kek_id = $1, wrapped_key = $2
              WHERE workspace_id = $3 AND version = $4 AND kek_id = $5`,
            [to.id, key, row.owner, row.version, from.id],
          )
    rewrapped += result.rowCount ?? 0
  }
  return { rewrapped, stillUnderPrevious: await countKeysWrappedBy(db, from) }
}

async function countKeysWrappedBy(db: Queryable, kek: Kek): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM workspace_key WHERE kek_id = $1)
          + (SELECT count(*) FROM platform_key WHERE kek_id = $1) AS n`,
    [kek.id],
  )
  return Number(rows[0]?.n ?? 0)
}
