// The dataset map Candor proposes from a database's catalogue, for a member to review: which
// tables hold a subject's data, how the subject is found (identity columns), what each column
// is (a data category guessed from its name and type) and how erasure treats it. Pure, so the
// rules are table-tested; the rules and their reasons are in decision 032.
//
// Erasure is proposed per table: the rows that are wholly the subject's are deleted; rows
// other rows depend on (a NOT NULL reference into them), records that are usually kept
// (orders, invoices) and the person table itself stay, with their personal columns nulled,
// masked or hashed. Where no such change fits (a key, a NOT NULL number) the proposal is
// `keep` WITHOUT a ground: the map does not save until a member types the legal ground or
// chooses another strategy, so nothing is kept that nobody decided to keep.
import type { DataCategory } from '../data-categories'
import type { ColumnMap, DatasetMap, ErasureStrategy, TableMap } from '../dataset-map'
import { type Catalog, type CatalogColumn, type CatalogTable, tableKey } from './catalog'

const PERSON_TABLE = /^(users?|customers?|accounts?|members?|people|persons?|profiles?|subscribers?|clients?|patients?|employees?)$/i
const RECORD_TABLE = /(^|_)(orders?|invoices?|payments?|transactions?|receipts?|bookings?|purchases?|subscriptions?|refunds?|credit_notes?|contracts?)$/i
const TEXT_TYPE = /^(text|character varying|character|varchar|char|citext|name)\b/

/** The ground shown for columns that hold no personal data (editable like any other). */
export const NOT_PERSONAL = 'Not personal data.'
/** The ground shown for the columns of a table the proposal leaves out (nothing there is erased). */
export const LEFT_OUT = 'The table is left out of the map: nothing in it is read or erased.'

type Guess = { category: DataCategory; identity?: 'email' | 'phone' }

const NAME_WORDS = new Set(['full', 'first', 'last', 'given', 'family', 'middle', 'display', 'billed', 'billing', 'contact', 'customer', 'recipient', 'shipping', 'sender', 'author', 'nick', 'legal'])

/** A column's data category from its name and type, or null when nothing points at personal data. */
export function guessCategory(column: Pick<CatalogColumn, 'name' | 'type'>, inPersonTable: boolean): Guess | null {
  const name = column.name.toLowerCase()
  const words = name.split(/[^a-z0-9]+/).filter(Boolean)
  const has = (...candidates: string[]) => candidates.some((c) => words.includes(c))
  const type = column.type.toLowerCase()
  if (/e-?mail/.test(name) || /e-?mail/.test(type)) return { category: 'contact', identity: 'email' }
  if (has('phone', 'mobile', 'telephone', 'tel', 'msisdn', 'fax') || /phone/.test(name)) return { category: 'contact', identity: 'phone' }
  if (has('ip', 'ipaddress', 'useragent', 'device', 'cookie', 'fingerprint', 'username', 'login') || /^(inet|cidr|macaddr)/.test(type) || /user_?agent|ip_?addr/.test(name)) {
    return { category: 'online_identifier' }
  }
  if (has('dob', 'birthday', 'birthdate') || /birth/.test(name)) return { category: 'date_of_birth' }
  if (has('street', 'city', 'postcode', 'zip', 'zipcode', 'country', 'address', 'latitude', 'longitude', 'lat', 'lng', 'lon', 'geo') || /postal/.test(name) || /^(point|geography|geometry)/.test(type)) {
    return { category: 'location' }
  }
  if (has('iban', 'bic', 'card', 'pan', 'salary', 'income') || /account_?number|credit|bank/.test(name)) return { category: 'financial' }
  if (has('ssn', 'passport', 'national', 'tax', 'vat', 'licence', 'license')) return { category: 'identifier' }
  const last = words.at(-1)
  if (name === 'name' ? inPersonTable : last === 'name' && words.length > 1 && NAME_WORDS.has(words[0]!)) return { category: 'name' }
  if (has('surname', 'firstname', 'lastname', 'fullname')) return { category: 'name' }
  if (TEXT_TYPE.test(type) && has('body', 'comment', 'comments', 'note', 'notes', 'message', 'bio', 'about', 'content', 'subject', 'text', 'feedback')) {
    return { category: 'free_text' }
  }
  return null
}

type Link = { table: string; column: string }

export function proposeMap(catalog: Catalog): DatasetMap {
  const tables = new Map(catalog.tables.map((t) => [tableKey(t), t]))
  const isPersonTable = (t: CatalogTable) => PERSON_TABLE.test(t.name) && t.primaryKey.length === 1
  // Single-column foreign keys to a person table's key: the subject's id in another table.
  const subjectLinks: Link[] = catalog.foreignKeys
    .filter((fk) => fk.from.columns.length === 1 && fk.to.columns.length === 1)
    .filter((fk) => {
      const to = tables.get(tableKey(fk.to))
      return to && isPersonTable(to) && to.primaryKey[0] === fk.to.columns[0] && tableKey(fk.from) !== tableKey(fk.to)
    })
    .map((fk) => ({ table: tableKey(fk.from), column: fk.from.columns[0]! }))

  const at = (table: string, column: string) => `${table}\u0000${column}`
  const linked = new Set(subjectLinks.map((l) => at(l.table, l.column)))
  const selfReferencing = new Set(
    catalog.foreignKeys.filter((fk) => tableKey(fk.from) === tableKey(fk.to)).flatMap((fk) => fk.from.columns.map((c) => at(tableKey(fk.from), c))),
  )
  const columnsOf = new Map<string, ColumnMap[]>()
  for (const table of catalog.tables) {
    const person = isPersonTable(table)
    columnsOf.set(
      tableKey(table),
      table.columns.map((column) => {
        const guess = guessCategory(column, person)
        const subjectKey = (person && table.primaryKey[0] === column.name) || linked.has(at(tableKey(table), column.name))
        const selfReference = person && selfReferencing.has(at(tableKey(table), column.name))
        const identity = subjectKey ? ('user_id' as const) : (guess?.identity ?? null)
        // Someone else's id in the person table (who referred them): personal, but not theirs to find them by.
        const category = subjectKey || selfReference ? 'identifier' : (guess?.category ?? null)
        return { name: column.name, type: column.type, identity, category, strategy: 'keep' as ErasureStrategy, keepReason: null }
      }),
    )
  }

  // Included: tables where the subject is found, and every table whose rows point at an included table's rows.
  const included = new Set([...columnsOf].filter(([, columns]) => columns.some((c) => c.identity)).map(([key]) => key))
  for (let grew = true; grew; ) {
    grew = false
    for (const fk of catalog.foreignKeys) {
      if (included.has(tableKey(fk.to)) && !included.has(tableKey(fk.from))) {
        included.add(tableKey(fk.from))
        grew = true
      }
    }
  }
  // Rows others depend on stay: another table's NOT NULL reference would break (or take other people's rows with it).
  const dependedOn = new Set(
    catalog.foreignKeys
      .filter((fk) => tableKey(fk.from) !== tableKey(fk.to))
      .filter((fk) => {
        const from = tables.get(tableKey(fk.from))
        return from && fk.from.columns.some((c) => from.columns.find((col) => col.name === c)?.nullable === false)
      })
      .map((fk) => tableKey(fk.to)),
  )

  const proposed: TableMap[] = catalog.tables.map((table) => {
    const key = tableKey(table)
    const columns = columnsOf.get(key)!
    const personal = columns.some((c) => c.category || c.identity)
    const rowsStay = isPersonTable(table) || RECORD_TABLE.test(table.name) || dependedOn.has(key) || !personal
    return {
      schema: table.schema,
      name: table.name,
      primaryKey: table.primaryKey,
      included: included.has(key),
      columns: columns.map((column, index) => {
        const facts = table.columns[index]!
        const strategy = rowsStay ? columnStrategy(column, facts, table) : 'delete_row'
        const ground = !included.has(key) ? LEFT_OUT : !column.category && !column.identity ? NOT_PERSONAL : null
        return { ...column, strategy, keepReason: strategy === 'keep' ? ground : null }
      }),
    }
  })

  return {
    tables: proposed,
    references: catalog.foreignKeys.map((fk) => ({ from: fk.from, to: fk.to, source: 'foreign_key' as const })),
  }
}

/** How a column of a row that stays is erased: changed where the column allows it, else `keep` awaiting a ground. */
function columnStrategy(column: ColumnMap, facts: CatalogColumn, table: CatalogTable): ErasureStrategy {
  if (!column.category && !column.identity) return 'keep'
  if (table.primaryKey.includes(column.name)) return 'keep'
  const text = TEXT_TYPE.test(facts.type)
  // An e-mail is hashed rather than blanked: unique constraints hold and the same address still matches across tables.
  if (text && column.identity === 'email') return 'hash'
  if (facts.nullable) return 'null'
  if (text) return column.identity ? 'hash' : 'mask'
  return 'keep'
}

/** Columns proposed (or set) to `keep` that are personal and still lack the ground for keeping them. */
export function columnsNeedingGround(map: DatasetMap): { table: string; column: string }[] {
  return map.tables.flatMap((table) =>
    table.columns.filter((c) => c.strategy === 'keep' && !(c.keepReason ?? '').trim()).map((c) => ({ table: tableKey(table), column: c.name })),
  )
}
