// The dry run a member sees while setting a Postgres system up: for a test identity, how the
// subject is found and the exact statements access and erasure would run, with parameters and
// row counts; nothing in the customer's database changes.
import { describe, expect, it } from 'vitest'
import { dryRun } from '~/modules/connectors/postgres/dry-run.server'
import { addCustomer, customerDatabases, REFUSED_LOGIN, UNKNOWN_ROLE } from '../support/customer-database'
import { customerMap } from '../support/customer-map'
import { rowsAt, withClient } from '../support/database-url'
import { settingsOf } from '../support/customer-connection'

const customerDatabase = customerDatabases()

const everything = (url: string) =>
  rowsAt(
    url,
    `SELECT (SELECT json_agg(u ORDER BY id) FROM users u) AS users, (SELECT json_agg(e ORDER BY kind) FROM events e) AS events,
            (SELECT json_agg(o ORDER BY id) FROM orders o) AS orders, (SELECT json_agg(t ORDER BY id) FROM support_tickets t) AS tickets,
            (SELECT json_agg(s) FROM newsletter_signups s) AS signups`,
  )

describe('a dry run', () => {
  it('shows the traversal and the statements with their parameters and row counts, and changes nothing', async () => {
    const url = await customerDatabase()
    await withClient(url, async (client) => {
      await addCustomer(client, 'olga@example.org', 'Olga Other')
      await addCustomer(client, 'dana@example.com')
    })
    const before = await everything(url)
    const { settings, password } = settingsOf(url)
    const result = await dryRun({ settings, password, map: customerMap({ deleteUsers: true }), email: 'DANA@example.com' })
    if (!result.ok) throw new Error(result.error)
    const { report } = result
    expect(report.plan.searched).toContain('public.users by email (case-insensitive)')
    expect(report.plan.notFollowed).toContain('public.users.referred_by → public.users.id: a table’s reference to itself leads to other people’s rows')
    expect(report.find[0]).toEqual({
      what: 'public.organisations: rows whose billing_email is the e-mail',
      sql: 'SELECT t.ctid::text AS ctid FROM "public"."organisations" t WHERE lower(t."billing_email"::text) = $1',
      params: ['dana@example.com'],
      rows: 1,
    })
    const access = Object.fromEntries(report.access.map((step) => [step.what.split(':')[0], step.rows]))
    expect(access).toMatchObject({ 'public.users': 1, 'public.events': 2, 'public.ticket_comments': 2, 'public.orders': 1, 'public.newsletter_signups': 1 })
    expect(access).not.toHaveProperty('public.products')
    const erasure = report.erasure.map((step) => `${step.what} (${step.rows})`)
    expect(erasure).toContain('public.users: rows deleted (1)')
    expect(erasure).toContain('public.events: rows deleted (2)')
    expect(erasure).toContain('public.users.referred_by: other rows’ references set to NULL (0)')
    expect(report.erasure.find((step) => step.what === 'public.events: rows deleted')!.sql).toBe('DELETE FROM "public"."events" WHERE ctid = ANY($1::tid[])')
    expect(report.notes).toEqual([])
    expect(await everything(url)).toEqual(before)
  })

  it('says in words why it cannot run', async () => {
    const url = await customerDatabase()
    const { settings } = settingsOf(url)
    expect(await dryRun({ settings: { ...settings, user: UNKNOWN_ROLE }, password: 'wrong', map: customerMap(), email: 'dana@example.com' })).toEqual({
      ok: false,
      error: expect.stringMatching(REFUSED_LOGIN),
    })
    await rowsAt(url, 'ALTER TABLE users DROP COLUMN phone')
    expect(await dryRun({ ...settingsOf(url), map: customerMap(), email: 'dana@example.com' })).toEqual({
      ok: false,
      error: 'The column public.users.phone in the dataset map no longer exists in the database: review the map.',
    })
  })
})
