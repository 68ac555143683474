// Its own file: the seed needs a database with no account yet.
import { describe, expect, it } from 'vitest'
import { db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
import { DEMO_WORKSPACE, seedDemoIfEmpty } from '~/modules/tenancy/demo-seed.server'
import { loader as platformTrustPage } from '~/routes/trust/platform-trust-page'

const trustPage = async () => {
  const response = await (platformTrustPage as (args: unknown) => Promise<Response>)({ request: new Request('http://candor.test/trust') })
  return response.text()
}

describe('seedDemoIfEmpty', () => {
  it("seeds the demo customer and the platform's own workspace once, on an empty database only", async () => {
    expect(await db().user.count()).toBe(0)
    expect(await seedDemoIfEmpty()).toBe(true)
    expect(await seedDemoIfEmpty()).toBe(false)
    const { rows } = await ownerPool().query('SELECT slug, name FROM workspace ORDER BY slug')
    expect(rows).toEqual([
      { slug: DEMO_WORKSPACE.slug, name: DEMO_WORKSPACE.name },
      { slug: 'candor', name: 'Candor' },
    ])
  })

  it("shows Candor's own page at /trust, with its real sub-processors", async () => {
    const page = await trustPage()
    expect(page).toContain('How Candor protects the data you trust it with')
    for (const vendor of ['Fly.io', 'Stripe', 'Resend', 'Sentry']) expect(page).toContain(vendor)
    expect(page).not.toContain('Acme Analytics')
  })

  it("claims backups only on Candor's page, each claim backed by its live check, failing while no backup or drill has passed", async () => {
    const { rows } = await ownerPool().query<{ slug: string; content: { highlights: { title: string; body: string; check: string }[] } }>(
      `SELECT w.slug, v.content FROM trust_page_version v JOIN workspace w ON w.id = v.workspace_id ORDER BY w.slug`,
    )
    expect(rows.map((row) => row.slug)).toEqual([DEMO_WORKSPACE.slug, 'candor'])
    const [customer, candor] = rows
    expect(JSON.stringify(customer!.content)).not.toMatch(/backup|restore/i)
    const aboutBackups = candor!.content.highlights.filter((h) => /backup|restore/i.test(`${h.title} ${h.body}`))
    expect(aboutBackups.map((h) => h.check)).toEqual(['backups_daily', 'restores_tested'])
    const page = await trustPage()
    expect(page).toMatch(/data-check="backups_daily" data-state="failing"/)
    expect(page).toMatch(/data-check="restores_tested" data-state="failing"/)
    expect(page).toContain('No backup of Candor’s whole database (every workspace’s data and the audit log) has succeeded yet.')
  })
})
