// The dry run of the Postgres connector, shown when a member sets a system up: for a test
// identity, the traversal and the exact statements access and erasure would run, with their
// parameters and row counts, inside a READ ONLY transaction that is rolled back. Nothing changes
// in the customer's database (erasure's statements are shown and their rows counted, not run).
import type pg from 'pg'
import type { DatasetMap } from '../dataset-map'
import type { PostgresSettings } from '../settings'
import { connectPostgres } from './client.server'
import { describeConnectionError } from './connection-errors'
import { changeSql, clearReferencesSql, deleteSql, readSql, referencesCountSql } from './sql'
import { type Run, type Step, checkMapAgainstDatabase, findSubjectRows } from './subject-rows.server'
import { type TraversalPlan, planTraversal, tableErasure } from './traversal-plan'

export type DryRunReport = {
  /** How the subject is found, in words: searched tables, followed and skipped references. */
  plan: { searched: string[]; followed: string[]; notFollowed: string[]; eraseOrder: string[] }
  /** The statements that found the subject's rows, with their parameters and row counts. */
  find: Step[]
  /** The statement access would stream per table (through a cursor), with its row count. */
  access: Step[]
  /** The statements erasure would run, in order, with the rows each would change (counted, not run). */
  erasure: Step[]
  /** Advice, e.g. an index the search lacks on a large table. */
  notes: string[]
}

export type DryRunResult = { ok: true; report: DryRunReport } | { ok: false; error: string }

/** Long parameter arrays (ctids) are shown by their first values and their length. */
const SHOWN_VALUES = 10
const show = (params: unknown[]) =>
  params.map((p) => (Array.isArray(p) && p.length > SHOWN_VALUES ? [...p.slice(0, SHOWN_VALUES), `… ${p.length} values in all`] : p))

/** A table read whole by a search is worth an index once it has this many rows. */
const LARGE_TABLE_ROWS = 10_000

/**
 * Dry-run the connector against the database in `settings` for the test identity `email`, with
 * `map` (a saved map or the one under review). Never throws for the customer's database's
 * failures: `{ ok: false, error }` says in words what went wrong (describeConnectionError).
 */
export async function dryRun(input: { settings: PostgresSettings; password: string | null; map: DatasetMap; email: string }): Promise<DryRunResult> {
  const plan = planTraversal(input.map)
  let client: pg.Client | undefined
  try {
    client = await connectPostgres(input.settings, input.password)
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    return { ok: true, report: await report(client, plan, input.email) }
  } catch (error) {
    return { ok: false, error: describeConnectionError(error) }
  } finally {
    if (client) {
      await client.query('ROLLBACK').catch(() => {})
      await client.end().catch(() => {})
    }
  }
}

async function report(client: pg.Client, plan: TraversalPlan, email: string): Promise<DryRunReport> {
  const recorder = (steps: Step[]): Run => async (what, sql, params) => {
    const result = await client.query(sql, params)
    steps.push({ what, sql, params: show(params), rows: result.rowCount ?? 0 })
    return result
  }
  await checkMapAgainstDatabase((_what, sql, params) => client.query(sql, params), plan)
  const find: Step[] = []
  const found = await findSubjectRows(recorder(find), plan, email, { lock: false })
  const access: Step[] = []
  for (const [name, ctids] of found) {
    const table = plan.tables.get(name)!.table
    const sql = readSql(table, table.columns.map((c) => c.name))
    access.push({ what: `${name}: the subject’s rows, streamed through a cursor`, sql, params: show([[...ctids]]), rows: ctids.size })
  }
  const erasure: Step[] = []
  for (const name of plan.eraseOrder) {
    const table = plan.tables.get(name)!.table
    const ctids = [...found.get(name)!]
    const how = tableErasure(table)
    if (how.kind === 'delete') {
      for (const edge of plan.incoming.get(name) ?? []) {
        const child = plan.allTables.get(edge.child)
        if (!child) continue
        const params = edge.child === name ? [ctids, ctids] : [ctids]
        const counted = await client.query(referencesCountSql(edge, table, child), params)
        erasure.push({ what: `${edge.child}.${edge.childColumns.join(', ')}: other rows’ references set to NULL`, sql: clearReferencesSql(edge, table, child), params: show(params), rows: counted.rows[0].n })
      }
      erasure.push({ what: `${name}: rows deleted`, sql: deleteSql(table), params: show([ctids]), rows: ctids.length })
    } else if (how.kind === 'change') {
      const hashed = how.columns.filter((c) => c.strategy === 'hash').map((c) => `HMAC-SHA256 of each row’s ${c.column.name}`)
      erasure.push({ what: `${name}: rows de-identified`, sql: changeSql(table, how.columns), params: show([ctids, ...hashed]), rows: ctids.length })
    } else {
      erasure.push({ what: `${name}: rows kept (${how.kept.map((c) => c.keepReason).join(' ')})`, sql: '', params: [], rows: ctids.length })
    }
  }
  return { plan: planInWords(plan), find, access, erasure, notes: await indexNotes(client, find) }
}

function planInWords(plan: TraversalPlan): DryRunReport['plan'] {
  const why = { self_reference: 'a table’s reference to itself leads to other people’s rows', person_table: 'a table with its own e-mail column is searched by it', not_included: 'a table left out of the map' }
  const reference = (from: string, fromColumns: string[], to: string, toColumns: string[]) => `${from}.${fromColumns.join(', ')} → ${to}.${toColumns.join(', ')}`
  return {
    searched: plan.seeds.map((s) => `${s.table} by ${s.columns.join(' or ')} (case-insensitive)`),
    followed: plan.edges.map((e) => reference(e.child, e.childColumns, e.parent, e.parentColumns)),
    notFollowed: plan.skipped.map(({ reference: r, why: w }) => `${reference(`${r.from.schema}.${r.from.table}`, r.from.columns, `${r.to.schema}.${r.to.table}`, r.to.columns)}: ${why[w]}`),
    eraseOrder: plan.eraseOrder,
  }
}

/** A search that reads a large table whole: name the index that would spare it. */
async function indexNotes(client: pg.Client, find: Step[]): Promise<string[]> {
  const notes: string[] = []
  for (const step of find) {
    const params = step.params.map((p) => (Array.isArray(p) ? p.filter((v) => !String(v).startsWith('…')) : p))
    const explained = await client.query(`EXPLAIN (FORMAT JSON, VERBOSE) ${step.sql}`, params)
    for (const [schema, relation] of seqScans(explained.rows[0]['QUERY PLAN'][0].Plan)) {
      const { rows } = await client.query(
        'SELECT c.reltuples::bigint AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relname = $2',
        [schema, relation],
      )
      const size = Number(rows[0]?.n ?? 0)
      if (size >= LARGE_TABLE_ROWS) notes.push(`${step.what}: reads ${schema}.${relation} whole (about ${size} rows); an index on the columns it searches would make it fast.`)
    }
  }
  return [...new Set(notes)]
}

function seqScans(node: { 'Node Type': string; 'Relation Name'?: string; Schema?: string; Plans?: unknown[] }): [string, string][] {
  const here: [string, string][] = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [[node.Schema ?? 'public', node['Relation Name']]] : []
  return [...here, ...(node.Plans ?? []).flatMap((child) => seqScans(child as typeof node))]
}
