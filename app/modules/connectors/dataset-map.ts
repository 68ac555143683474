// The dataset map of a Postgres data system: which tables hold personal data, how a subject is
// found in them (identity columns, and references between tables), what each column means and
// how it is erased. Discovered from the schema, reviewed and edited by members, saved as
// numbered versions (decision 031). The same JSON goes through the data systems API, so a
// company can keep it in code: this schema is the one definition of it.
import { z } from 'zod'
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'

/** Postgres identifiers as they are in the catalogue: at most 63 bytes, no control characters. */
const identifier = z
  .string()
  .min(1, 'A name cannot be empty.')
  .max(63, 'Postgres names are at most 63 characters long.')
  .refine((value) => !CONTROL_CHARACTER.test(value), 'A name cannot contain control characters.')

/** How the subject is recognised by a column's value. */
export const IDENTITY_KINDS = ['email', 'user_id', 'phone', 'other'] as const

/**
 * What erasure does to a column. `delete_row` on any column deletes the whole row (the other
 * columns' strategies then do not apply); `hash` is an HMAC keyed per workspace, so the same
 * value hashes alike across tables and nothing can be reversed; `keep` needs its legal ground.
 */
export const ERASURE_STRATEGIES = ['delete_row', 'null', 'mask', 'hash', 'keep'] as const
export type ErasureStrategy = (typeof ERASURE_STRATEGIES)[number]

export const columnMapSchema = z
  .object({
    name: identifier,
    /** The column's type as the catalogue names it (`text`, `uuid`, `timestamp with time zone`). */
    type: z.string().min(1).max(200),
    /** The subject is found by this column's value (e-mail, their id in the system, phone). */
    identity: z.enum(IDENTITY_KINDS).nullable().default(null),
    /** A data category (`contact`, `identifier`, `financial`, `location`, `behaviour`, …); null: not personal. */
    category: z.string().max(60).nullable().default(null),
    strategy: z.enum(ERASURE_STRATEGIES),
    /** Why a `keep` column is kept (a legal ground, e.g. "Invoices: 10 years, HGB §257"). */
    keepReason: z.string().max(500).nullable().default(null),
  })
  .refine((column) => column.strategy !== 'keep' || (column.keepReason ?? '').trim().length > 0, {
    message: 'A column that is kept needs the legal ground for keeping it.',
    path: ['keepReason'],
  })
export type ColumnMap = z.infer<typeof columnMapSchema>

export const tableMapSchema = z.object({
  schema: identifier,
  name: identifier,
  /** The primary key's columns; empty for a table without one (rows are then matched by ctid). */
  primaryKey: z.array(identifier).max(32),
  /** false: the table is known but holds no personal data (or is left out on purpose). */
  included: z.boolean(),
  columns: z.array(columnMapSchema).max(1600),
})
export type TableMap = z.infer<typeof tableMapSchema>

/** A foreign key (or a reference a member declared): `from` rows point at `to` rows. */
export const referenceSchema = z.object({
  from: z.object({ schema: identifier, table: identifier, columns: z.array(identifier).min(1).max(32) }),
  to: z.object({ schema: identifier, table: identifier, columns: z.array(identifier).min(1).max(32) }),
  /** Discovered from pg_constraint, or declared by a member (no constraint in the database). */
  source: z.enum(['foreign_key', 'declared']).default('foreign_key'),
})
export type Reference = z.infer<typeof referenceSchema>

export const datasetMapSchema = z
  .object({
    tables: z.array(tableMapSchema).max(2000),
    references: z.array(referenceSchema).max(10_000),
  })
  .superRefine((map, ctx) => {
    const tables = new Map(map.tables.map((t) => [`${t.schema}.${t.name}`, t]))
    if (tables.size !== map.tables.length) ctx.addIssue({ code: 'custom', message: 'A table is listed twice.', path: ['tables'] })
    map.references.forEach((reference, index) => {
      for (const end of ['from', 'to'] as const) {
        const side = reference[end]
        const table = tables.get(`${side.schema}.${side.table}`)
        const missing = table ? side.columns.find((c) => !table.columns.some((col) => col.name === c)) : undefined
        if (!table || missing) {
          ctx.addIssue({
            code: 'custom',
            path: ['references', index, end],
            message: table ? `${side.schema}.${side.table} has no column ${missing}.` : `${side.schema}.${side.table} is not in the map.`,
          })
        }
      }
      if (reference.from.columns.length !== reference.to.columns.length) {
        ctx.addIssue({ code: 'custom', path: ['references', index], message: 'A reference joins as many columns on each side.' })
      }
    })
    if (!map.tables.some((t) => t.included && t.columns.some((c) => c.identity))) {
      ctx.addIssue({ code: 'custom', path: ['tables'], message: 'The map needs at least one identity column (an e-mail, a user id …) in an included table.' })
    }
  })
export type DatasetMap = z.infer<typeof datasetMapSchema>
