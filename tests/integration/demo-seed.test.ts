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

  it('claims no backups on either demo page: backups are not built yet', async () => {
    const { rows } = await ownerPool().query<{ slug: string; content: string }>(
      `SELECT w.slug, v.content::text AS content FROM trust_page_version v JOIN workspace w ON w.id = v.workspace_id`,
    )
    expect(rows.map((row) => row.slug).sort()).toEqual([DEMO_WORKSPACE.slug, 'candor'])
    for (const { content } of rows) expect(content).not.toMatch(/backup/i)
  })
})
