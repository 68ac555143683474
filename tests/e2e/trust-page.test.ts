// The trust page in a browser, without JavaScript: an admin edits sections of the draft on their
// own pages (a wrong date is refused in plain words), previews and publishes it; a visitor reads it at
// /t/:slug, where a highlight backed by the 2FA check shows as failing (the workspace does not
// require 2FA); a second publish is compared with the first in words. The public page answers
// 304 to a current ETag. A viewer reads the editor without any form and is refused when posting.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { signedInWithoutScript } from '../support/sign-in'

const app = serveCandorWithBrowser()

/** Open one section's page of the editor; its form. */
async function sectionForm(page: Page, slug: string, id: string) {
  if (!new URL(page.url()).pathname.endsWith(`/trust/${id}`)) await page.goto(`${new URL(page.url()).origin}/w/${slug}/trust/${id}`)
  return page.locator(`form[data-trust-section="${id}"]`)
}

/** Save the section open in `page`; the page stays on it and says the draft is saved. */
async function save(page: Page, button: string) {
  await page.getByRole('button', { name: button }).click()
  await page.getByText(/^Saved to the draft/).waitFor()
}

/** Publish, confirming the checklist's warnings (these workspaces list no sub-processors: there always are some). */
async function publish(page: Page) {
  await page.getByRole('checkbox', { name: /want to publish the page as it is/ }).check()
  await page.getByRole('button', { name: 'Publish the draft' }).click()
}

describe('the trust page', () => {
  it('is edited as a draft, published, and read by visitors without JavaScript, with its live checks', async () => {
    const { workspace, owner } = await makeWorkspace()
    const { page, context } = await signedInWithoutScript(app, owner.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Trust page', exact: true }).click()
    await page.getByRole('heading', { name: 'Not published yet' }).waitFor()

    // Before the first publish, visitors find nothing.
    expect((await fetch(`${app.candor.url}/t/${workspace.slug}`)).status).toBe(404)

    await page.getByRole('link', { name: 'Edit Overview' }).click()
    const overview = await sectionForm(page, workspace.slug, 'overview')
    await overview.getByLabel('Headline').fill('Security you can check')
    await overview.getByLabel('Summary (Markdown)').fill('We **encrypt** everything. <script>alert("x")</script>')
    await save(page, 'Save overview')

    const highlights = await sectionForm(page, workspace.slug, 'highlights')
    await page.getByRole('button', { name: 'Add a highlight' }).click()
    await highlights.getByLabel('Title').first().fill('2FA for every member')
    await highlights.getByLabel('Text (Markdown)').first().fill('Every member signs in with a second factor.')
    await highlights.getByLabel('Backed by a live check').first().selectOption('two_factor')
    await save(page, 'Save highlights')

    const reviewed = await sectionForm(page, workspace.slug, 'lastReviewed')
    await reviewed.getByLabel('Last reviewed on').fill('2026-02-30')
    const refused = page.waitForResponse((r) => r.request().method() === 'POST')
    await page.getByRole('button', { name: 'Save last reviewed' }).click()
    expect((await refused).status()).toBe(400)
    await page.getByText('The “last reviewed” date is not a real date.').waitFor()
    await reviewed.getByLabel('Last reviewed on').fill('2026-11-01')
    await save(page, 'Save last reviewed')

    // The preview shows the draft as visitors will see it.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    await page.getByRole('link', { name: 'Preview the draft' }).click()
    await page.getByRole('heading', { name: 'Security you can check' }).waitFor()
    expect(await page.getByRole('status').textContent()).toContain('not published')
    await page.goBack()

    await publish(page)
    await page.getByRole('heading', { name: 'Published: version 1' }).waitFor()
    const { rows } = await ownerPool().query(`SELECT after FROM audit_entry WHERE workspace_id = $1 AND action = 'trust.publish'`, [workspace.id])
    expect(rows).toHaveLength(1)
    expect(rows[0].after).toMatchObject({ version: 1 })

    // A visitor, without JavaScript and without an account.
    const visitor = await app.browser.newContext({ javaScriptEnabled: false })
    const publicPage = await visitor.newPage()
    await publicPage.goto(`${app.candor.url}/t/${workspace.slug}`)
    await publicPage.getByRole('heading', { level: 1, name: 'Security you can check' }).waitFor()
    expect(await publicPage.locator('strong', { hasText: 'encrypt' }).count()).toBe(1)
    expect(await publicPage.content()).not.toContain('<script>alert')
    expect(await publicPage.getByText('<script>alert("x")</script>').count()).toBe(1)
    expect(await publicPage.getByRole('link', { name: 'Make a privacy request' }).getAttribute('href')).toBe(`/p/${workspace.slug}`)
    // The trust.checks job queued by the publish computes the checks: 2FA is not required here.
    await eventually(
      async () => {
        await publicPage.reload()
        return (await publicPage.locator('[data-check="two_factor"]').getAttribute('data-state')) === 'failing'
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the 2FA check to be computed' },
    )
    const check = publicPage.locator('[data-check="two_factor"]')
    expect(await check.textContent()).toContain('Failing')
    expect(await check.textContent()).toContain('Two-factor authentication is not required')
    expect(await check.textContent()).toMatch(/Last verified \d+ \w+ \d{4}, \d\d:\d\d UTC/)
    await visitor.close()

    // A second version, compared with the first.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    await (await sectionForm(page, workspace.slug, 'overview')).getByLabel('Headline').fill('Security you can verify')
    await save(page, 'Save overview')
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    await publish(page)
    await page.getByRole('heading', { name: 'Published: version 2' }).waitFor()
    await page.getByRole('button', { name: 'Compare' }).click()
    await page.getByRole('heading', { name: 'Compare versions' }).waitFor()
    const diff = page.locator('section', { has: page.getByRole('heading', { name: 'Overview' }) })
    expect(await diff.textContent()).toContain('Headline')
    expect(await diff.textContent()).toContain('Security you can check')
    expect(await diff.textContent()).toContain('Security you can verify')
    await context.close()
  })

  it('answers 304 to a current ETag, and the ETag moves with a publish', async () => {
    const { workspace, owner } = await makeWorkspace()
    const { page, context } = await signedInWithoutScript(app, owner.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    await publish(page)
    await page.getByRole('heading', { name: 'Published: version 1' }).waitFor()

    const url = `${app.candor.url}/t/${workspace.slug}`
    const first = await fetch(url)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600')
    expect(first.headers.get('set-cookie')).toBeNull()
    const etag = first.headers.get('etag')!
    const cached = await fetch(url, { headers: { 'if-none-match': etag } })
    expect(cached.status).toBe(304)
    expect(await cached.text()).toBe('')

    const faq = await sectionForm(page, workspace.slug, 'faq')
    await page.getByRole('button', { name: 'Add a question' }).click()
    await faq.getByLabel('Question', { exact: true }).first().fill('Do you sell data?')
    await faq.getByLabel('Answer (Markdown)').first().fill('No.')
    await save(page, 'Save FAQ')
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    await publish(page)
    await page.getByRole('heading', { name: 'Published: version 2' }).waitFor()
    const after = await fetch(url, { headers: { 'if-none-match': etag } })
    expect(after.status).toBe(200)
    expect(await after.text()).toContain('Do you sell data?')
    await context.close()
  })

  it('lets a viewer read the editor but change nothing', async () => {
    const { workspace } = await makeWorkspace()
    const viewer = await addMember(workspace.id, 'viewer')
    const { page, context } = await signedInWithoutScript(app, viewer.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    await page.getByRole('heading', { name: 'Trust page', level: 1 }).waitFor()
    expect(await page.getByRole('button', { name: 'Publish the draft' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Read Overview' }).count()).toBe(1)
    await sectionForm(page, workspace.slug, 'overview')
    expect(await page.getByRole('button', { name: /^Save / }).count()).toBe(0)
    expect(await page.getByLabel('Headline').isDisabled()).toBe(true)
    await sectionForm(page, workspace.slug, 'faq')
    expect(await page.getByRole('button', { name: 'Add a question' }).count()).toBe(0)

    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
    const attempts: [string, Record<string, string>][] = [
      ['/overview', { intent: 'save', 'overview.headline': 'Hacked', 'overview.summary': '' }],
      ['/faq', { op: 'add', 'faq.rows': '0' }],
      ['', { intent: 'publish' }],
    ]
    for (const [path, body] of attempts) {
      const response = await fetch(`${app.candor.url}/w/${workspace.slug}/trust${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: app.candor.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      })
      expect(response.status, path).toBe(403)
    }
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM trust_page_version WHERE workspace_id = $1', [workspace.id])
    expect(rows[0].n).toBe(0)
    await context.close()
  })
})
