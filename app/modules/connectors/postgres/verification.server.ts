// The check an erasure runs inside its own transaction, after its changes and before COMMIT:
// none of the subject's identifying values is left where the map says they could be. The e-mail
// and the subject's user ids are looked for in the whole of every identity column of their kind
// (a row the traversal missed would show here); values that other people may share (a phone
// number, an "other" identity) only in the subject's changed rows, and every value in the columns
// the erasure nulled, masked or hashed in those rows.
import { isText, remainingInRowsSql, remainingTextSql, remainingValueSql } from './sql'
import type { Run } from './subject-rows.server'
import type { TableName, TraversalPlan } from './traversal-plan'

/** What the subject was known by: their e-mail, and identity values read from their rows. */
export type IdentifyingValues = { email: string; found: { kind: string; type: string; value: string }[] }

export type Verification = { checkedAt: string; places: number; remaining: number; passed: boolean; where: string[] }

const FULL_TABLE_KINDS = new Set(['email', 'user_id'])

export async function verifyErasure(
  run: Run,
  plan: TraversalPlan,
  values: IdentifyingValues,
  changed: Map<TableName, { ctids: string[]; columns: string[] }>,
): Promise<Verification> {
  const emails = [...new Set([values.email, ...values.found.filter((v) => v.kind === 'email').map((v) => v.value)].map((v) => v.toLowerCase()))]
  const everyValue = [...new Set([...emails, ...values.found.map((v) => v.value.toLowerCase())])]
  let places = 0
  let remaining = 0
  const where: string[] = []
  const count = async (what: string, sql: string, params: unknown[]) => {
    places += 1
    const n = (await run(`verify ${what}`, sql, params)).rows[0].n as number
    remaining += n
    if (n > 0) where.push(`${what} (${n} ${n === 1 ? 'row' : 'rows'})`)
  }
  for (const { id, table } of plan.tables.values()) {
    for (const column of table.columns) {
      if (!column.identity || column.strategy === 'keep' || !FULL_TABLE_KINDS.has(column.identity)) continue
      if (column.identity === 'email' || isText(column)) {
        await count(`${id}.${column.name}`, remainingTextSql(table, column.name), [emails])
      } else {
        const same = [...new Set(values.found.filter((v) => v.kind === column.identity && v.type === column.type).map((v) => v.value))]
        if (same.length > 0) await count(`${id}.${column.name}`, remainingValueSql(table, column.name), [same])
      }
    }
    const rows = changed.get(id)
    if (rows && rows.ctids.length > 0 && rows.columns.length > 0) {
      await count(`${id} (${rows.columns.join(', ')} of the changed rows)`, remainingInRowsSql(table, rows.columns), [everyValue, rows.ctids])
    }
  }
  return { checkedAt: new Date().toISOString(), places, remaining, passed: remaining === 0, where }
}
