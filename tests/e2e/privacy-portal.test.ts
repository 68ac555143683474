// The privacy portal in a browser, as a data subject uses it: the form's errors in plain words,
// filing, confirming by code, following the request with a fresh code, answering a question,
// and the honeypot and rate limit that keep floods out.
import { faker } from '@faker-js/faker'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'

const app = serveCandorWithBrowser()

async function fileAccessRequest(page: Page, slug: string, email: string, name = faker.person.fullName()) {
  await page.goto(`${app.candor.url}/p/${slug}`)
  await page.getByLabel('Access my data').check()
  await page.getByLabel('Your full name').fill(name)
  await page.getByLabel('Your e-mail address').fill(email)
  await page.getByLabel('How do you know the company?').selectOption('customer')
  await page.getByRole('button', { name: 'Send request' }).click()
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
  return /\/requests\/(R-[A-Z0-9]{8})\/verify$/.exec(page.url())![1]!
}

describe('filing a request on the portal', () => {
  it('explains each mistake beside its field, then files, confirms by code and follows the request', async () => {
    const { workspace } = await makeWorkspace()
    const context = await app.browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const response = await page.goto(`${app.candor.url}/p/${workspace.slug}`)
    expect(response?.status()).toBe(200)
    await page.getByRole('heading', { name: 'Make a privacy request' }).waitFor()

    await page.getByLabel('Your e-mail address').fill('not-an-address')
    await page.getByRole('button', { name: 'Send request' }).click()
    await page.getByText('Choose what you are asking for.').waitFor()
    await page.getByText('Enter your full name.').waitFor()
    await page.getByText('Enter an e-mail address like name@example.com.').waitFor()
    await expect.poll(() => page.getByLabel('Your e-mail address').inputValue()).toBe('not-an-address')

    const email = faker.internet.email().toLowerCase()
    const reference = await fileAccessRequest(page, workspace.slug, email)
    const confirm = await newestMailTo(email, 'Confirm your privacy request%')
    await page.getByLabel('Code').fill('000000' === confirm.code ? '111111' : '000000')
    await page.getByRole('button', { name: 'Confirm my request' }).click()
    await page.getByText('That code is not right').waitFor()
    await page.getByLabel('Code').fill(confirm.code!)
    await page.getByRole('button', { name: 'Confirm my request' }).click()
    await page.getByRole('heading', { name: 'Your request is confirmed' }).waitFor()
    const { rows } = await ownerPool().query('SELECT state, received_at FROM privacy_request WHERE reference = $1', [reference])
    expect(rows[0].received_at).toBeInstanceOf(Date)

    // Following it later: reference and e-mail, then a fresh code.
    await page.goto(`${app.candor.url}/p/${workspace.slug}/status`)
    await page.getByLabel('Reference').fill(reference.toLowerCase())
    await page.getByLabel('E-mail address').fill(email)
    await page.getByRole('button', { name: 'Send me a code' }).click()
    const status = await newestMailTo(email, `Your code to follow request ${reference}%`)
    await page.getByLabel('Code').fill(status.code!)
    await page.getByRole('button', { name: 'Open my request' }).click()
    await page.getByRole('heading', { name: `Request ${reference}` }).waitFor()
    await page.getByText('Answer due by').waitFor()
    await page.getByText('The request is received.').waitFor()

    // Another browser, without the session, sees nothing of it.
    const stranger = await (await app.browser.newContext()).newPage()
    await stranger.goto(`${app.candor.url}/p/${workspace.slug}/requests/${reference}`)
    await stranger.getByLabel('Code').waitFor()
    expect(await stranger.content()).not.toContain('Answer due by')
    await context.close()
  })

  it('confirms by the link in the e-mail, with a button (opening the link changes nothing)', async () => {
    const { workspace } = await makeWorkspace()
    const page = await (await app.browser.newContext()).newPage()
    const email = faker.internet.email().toLowerCase()
    const reference = await fileAccessRequest(page, workspace.slug, email)
    const confirm = await newestMailTo(email, 'Confirm your privacy request%')
    await page.goto(confirm.link!)
    const before = await ownerPool().query('SELECT state FROM privacy_request WHERE reference = $1', [reference])
    expect(before.rows[0].state).toBe('unverified')
    await page.getByRole('button', { name: 'Confirm my request' }).click()
    await page.getByRole('heading', { name: 'Your request is confirmed' }).waitFor()
    await page.goto(confirm.link!)
    await page.getByText('This link no longer works').waitFor()
  })

  it('stores nothing a bot puts in the honeypot, and answers a flood from one address with a clear limit', async () => {
    const { workspace } = await makeWorkspace()
    const url = `${app.candor.url}/p/${workspace.slug}`
    const form = (email: string, extra: Record<string, string> = {}) =>
      new URLSearchParams({ type: 'erasure', subjectName: 'Bot', email, relationship: 'other', jurisdiction: 'gdpr', ...extra })
    const post = (body: URLSearchParams, ip: string) =>
      fetch(url, {
        method: 'POST',
        redirect: 'manual',
        body,
        headers: { origin: app.candor.url, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      })
    const trap = await post(form('bot@example.com', { website: 'http://spam.example' }), '192.0.2.10')
    expect(trap.status).toBe(302)
    const stored = await ownerPool().query('SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1', [workspace.id])
    expect(stored.rows[0].n).toBe(0)

    const statuses = []
    for (let i = 0; i < 11; i++) statuses.push((await post(form(`flood-${i}@example.com`), '192.0.2.99')).status)
    expect(statuses.slice(0, 10).every((s) => s === 302)).toBe(true)
    const limited = await post(form('flood-last@example.com'), '192.0.2.99')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await limited.text()).toContain('Too many requests were sent from here')
    // Someone else is not affected.
    expect((await post(form('neighbour@example.com'), '192.0.2.100')).status).toBe(302)
  })
})
