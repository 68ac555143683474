// Erasing the subject's rows in a customer's database, in ONE transaction: find them again (rows
// added since the access are caught) and lock them; per table, children before parents, clear the
// references other rows hold to rows about to be deleted, then delete or change the rows as the
// map says; verify; hand the receipt over; COMMIT. Anything wrong rolls everything back: nothing
// is half-erased.
import type pg from 'pg'
import type { ErasureReceipt } from '~/modules/dsar/connectors/connector'
import type { TableMap } from '../dataset-map'
import { hashValue } from './hash-key.server'
import { changeSql, clearReferencesSql, deleteSql, valuesSql } from './sql'
import { type Run, type SubjectRows, batches, checkMapAgainstDatabase, findSubjectRows } from './subject-rows.server'
import { type TableName, type TraversalPlan, tableErasure } from './traversal-plan'
import { type IdentifyingValues, verifyErasure } from './verification.server'

/** The erasure could not be done as mapped; the message says where. Nothing was changed. */
export class ErasureRefusedError extends Error {}

export type ErasureInput = {
  plan: TraversalPlan
  email: string
  system: string
  mapVersion: number
  hashKey: Buffer
  beforeCommit(receipt: ErasureReceipt): Promise<void>
}

export async function eraseSubjectRows(client: pg.Client, input: ErasureInput): Promise<ErasureReceipt> {
  const run: Run = (_what, sql, params) => client.query(sql, params)
  await client.query('BEGIN')
  try {
    const receipt = await eraseInTransaction(run, input)
    await input.beforeCommit(receipt)
    await client.query('COMMIT')
    return receipt
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

async function eraseInTransaction(run: Run, { plan, email, system, mapVersion, hashKey }: ErasureInput): Promise<ErasureReceipt> {
  await checkMapAgainstDatabase(run, plan)
  const found = await findSubjectRows(run, plan, email, { lock: true })
  const values = await identifyingValues(run, plan, email, found)
  const items: ErasureReceipt['items'] = []
  const kept: NonNullable<ErasureReceipt['kept']> = []
  const changed = new Map<TableName, { ctids: string[]; columns: string[] }>()
  for (const name of plan.eraseOrder) {
    const { table } = plan.tables.get(name)!
    const ctids = [...found.get(name)!]
    const erasure = tableErasure(table)
    if (erasure.kind === 'delete') {
      items.push(...(await clearReferences(run, plan, name, ctids)))
      let deleted = 0
      for (const batch of batches(ctids)) deleted += (await refused(`Deleting the rows of ${name}`, run(`delete ${name}`, deleteSql(table), [batch]))).rowCount ?? 0
      refuseMissedRows(name, deleted, ctids.length)
      items.push({ what: `${name}: rows deleted`, count: deleted })
      continue
    }
    if (erasure.kind === 'change') {
      const newCtids = await changeRows(run, name, table, erasure.columns, ctids, hashKey)
      refuseMissedRows(name, newCtids.length, ctids.length)
      changed.set(name, { ctids: newCtids, columns: erasure.columns.map((c) => c.column.name) })
      const how = erasure.columns.map(({ column, strategy }) => `${column.name} ${strategy === 'null' ? 'cleared' : strategy === 'mask' ? 'masked' : 'hashed'}`)
      items.push({ what: `${name}: rows de-identified (${how.join(', ')})`, count: newCtids.length })
    }
    if (erasure.kept.length > 0) {
      const why = [...new Set(erasure.kept.map((c) => c.keepReason ?? ''))].join(' ')
      kept.push({ what: `${name}: ${erasure.kept.map((c) => c.name).join(', ')}`, count: ctids.length, why })
    }
  }
  const verification = await verifyErasure(run, plan, values, changed)
  if (!verification.passed) {
    throw new ErasureRefusedError(`The check after erasing found the subject’s values still in ${verification.where.join('; ')}. Nothing was erased: review the map.`)
  }
  const { where: _where, ...told } = verification
  return { system, erasedAt: new Date().toISOString(), items, kept, verification: told, mapVersion }
}

/** Identity values read from the subject's rows (user ids, phone numbers …), before they go. */
async function identifyingValues(run: Run, plan: TraversalPlan, email: string, found: SubjectRows): Promise<IdentifyingValues> {
  const values: IdentifyingValues = { email, found: [] }
  for (const [name, ctids] of found) {
    const { table } = plan.tables.get(name)!
    const identities = table.columns.filter((c) => c.identity)
    if (ctids.size === 0 || identities.length === 0) continue
    for (const batch of batches([...ctids])) {
      const { rows } = await run(`identity values of ${name}`, valuesSql(table, identities.map((c) => c.name)), [batch])
      for (const row of rows) {
        for (const column of identities) {
          const value = row[column.name] as string | null
          if (value !== null) values.found.push({ kind: column.identity!, type: column.type, value })
        }
      }
    }
  }
  return values
}

async function clearReferences(run: Run, plan: TraversalPlan, name: TableName, ctids: string[]): Promise<ErasureReceipt['items']> {
  const items: ErasureReceipt['items'] = []
  for (const edge of plan.incoming.get(name) ?? []) {
    const child = plan.allTables.get(edge.child)
    if (!child) continue
    const reference = `${edge.child}.${edge.childColumns.join(', ')}`
    let cleared = 0
    for (const batch of batches(ctids)) {
      const sql = clearReferencesSql(edge, plan.tables.get(name)!.table, child)
      const result = await run(`clear ${reference}`, sql, edge.child === name ? [batch, ctids] : [batch]).catch((error: { code?: string }) => {
        if (error.code === '23502' || error.code === '23514') {
          throw new ErasureRefusedError(
            `Rows of ${edge.child} point at rows of ${name} being deleted, and their ${reference} cannot be set to NULL: map ${edge.child} to be erased with them, or keep ${name}’s rows. Nothing was erased.`,
          )
        }
        throw error
      })
      cleared += result.rowCount ?? 0
    }
    if (cleared > 0) items.push({ what: `${reference}: references to erased rows cleared`, count: cleared })
  }
  return items
}

async function changeRows(
  run: Run,
  name: TableName,
  table: TableMap,
  columns: Parameters<typeof changeSql>[1],
  ctids: string[],
  hashKey: Buffer,
): Promise<string[]> {
  const hashed = columns.filter((c) => c.strategy === 'hash').map((c) => c.column)
  const changedCtids: string[] = []
  for (const batch of batches(ctids)) {
    const params: unknown[] = [batch]
    if (hashed.length > 0) {
      const { rows } = await run(`values to hash in ${name}`, valuesSql(table, hashed.map((c) => c.name)), [batch])
      const byCtid = new Map(rows.map((r) => [r.ctid as string, r]))
      for (const column of hashed) {
        params.push(batch.map((ctid) => {
          const value = byCtid.get(ctid)?.[column.name] as string | null | undefined
          if (value === null || value === undefined) return null
          return hashValue(hashKey, column.identity === 'email' ? value.toLowerCase() : value)
        }))
      }
    }
    const result = await refused(`Changing the rows of ${name}`, run(`change ${name}`, changeSql(table, columns), params))
    changedCtids.push(...result.rows.map((r) => r.ctid as string))
  }
  return changedCtids
}

/**
 * The rows were found and locked by their place on disk (ctid); a row that an earlier step of
 * this erasure changed (clearing a reference to a deleted row) has moved, so a later statement
 * would miss it. The erasure stops rather than commit with rows left and a receipt that
 * undercounts (references that go round in a cycle between erased tables).
 */
function refuseMissedRows(name: TableName, done: number, found: number) {
  if (done === found) return
  throw new ErasureRefusedError(
    `${found - done} of the ${found} rows of ${name} to erase were changed earlier in this erasure (their references to erased rows were cleared: the tables refer to each other in a cycle). Nothing was erased: map one side of the cycle to be kept or its reference to be cleared.`,
  )
}

/** A constraint the change breaks (a reference, NOT NULL, a check) named in words; nothing is erased. */
async function refused<T>(what: string, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    const coded = error as { code?: string; message?: string }
    if (coded.code?.startsWith('23')) throw new ErasureRefusedError(`${what} broke a rule of the database (${coded.message}). Nothing was erased: review the map.`)
    throw error
  }
}
