// The subject's rows in a customer's database, for an access request: one REPEATABLE READ READ
// ONLY transaction (every table read at the same moment, nothing changed), each table's rows
// streamed through a server-side cursor into `store`, one collection per table, never a whole
// table in memory.
import type pg from 'pg'
import type { Collection } from '~/modules/dsar/connectors/connector'
import { readSql } from './sql'
import { checkMapAgainstDatabase, findSubjectRows, type Run } from './subject-rows.server'
import type { TraversalPlan } from './traversal-plan'
import { JSON_SAFE_TYPES } from './values'

const FETCH_ROWS = 1000

export async function collectSubjectRows(client: pg.Client, plan: TraversalPlan, email: string, store: (collection: Collection) => Promise<void>): Promise<void> {
  const run: Run = (_what, sql, params) => client.query(sql, params)
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    await checkMapAgainstDatabase(run, plan)
    const found = await findSubjectRows(run, plan, email, { lock: false })
    let cursors = 0
    const names = new Set<string>()
    for (const [name, ctids] of found) {
      if (ctids.size === 0) continue
      cursors += 1
      const { table } = plan.tables.get(name)!
      const fields = table.columns.map((c) => c.name)
      await store({
        name: uniqueName(names, name.replace(/[^A-Za-z0-9_.-]/g, '_')),
        description: `The rows of ${name} that are about you.`,
        fields,
        rows: cursorRows(client, `candor_rows_${cursors}`, readSql(table, fields), [[...ctids]]),
      })
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/** A file-safe collection name no other table of this access has: `public.a_b`, then `public.a_b-2`. */
function uniqueName(taken: Set<string>, wanted: string): string {
  let name = wanted
  for (let n = 2; taken.has(name); n++) name = `${wanted}-${n}`
  taken.add(name)
  return name
}

/** A cursor of its own per table, left to end with the transaction (a CLOSE is one more round trip). */
async function* cursorRows(client: pg.Client, cursor: string, sql: string, params: unknown[]): AsyncIterable<Record<string, unknown>> {
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, params)
  for (;;) {
    const { rows } = await client.query({ text: `FETCH ${FETCH_ROWS} FROM ${cursor}`, types: JSON_SAFE_TYPES })
    yield* rows
    if (rows.length < FETCH_ROWS) break
  }
}
