// Prisma's schema engine cannot run here, so nothing generates migrations from schema.prisma.
// This test is the guard: the database built by prisma/migrations must be exactly what
// schema.prisma describes (tables, columns, types, nullability, enums, keys, indexes, relations).
import { readFile } from 'node:fs/promises'
import { getDMMF } from '@prisma/get-dmmf'
import { beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'

type DMMF = Exclude<Awaited<ReturnType<typeof getDMMF>>, { error: unknown }>
type Model = DMMF['datamodel']['models'][number]
type Field = Model['fields'][number]

let dmmf: DMMF
const sql = async <T,>(text: string) => (await ownerPool().query(text)).rows as T[]

beforeAll(async () => {
  const result = await getDMMF({ datamodel: await readFile('prisma/schema.prisma', 'utf8') })
  if ('error' in result) throw new Error(`schema.prisma is invalid: ${JSON.stringify(result)}`)
  dmmf = result
})

const tableOf = (model: Model) => model.dbName ?? model.name
const columnOf = (field: Field) => field.dbName ?? field.name
const modelByName = (name: string) => {
  const model = dmmf.datamodel.models.find((m) => m.name === name)
  if (!model) throw new Error(`no model ${name}`)
  return model
}

function expectedType(field: Field): string {
  if (field.kind === 'enum') {
    const enumType = dmmf.datamodel.enums.find((e) => e.name === field.type)
    return enumType?.dbName ?? field.type
  }
  const native = (field.nativeType?.[0] as string | undefined) ?? null
  const precision = (field.nativeType?.[1] as string[] | undefined)?.[0]
  switch (field.type) {
    case 'String':
      return native === 'Uuid' ? 'uuid' : native === 'VarChar' ? 'varchar' : 'text'
    case 'Int':
      return 'int4'
    case 'BigInt':
      return 'int8'
    case 'Boolean':
      return 'bool'
    case 'Json':
      return 'jsonb'
    case 'Bytes':
      return 'bytea'
    case 'DateTime':
      // A calendar day has no precision; timestamps do.
      if (native === 'Date') return 'date'
      return `${native === 'Timestamptz' ? 'timestamptz' : 'timestamp'}(${precision ?? 3})`
    default:
      return `unmapped:${field.type}`
  }
}

describe('schema.prisma and the migrated database', () => {
  it('have the same tables', async () => {
    const tables = await sql<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'
        AND tablename <> '_candor_migrations' ORDER BY 1`,
    )
    expect(tables.map((t) => t.name)).toEqual(dmmf.datamodel.models.map(tableOf).sort())
  })

  it('have the same columns, types and nullability', async () => {
    const rows = await sql<{ table: string; column: string; type: string; nullable: boolean }>(
      `SELECT c.relname AS table, a.attname AS column, NOT a.attnotnull AS nullable,
              CASE WHEN t.typname IN ('timestamptz', 'timestamp')
                   THEN t.typname || '(' || CASE WHEN a.atttypmod < 0 THEN 6 ELSE a.atttypmod END || ')'
                   ELSE t.typname END AS type
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname <> '_candor_migrations'`,
    )
    const actual = rows.map((r) => `${r.table}.${r.column} ${r.type}${r.nullable ? '?' : ''}`).sort()
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
          .map((f) => `${tableOf(model)}.${columnOf(f)} ${f.isList ? '_' : ''}${expectedType(f)}${f.isRequired ? '' : '?'}`),
      )
      .sort()
    expect(actual).toEqual(expected)
  })

  it('have the same enums and values', async () => {
    const rows = await sql<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY 1`,
    )
    const expected = dmmf.datamodel.enums
      .map((e) => ({ name: e.dbName ?? e.name, labels: e.values.map((v) => v.dbName ?? v.name) }))
      .sort((x, y) => x.name.localeCompare(y.name))
    expect(rows).toEqual(expected)
  })

  it('have the same primary keys, unique constraints and indexes', async () => {
    const rows = await sql<{ table: string; kind: string; columns: string[] }>(
      `SELECT c.relname AS table,
              CASE WHEN i.indisprimary THEN 'id' WHEN i.indisunique THEN 'unique' ELSE 'normal' END AS kind,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE n.nspname = 'public' AND c.relname <> '_candor_migrations'
          AND i.indpred IS NULL -- partial indexes cannot be written in schema.prisma
        GROUP BY c.relname, i.indexrelid, i.indisprimary, i.indisunique`,
    )
    const actual = rows.map((r) => `${r.table} ${r.kind} (${r.columns.join(', ')})`).sort()
    const expected = dmmf.datamodel.indexes
      .map((index) => {
        const model = modelByName(index.model)
        const columns = index.fields.map((f) => columnOf(model.fields.find((x) => x.name === f.name)!))
        return `${tableOf(model)} ${index.type} (${columns.join(', ')})`
      })
      .sort()
    expect(actual).toEqual(expected)
  })

  it('have the same foreign keys and delete rules', async () => {
    const rows = await sql<{ fk: string }>(
      `SELECT format('%s (%s) -> %s (%s) on delete %s', c.conrelid::regclass,
                     -- In the key's own order: a composite key pairs its columns by position.
                     (SELECT string_agg(a.attname, ', ' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                     c.confrelid::regclass,
                     (SELECT string_agg(a.attname, ', ' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, i)
                       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum),
                     CASE c.confdeltype WHEN 'c' THEN 'Cascade' WHEN 'r' THEN 'Restrict'
                       WHEN 'n' THEN 'SetNull' WHEN 'd' THEN 'SetDefault' ELSE 'NoAction' END) AS fk
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'`,
    )
    const quote = (name: string) => (name === 'user' ? '"user"' : name)
    const expected = dmmf.datamodel.models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === 'object' && f.relationFromFields?.length)
        .map((f) => {
          const target = modelByName(f.type)
          const from = f.relationFromFields!.map((n) => columnOf(model.fields.find((x) => x.name === n)!))
          const to = f.relationToFields!.map((n) => columnOf(target.fields.find((x) => x.name === n)!))
          const onDelete = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull')
          return `${quote(tableOf(model))} (${from.join(', ')}) -> ${quote(tableOf(target))} (${to.join(', ')}) on delete ${onDelete}`
        }),
    )
    expect(rows.map((r) => r.fk).sort()).toEqual(expected.sort())
  })
})
