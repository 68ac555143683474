// API keys and the IP allowlist, as an admin uses them in the browser and a developer uses the
// API: a key is shown once, stored only hashed, limited to its scopes, and dead once revoked;
// the allowlist guards both the dashboard and the API, and warns before shutting its editor out.
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { API_SCOPES } from '~/modules/auth/api-keys.server'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn as signInAs } from '../support/sign-in'

// The client address comes from X-Forwarded-For, as behind Fly's proxy, so tests can act
// from several addresses.
const app = serveCandorWithBrowser({ CLIENT_IP_HEADER: 'x-forwarded-for' })

const OFFICE = '203.0.113.7'
const signIn = (context: BrowserContext, email: string) => signInAs(app.candor.url, context, email)
const api = (token: string | undefined, from = OFFICE) =>
  fetch(`${app.candor.url}/api/v1/workspace`, {
    headers: { 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })

async function createKey(context: BrowserContext, slug: string, name: string, scopes: string[]) {
  const page = await context.newPage()
  await page.goto(`${app.candor.url}/w/${slug}/api-keys`)
  await page.getByLabel('Name', { exact: true }).fill(name)
  for (const scope of scopes) await page.getByRole('checkbox', { name: new RegExp(scope) }).check()
  await page.getByRole('button', { name: 'Create key' }).click()
  const token = (await page.getByTestId('new-api-key').textContent())!.trim()
  return { page, token }
}

describe('API keys', () => {
  it('is shown once, stored hashed, limited to its scopes, and refused once revoked', async () => {
    const { owner, workspace } = await makeWorkspace()
    const context = await app.browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': OFFICE } })
    const page = await signIn(context, owner.email)

    await page.goto(`${app.candor.url}/w/${workspace.slug}/api-keys`)
    await page.getByRole('button', { name: 'Create key' }).click()
    await page.getByText('Give the key a name').waitFor()
    await page.getByText('Choose at least one permission').waitFor()
    // Every permission a key can have is offered, the data systems API's included.
    for (const scope of Object.keys(API_SCOPES)) expect(await page.getByRole('checkbox', { name: new RegExp(`^${scope} `) }).count(), scope).toBe(1)

    const { page: keysPage, token } = await createKey(context, workspace.slug, 'Helpdesk sync', ['workspace:read'])
    expect(token).toMatch(/^cnd_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/)
    const stored = await ownerPool().query('SELECT prefix, secret_hash, scopes FROM api_key WHERE workspace_id = $1', [
      workspace.id,
    ])
    expect(stored.rows).toEqual([{ prefix: token.slice(4, 14), secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/), scopes: ['workspace:read'] }])
    expect(JSON.stringify(stored.rows)).not.toContain(token.slice(15))

    const ok = await api(token)
    expect(ok.status).toBe(200)
    expect((await ok.json()).data).toMatchObject({ id: workspace.id, slug: workspace.slug, name: workspace.name })

    await keysPage.reload()
    expect(await keysPage.getByTestId('new-api-key').count()).toBe(0)
    const row = keysPage.getByRole('row').filter({ hasText: 'Helpdesk sync' })
    expect(await row.textContent()).toMatch(/UTC.*UTC/) // created and last used

    const missing = await api(undefined)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toContain('Bearer')
    expect((await missing.json()).error.code).toBe('unauthenticated')
    expect((await api(`${token.slice(0, -1)}x`)).status).toBe(401)
    expect((await api('cnd_nonsense')).status).toBe(401)

    const { token: auditOnly } = await createKey(context, workspace.slug, 'Auditor', ['audit:read'])
    const forbidden = await api(auditOnly)
    expect(forbidden.status).toBe(403)
    expect((await forbidden.json()).error).toEqual({
      code: 'insufficient_scope',
      message: 'This API key lacks the "workspace:read" permission.',
    })

    await row.getByRole('button', { name: 'Revoke Helpdesk sync' }).click()
    await expect.poll(() => row.textContent()).toContain('revoked')
    const revoked = await api(token)
    expect(revoked.status).toBe(401)
    expect((await revoked.json()).error.code).toBe('invalid_key')

    const { rows } = await ownerPool().query(
      "SELECT action FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'api_key.%' ORDER BY seq",
      [workspace.id],
    )
    expect(rows.map((r) => r.action)).toEqual(['api_key.create', 'api_key.create', 'api_key.revoke'])
    expect((await fetch(`${app.candor.url}/api/v1/nothing-here`)).status).toBe(404)
    await context.close()
  })

  it('is refused to an agent, whose role cannot manage keys', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const context = await app.browser.newContext()
    const page = await signIn(context, agent.email)
    const response = await page.goto(`${app.candor.url}/w/${workspace.slug}/api-keys`)
    expect(response?.status()).toBe(403)
    await context.close()
  })
})

describe('the IP allowlist', () => {
  it('guards the dashboard and the API, and warns before shutting out the person saving it', async () => {
    const { owner, workspace } = await makeWorkspace()
    const context = await app.browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': OFFICE } })
    const page = await signIn(context, owner.email)
    const { token } = await createKey(context, workspace.slug, 'CI', ['workspace:read'])

    await page.goto(`${app.candor.url}/w/${workspace.slug}/settings`)
    const list = page.getByLabel('Allowed addresses')
    await list.fill('203.0.113.0/24\nnot-an-address')
    await page.getByRole('button', { name: 'Save allowlist' }).click()
    await page.getByText('“not-an-address” is not an IP address or range').waitFor()

    await list.fill('198.51.100.0/24\n2001:db8::/32')
    await page.getByRole('button', { name: 'Save allowlist' }).click()
    await page.getByText(`does not include your own address (${OFFICE})`).waitFor()
    const unchanged = await ownerPool().query('SELECT ip_allowlist FROM workspace WHERE id = $1', [workspace.id])
    expect(unchanged.rows[0].ip_allowlist).toEqual([])

    await list.fill('203.0.113.0/24\n2001:db8::/32')
    await page.getByRole('button', { name: 'Save allowlist' }).click()
    await expect
      .poll(async () => (await ownerPool().query('SELECT ip_allowlist FROM workspace WHERE id = $1', [workspace.id])).rows[0].ip_allowlist)
      .toEqual(['203.0.113.0/24', '2001:db8::/32'])

    expect((await api(token, OFFICE)).status).toBe(200)
    expect((await api(token, '2001:db8::42')).status).toBe(200)
    const outside = await api(token, '198.51.100.9')
    expect(outside.status).toBe(403)
    expect((await outside.json()).error.code).toBe('ip_not_allowed')

    const elsewhere = await app.browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.9' } })
    const away = await signIn(elsewhere, owner.email)
    const blocked = await away.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(blocked?.status()).toBe(403)
    await away.getByText('Your network address (198.51.100.9) is not on this workspace’s IP allowlist').waitFor()

    const { rows } = await ownerPool().query(
      "SELECT before, after FROM audit_entry WHERE workspace_id = $1 AND action = 'workspace.ip_allowlist'",
      [workspace.id],
    )
    expect(rows).toEqual([{ before: { ipAllowlist: [] }, after: { ipAllowlist: ['203.0.113.0/24', '2001:db8::/32'] } }])

    // With the explicit confirmation, a list without one's own address is saved, and applies at once.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/settings`)
    await page.waitForLoadState('networkidle')
    await list.fill('2001:db8::/32')
    await page.getByRole('button', { name: 'Save allowlist' }).click()
    await page.getByLabel(`I understand that I will lose access from ${OFFICE}`).check()
    await page.getByRole('button', { name: 'Save allowlist' }).click()
    await expect
      .poll(async () => (await ownerPool().query('SELECT ip_allowlist FROM workspace WHERE id = $1', [workspace.id])).rows[0].ip_allowlist)
      .toEqual(['2001:db8::/32'])
    expect((await page.goto(`${app.candor.url}/w/${workspace.slug}/settings`))?.status()).toBe(403)
    await Promise.all([context.close(), elsewhere.close()])
  })
})
