import { describe, expect, it } from 'vitest'
import type { TableMap } from '../dataset-map'
import { changeSql, clearReferencesSql, edgeSql, readSql, seedSql } from './sql'

const table = (schema: string, name: string): TableMap => ({ schema, name, primaryKey: [], included: true, columns: [] })
const column = (name: string, type: string) => ({ name, type, identity: null, category: 'contact', strategy: 'null' as const, keepReason: null })

describe('the SQL built from a map', () => {
  it.each([
    ['a plain name', table('public', 'users'), '"public"."users"'],
    ['a quote in a name', table('we"ird', 'x"; DROP TABLE users; --'), '"we""ird"."x""; DROP TABLE users; --"'],
    ['capitals and spaces', table('Sales', 'Order Lines'), '"Sales"."Order Lines"'],
  ])('quotes %s', (_what, t, quoted) => {
    expect(readSql(t, ['a"b'])).toBe(`SELECT "a""b" FROM ${quoted} WHERE ctid = ANY($1::tid[])`)
  })

  it('searches every e-mail column case-insensitively, the e-mail a parameter, locked for erasure', () => {
    expect(seedSql(table('public', 'users'), ['email', 'work_email'], true)).toBe(
      'SELECT t.ctid::text AS ctid FROM "public"."users" t WHERE lower(t."email"::text) = $1 OR lower(t."work_email"::text) = $1 FOR UPDATE OF t',
    )
  })

  it('joins a composite reference column by column', () => {
    const edge = { parent: 'public.orders', child: 'public.lines', parentColumns: ['shop', 'id'], childColumns: ['shop', 'order_id'] }
    expect(edgeSql(edge, table('public', 'orders'), table('public', 'lines'), false)).toBe(
      'SELECT c.ctid::text AS ctid FROM "public"."lines" c JOIN "public"."orders" p ON c."shop" = p."shop" AND c."order_id" = p."id" WHERE p.ctid = ANY($1::tid[])',
    )
  })

  it('leaves the rows deleted with them alone when a table references itself', () => {
    const edge = { parent: 'public.users', child: 'public.users', parentColumns: ['id'], childColumns: ['referred_by'] }
    expect(clearReferencesSql(edge, table('public', 'users'), table('public', 'users'))).toBe(
      'UPDATE "public"."users" c SET "referred_by" = NULL FROM "public"."users" p WHERE c."referred_by" = p."id" AND p.ctid = ANY($1::tid[]) AND NOT (c.ctid = ANY($2::tid[]))',
    )
  })

  it('nulls, masks by type and sets hashes given per row', () => {
    const sql = changeSql(table('public', 'users'), [
      { column: column('phone', 'text'), strategy: 'null' },
      { column: column('name', 'character varying(80)'), strategy: 'mask' },
      { column: column('born', 'date'), strategy: 'mask' },
      { column: column('email', 'text'), strategy: 'hash' },
    ])
    expect(sql).toBe(
      `UPDATE "public"."users" t SET "phone" = NULL, "name" = 'erased-' || substr(md5(random()::text), 1, 12), "born" = NULL, "email" = v."email" FROM unnest($1::tid[], $2::text[]) AS v(tid, "email") WHERE t.ctid = v.tid RETURNING t.ctid::text AS ctid`,
    )
  })
})
