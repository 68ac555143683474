// The privacy portal in a browser, as a data subject uses it: the form's errors in plain words,
// filing, confirming by code, following the request with a fresh code, answering a question,
// and the honeypot and rate limit that keep floods out.
import { readFile } from 'node:fs/promises'
import { faker } from '@faker-js/faker'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { erasureDay } from '~/modules/dsar/erasure-statement'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'
import { eventually } from '../support/eventually'
import { newestMailTo } from '../support/requester-mail'
import { downloadExport } from '../support/requester-download'
import { fileOnPortal } from '../support/requests'
import { openStatusPage as openStatusPageAt } from '../support/requester-status'
import { readZip } from '../support/zip'

const app = serveCandorWithBrowser({ CLIENT_IP_HEADER: 'x-forwarded-for' })

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

async function confirmByCode(page: Page, email: string) {
  const confirm = await newestMailTo(email, 'Confirm your privacy request%')
  await page.getByLabel('Code').fill(confirm.code!)
  await page.getByRole('button', { name: 'Confirm my request' }).click()
  await page.getByRole('heading', { name: 'Your request is confirmed' }).waitFor()
}

const openStatusPage = (page: Page, slug: string, reference: string, email: string) =>
  openStatusPageAt(page, app.candor.url, slug, reference, email)

describe('an access request, end to end', () => {
  it('is assembled by the jobs, reviewed and sent by an agent; then the subject downloads a ZIP with a summary and every collection as JSON and CSV', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const page = await (await app.browser.newContext({ acceptDownloads: true })).newPage()
    const email = faker.internet.email().toLowerCase()
    const name = faker.person.fullName()
    const reference = await fileAccessRequest(page, workspace.slug, email, name)
    await confirmByCode(page, email)
    const exported = await eventually(
      async () => (await ownerPool().query('SELECT bytes FROM request_export WHERE request_id = (SELECT id FROM privacy_request WHERE reference = $1)', [reference])).rows[0],
      { timeoutMs: 30_000, what: 'the export' },
    )
    expect(Number(exported.bytes)).toBeGreaterThan(0)

    // Nothing reaches the subject before a member reviews it: the page says so, no download.
    await openStatusPage(page, workspace.slug, reference, email)
    await page.getByText(`The export of your data is being reviewed by ${workspace.name} before it is sent to you.`).waitFor()
    expect(await page.getByRole('link', { name: /Download your data/ }).count()).toBe(0)
    const early = await page.request.get(`${app.candor.url}/p/${workspace.slug}/requests/${reference}/export`)
    expect(early.status()).toBe(409)

    // The agent sees what the export holds, then sends it; the subject is e-mailed then.
    const staff = await signIn(app.candor.url, await app.browser.newContext(), agent.email)
    await staff.goto(`${app.candor.url}/w/${workspace.slug}/requests/${reference}`, { waitUntil: 'networkidle' })
    await staff.getByRole('cell', { name: 'privacy_requests' }).waitFor()
    await staff.getByText('The summary the requester reads').waitFor()
    const sent = new Date()
    await staff.getByRole('button', { name: 'Send to the requester' }).click()
    await staff.getByTestId('export-status').getByText(`Sent to the requester`).waitFor()
    const ready = await newestMailTo(email, '%your data is ready to download%', sent)
    expect(ready.link).toMatch(new RegExp(`^${app.candor.url}/p/${workspace.slug}/requests/${reference}\\?follow=[\\w-]{43}$`))

    await page.reload()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download your data/ }).click()])
    const files = await readZip(await readFile((await download.path())!))
    // Empty collections are left out: this subject has only their request and its e-mails.
    expect([...files.keys()].sort()).toEqual([
      'candor-this-privacy-portal/emails.csv',
      'candor-this-privacy-portal/emails.json',
      'candor-this-privacy-portal/privacy_requests.csv',
      'candor-this-privacy-portal/privacy_requests.json',
      'summary.html',
    ])
    expect(files.get('summary.html')).toContain(`Your data held by ${workspace.name}`)
    expect(JSON.parse(files.get('candor-this-privacy-portal/privacy_requests.json')!)).toEqual([
      expect.objectContaining({ reference, type: 'access' }),
    ])
    const emails = JSON.parse(files.get('candor-this-privacy-portal/emails.json')!) as { subject: string }[]
    expect(emails.map((e) => e.subject)).toContainEqual(expect.stringContaining('Confirm your privacy request'))
    expect(files.get('candor-this-privacy-portal/emails.csv')!.split('\r\n')[0]).toBe('sent_at,subject,status,text')

    // Each download is audited; the stored object is ciphertext.
    const audit = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'request.export.download'`, [workspace.id])
    expect(audit.rows[0].n).toBe(1)
  })
})

describe('an erasure request, end to end', () => {
  it('asks the subject, who answers on the portal; erases idempotently; tells both erasure dates honestly', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const subject = await (await app.browser.newContext()).newPage()
    const email = faker.internet.email().toLowerCase()

    // An earlier, completed request by the same person, and the e-mails it caused.
    const earlier = await fileAccessRequest(subject, workspace.slug, email, 'Maria Erasable')
    await confirmByCode(subject, email)
    await ownerPool().query(`UPDATE privacy_request SET state = 'completed', completed_at = now() WHERE reference = $1`, [earlier])

    await subject.goto(`${app.candor.url}/p/${workspace.slug}`)
    await subject.getByLabel('Delete my data').check()
    await subject.getByLabel('Your full name').fill('Maria Erasable')
    await subject.getByLabel('Your e-mail address').fill(email)
    await subject.getByLabel('How do you know the company?').selectOption('former_customer')
    await subject.getByRole('button', { name: 'Send request' }).click()
    const reference = /\/requests\/(R-[A-Z0-9]{8})\/verify$/.exec((await subject.waitForURL(/verify$/), subject.url()))![1]!
    await confirmByCode(subject, email)

    // The built-in task erases: earlier e-mails gone, the earlier request kept only as a dated record.
    const erased = await eventually(
      async () => (await ownerPool().query('SELECT erased_primary_at, erased_backups_by FROM privacy_request WHERE reference = $1', [reference])).rows[0]?.erased_primary_at ? (await ownerPool().query('SELECT erased_primary_at, erased_backups_by FROM privacy_request WHERE reference = $1', [reference])).rows[0] : undefined,
      { timeoutMs: 30_000, what: 'the erasure' },
    )
    const days = (erased.erased_backups_by.getTime() - erased.erased_primary_at.getTime()) / 86_400_000
    expect(days).toBe(90)
    const old = await ownerPool().query('SELECT subject_name, email, details FROM privacy_request WHERE reference = $1', [earlier])
    expect(old.rows[0]).toMatchObject({ subject_name: '[erased]', details: '' })
    expect(old.rows[0].email).not.toBe(email)
    const receipt = await ownerPool().query(
      `SELECT t.receipt FROM request_task t JOIN privacy_request r ON r.id = t.request_id WHERE r.reference = $1`,
      [reference],
    )
    expect(receipt.rows[0].receipt.items).toEqual([
      { what: 'E-mails sent to you', count: expect.any(Number) },
      { what: expect.stringContaining('earlier, closed privacy requests'), count: 1 },
      { what: 'Your subscription to sub-processor change notices', count: 0 },
      { what: expect.stringContaining('objections'), count: 0 },
      { what: expect.stringContaining('trust-document requests'), count: 0 },
      { what: expect.stringContaining('access links'), count: 0 },
      { what: expect.stringContaining('vulnerabilities you reported'), count: 0 },
    ])
    expect(receipt.rows[0].receipt.kept).toEqual([
      { what: expect.stringContaining('NDA'), count: 0, why: expect.stringContaining('Art. 17(3)(e)') },
      { what: expect.stringContaining('data processing agreements'), count: 0, why: expect.stringContaining('Art. 17(3)(b)') },
    ])
    expect(receipt.rows[0].receipt.items[0].count).toBeGreaterThan(0)

    // The agent asks for identity information; the subject answers on the portal.
    const staff = await signIn(app.candor.url, await app.browser.newContext(), agent.email)
    await staff.goto(`${app.candor.url}/w/${workspace.slug}/requests/${reference}`, { waitUntil: 'networkidle' })
    await staff.locator('summary', { hasText: 'Ask the requester' }).click()
    await staff.getByLabel('Identity information').check()
    await staff.getByLabel('What you need from the requester').fill('Which city did you live in when you opened the account?')
    await staff.getByRole('button', { name: 'Ask the requester' }).click()
    await expect.poll(() => staff.getByTestId('request-state').textContent()).toBe('Waiting for the requester')

    await openStatusPage(subject, workspace.slug, reference, email)
    await subject.getByText('Which city did you live in').waitFor()
    await subject.getByLabel('Your answer').fill('Utrecht')
    await subject.getByRole('button', { name: 'Send my answer' }).click()
    await subject.getByText('Utrecht').waitFor()
    expect(await subject.getByLabel('Your answer').count()).toBe(0)

    await staff.reload({ waitUntil: 'networkidle' })
    await expect.poll(() => staff.getByTestId('request-state').textContent()).toBe('In progress')
    await staff.getByText('Utrecht').waitFor()
    await staff.locator('summary', { hasText: 'Extend the deadline' }).click()
    await staff.getByLabel('Reason for the extension').fill('Backups of three systems must be checked.')
    await staff.getByRole('button', { name: 'Extend' }).click()
    await staff.getByRole('dialog').getByRole('button', { name: 'Yes, extend' }).click()
    await staff.getByText('Deadline extended').first().waitFor()
    await staff.waitForLoadState('networkidle')
    const since = new Date()
    await staff.getByLabel('Completion message').fill('Your data has been erased.')
    await staff.getByRole('button', { name: 'Complete the request' }).click()
    await staff.getByRole('dialog').getByRole('button', { name: 'Yes, complete the request' }).click()
    await expect.poll(() => staff.getByTestId('request-state').textContent()).toBe('Completed')

    // Only Candor's own system is registered: every sentence says so, none says "every system".
    const done = await newestMailTo(email, '%your request is complete%', since)
    const day = (d: Date) => erasureDay(d, 'UTC')
    expect(done.text).toContain(`Erased from Candor’s own records (the records this privacy portal keeps) on ${day(erased.erased_primary_at)}.`)
    expect(done.text).toContain(`expected to age out by ${day(erased.erased_backups_by)}`)
    expect(done.text).not.toMatch(/every primary system|our primary systems/i)
    await staff.getByText(/^No data system besides Candor’s own was registered/).waitFor()
    await subject.reload()
    await subject.getByRole('heading', { name: 'Erasure, system by system' }).waitFor()
    await subject.getByText(`Candor’s own records: erased ${day(erased.erased_primary_at)}`).first().waitFor()
    expect(await subject.getByText(/every primary system/i).count()).toBe(0)
  })
})

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
    await page.getByRole('heading', { name: 'This request is already confirmed' }).waitFor()
    expect(await page.getByText('This link no longer works').count()).toBe(0)
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
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(302))
    const limited = await post(form('flood-last@example.com'), '192.0.2.99')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    const refusal = await limited.text()
    expect(refusal).toContain('Too many requests were sent from here')
    expect(refusal).toContain(`href="/p/${workspace.slug}"`)
    // Someone else is not affected.
    expect((await post(form('neighbour@example.com'), '192.0.2.100')).status).toBe(302)
  })
})

describe('a manual data system', () => {
  it('carries data: an agent attaches a CSV to its access task, reviews and sends the export, and the subject finds the CSV in the ZIP', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      tx.dataSystem.create({ data: { workspaceId: workspace.id, name: 'Billing', kind: 'manual', instructions: 'Export the customer’s invoices as CSV.' } }),
    )
    const filed = await fileOnPortal(app.candor.url, workspace.slug, { type: 'access' })
    const csv = 'invoice,date,amount\r\nINV-1,2026-11-02,"1,200.00"\r\nINV-2,2026-11-30,80.00\r\n'

    const staff = await signIn(app.candor.url, await app.browser.newContext(), agent.email)
    await staff.goto(`${app.candor.url}/w/${workspace.slug}/requests/${filed.reference}`, { waitUntil: 'networkidle' })
    await staff.getByLabel('What was done in Billing').fill('Exported the invoices from the billing tool.')
    await staff.getByLabel('Files with the person’s data from Billing').setInputFiles({ name: 'invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await staff.screenshot({ path: '/tmp/files-task-form.png', fullPage: true })
    await staff.getByRole('button', { name: 'Mark done' }).click()
    await staff.getByText('Attached for the export:').waitFor()

    // Candor's own records are collected by the jobs; then the export is assembled for review.
    await eventually(
      async () => {
        await staff.reload({ waitUntil: 'networkidle' })
        return (await staff.getByRole('cell', { name: 'invoices.csv' }).count()) > 0 || undefined
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the export with the attached file' },
    )
    const review = staff.locator('#export')
    expect(await review.getByRole('row', { name: /Billing \(manual\)\s*invoices\.csv/ }).textContent()).toContain('2 records')
    await staff.screenshot({ path: '/tmp/files-export-review.png', fullPage: true })
    await staff.getByRole('button', { name: 'Send to the requester' }).click()
    await staff.getByTestId('export-status').getByText('Sent to the requester').waitFor()

    const download = await downloadExport(app.candor.url, workspace.slug, filed.reference, filed.email)
    expect(download.status).toBe(200)
    const files = await readZip(Buffer.from(await download.arrayBuffer()))
    expect(files.get('Billing (manual)/invoices.csv')).toBe(csv)
    expect(files.get('summary.html')).toContain('Billing (manual)/invoices.csv')
    // The summary names the topics the company has not described once, not once per section.
    expect(files.get('summary.html')!.match(/has not yet described/g)).toHaveLength(1)
    await staff.context().close()
  })
})
