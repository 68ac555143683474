// A transaction on a plain pg connection (the owner's work: backups, drills, purges, audit
// verification), for what must commit together or not at all.
import type pg from 'pg'

/** `work` between BEGIN and COMMIT on `client`; rolled back, and the error rethrown, if it throws. */
export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const result = await work()
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/** `work` in a transaction on a connection of `pool`, released after. */
export async function inPoolTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    return await inTransaction(client, () => work(client))
  } finally {
    client.release()
  }
}
