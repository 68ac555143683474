// A member sets up a customer's Postgres database in the browser and requests go through it:
// connect (a URL with its password, tested before saving), review the proposed dataset map
// (the two keys it cannot change wait for a ground; one strategy changed), save version 1,
// see a table created afterwards as "not yet mapped", dry-run a test identity (nothing changes),
// then an access and an erasure request complete through the database, the erasure's receipt
// on the request page carrying its verification. One signed-in browser for the file.
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addCustomer, customerDatabases } from '../support/customer-database'
import { rowsAt, withClient } from '../support/database-url'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { fileOnPortal } from '../support/requests'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
const customerDatabase = customerDatabases()

let page: Page
let slug: string
let url: string
let systemPath: string

beforeAll(async () => {
  url = await customerDatabase()
  await withClient(url, async (client) => {
    await addCustomer(client, 'dana@example.com', 'Dana Example')
    await addCustomer(client, 'olga@example.org', 'Olga Other')
  })
  const { workspace } = await makeWorkspace()
  slug = workspace.slug
  const admin = await addMember(workspace.id, 'admin')
  page = await signIn(app.candor.url, await app.browser.newContext(), admin.email)
})

/** Wait until every task of the request is done (and an access request's export is assembled). */
const workDone = (reference: string) =>
  eventually(
    async () =>
      (
        await ownerPool().query(
          `SELECT 1 FROM privacy_request r WHERE reference = $1
             AND NOT EXISTS (SELECT 1 FROM request_task t WHERE t.request_id = r.id AND t.state <> 'done')
             AND (r.type <> 'access' OR EXISTS (SELECT 1 FROM request_export e WHERE e.request_id = r.id AND e.bytes IS NOT NULL))`,
          [reference],
        )
      ).rows[0],
    { timeoutMs: 45_000, what: `the work on ${reference}` },
  )

/** axe-core's serious and critical findings on the page as it is now, by rule and place. */
async function seriousViolations(on: Page) {
  const { violations } = await new AxeBuilder({ page: on }).options({ resultTypes: ['violations'] }).analyze()
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('a Postgres data system, set up in the browser', () => {
  it('connects, reviews the proposed map, saves version 1, and shows a later table as not yet mapped', async () => {
    await page.goto(`${app.candor.url}/w/${slug}/privacy`)
    await page.getByRole('link', { name: 'Connect a Postgres database' }).click()
    await page.getByRole('heading', { name: 'Connect a Postgres database' }).waitFor()
    await page.getByLabel('Name', { exact: true }).fill('Shop database')
    await page.getByLabel('Connection URL (optional)').fill(`${url}?sslmode=disable`)
    await page.getByRole('button', { name: 'Test connection' }).click()
    await page.getByText(/^Connected as \S+ to PostgreSQL \d+[^,]*, without TLS/).waitFor()
    await page.getByText('No dataset map is saved yet, so no table privileges were checked.').waitFor()
    await page.screenshot({ path: 'test-results/screenshots/postgres-new.png', fullPage: true })
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('heading', { name: 'Shop database' }).waitFor()
    systemPath = new URL(page.url()).pathname
    // The password went to the sealed secret: nowhere in the settings or on the page.
    const password = decodeURIComponent(new URL(url).password)
    const { rows } = await ownerPool().query('SELECT settings, secret FROM data_system WHERE name = $1', ['Shop database'])
    expect(JSON.stringify(rows[0].settings)).not.toContain(password)
    expect(rows[0].secret).toMatch(/^v1\./)
    expect(await page.content()).not.toContain(password)

    // The proposal, as discovered.
    expect(await page.getByLabel('Include public.products').isChecked()).toBe(false)
    expect(await page.getByLabel('Include public.events').isChecked()).toBe(true)
    expect(await page.getByLabel('Identity of public.support_tickets.requester_email').inputValue()).toBe('email')
    expect(await page.getByLabel('Erasure of public.addresses.street').inputValue()).toBe('delete_row')
    expect(await page.getByLabel('Erasure of public.users.email').inputValue()).toBe('hash')
    expect(await page.getByTestId('grant-script').textContent()).toContain('GRANT SELECT ON ALL TABLES IN SCHEMA "public" TO "candor_privacy";')
    await page.getByText('2 columns cannot be erased by a change of value').waitFor()

    // Saved without the grounds: refused beside the two columns, nothing saved.
    await page.getByRole('button', { name: 'Save as version 1' }).click()
    await expect.poll(() => page.getByText('A column that is kept needs the legal ground for keeping it.').count()).toBe(2)
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM data_system_map')).rows[0].n).toBe(0)

    await page.getByLabel('Ground for keeping public.users.id').fill('Pseudonymous key: the kept orders point at it.')
    await page.getByLabel('Ground for keeping public.orders.user_id').fill('Orders are accounting records: 10 years (HGB §257).')
    await page.getByLabel('Erasure of public.users.full_name').selectOption('mask')
    await page.getByRole('button', { name: 'Save as version 1' }).click()
    await page.getByText('Saved as version 1.').waitFor()
    await page.getByText(/^Version 1 saved \d{4}-\d\d-\d\d \d\d:\d\d UTC by /).waitFor()
    const saved = (await ownerPool().query('SELECT version, map FROM data_system_map')).rows
    expect(saved).toHaveLength(1)
    const users = saved[0].map.tables.find((t: { name: string }) => t.name === 'users')
    expect(users.columns.find((c: { name: string }) => c.name === 'full_name').strategy).toBe('mask')
    expect(await page.getByTestId('grant-script').textContent()).toContain('GRANT DELETE ON "public"."addresses" TO "candor_privacy";')
    await page.screenshot({ path: 'test-results/screenshots/postgres-map.png', fullPage: true })
    expect(await seriousViolations(page)).toEqual([])

    await withClient(url, (client) => client.query('CREATE TABLE coupons (code text PRIMARY KEY, user_id bigint REFERENCES users (id))'))
    await page.reload()
    await page.getByText('public.coupons: not yet mapped (new in the database)').waitFor()
    expect(await page.getByLabel('Include public.coupons').isChecked()).toBe(false)
  })

  it('dry-runs a test identity without changing anything', async () => {
    const before = await rowsAt(url, 'SELECT email, full_name FROM users ORDER BY id')
    await page.getByLabel('Test e-mail').fill('Dana@Example.com')
    await page.getByRole('button', { name: 'Dry run' }).click()
    await page.getByText(/^Dry run of version 1 for Dana@Example.com .*: nothing was changed\./).waitFor()
    const report = page.getByTestId('dry-run')
    expect(await report.getByText('public.addresses: rows deleted — 1 row').count()).toBe(1)
    expect(await report.textContent()).toContain('DELETE FROM')
    expect(await rowsAt(url, 'SELECT email, full_name FROM users ORDER BY id')).toEqual(before)
    // The look-up is audited, with the person as a keyed hash only.
    const looked = (await ownerPool().query("SELECT after FROM audit_entry WHERE action = 'data_system.dry_run'")).rows
    expect(looked).toEqual([{ after: expect.objectContaining({ mapVersion: 1, subject: expect.stringMatching(/^hmac v1:\S+ [0-9a-f]{64}$/) }) }])
    expect(JSON.stringify(looked)).not.toMatch(/dana@example\.com/i)
    await page.screenshot({ path: 'test-results/screenshots/postgres-dry-run.png', fullPage: true })
  })

  it('completes an access and then an erasure request through the database, the receipt showing its verification', async () => {
    const access = await fileOnPortal(app.candor.url, slug, { type: 'access', email: 'dana@example.com' })
    await workDone(access.reference)
    const erasure = await fileOnPortal(app.candor.url, slug, { type: 'erasure', email: 'dana@example.com' })
    await workDone(erasure.reference)
    await page.goto(`${app.candor.url}/w/${slug}/requests/${erasure.reference}`)
    const receipt = page.getByText(/Verified .* UTC: none of the subject’s identifying values left in the \d+ mapped places checked/)
    await receipt.waitFor()
    expect(await receipt.textContent()).toContain('Dataset map version 1')
    const [dana] = await rowsAt(url, `SELECT email, full_name, phone FROM users WHERE id = 1`)
    expect(dana).toMatchObject({ full_name: expect.not.stringContaining('Dana'), phone: null })
    expect(dana!.email).not.toContain('dana')
    expect(await rowsAt(url, `SELECT count(*)::int AS n FROM users WHERE email = 'olga@example.org'`)).toEqual([{ n: 1 }])
    await page.screenshot({ path: 'test-results/screenshots/postgres-erasure-receipt.png', fullPage: true })
    expect(systemPath).toMatch(/^\/w\/.+\/data-systems\/[0-9a-f-]{36}$/)
  })
})
