// The data subject's whole journey on a workspace with only Candor's own data system, in a
// browser set to Berlin time: file an erasure on the portal, confirm by the e-mailed link, open
// that link again ("already confirmed"), follow the e-mailed follow link straight into the
// status page (steps, dates in Europe/Berlin), answer the company's identity question with a file
// (which the staff open), and see the staff complete it. Nowhere (page, e-mails, API) may it say the data left "every primary system":
// only Candor's own records were erased.
import { faker } from '@faker-js/faker'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { PNG_BYTES } from '../support/requester-attachments'
import { watchInbox } from '../support/requester-inbox'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const EVERY_SYSTEM = /every primary system|all (of )?our systems|our primary systems/i
const linkIn = (text: string) => /(https?:\/\/\S+\/p\/\S+)/.exec(text)![1]!
const followLinkIn = (text: string) => /(https?:\/\/\S+\?follow=\S+)/.exec(text)![1]!

async function stepsOf(page: Page) {
  const steps = page.getByRole('region', { name: 'Progress' }).getByRole('listitem')
  const items = []
  for (const step of await steps.all()) items.push({ text: (await step.innerText()).replace(/\s+/g, ' '), current: await step.getAttribute('aria-current') })
  return items
}

describe('the data subject’s journey', () => {
  it('files, confirms by link, follows by link, answers, and is never told of more erasure than happened', async () => {
    const { workspace, owner } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const subjectContext = await app.browser.newContext({ timezoneId: 'Europe/Berlin' })
    const subject = await subjectContext.newPage()
    const email = faker.internet.email().toLowerCase()
    const inbox = watchInbox(email)

    await subject.goto(`${app.candor.url}/p/${workspace.slug}`, { waitUntil: 'networkidle' })
    await subject.getByLabel('Delete my data').check()
    await subject.getByLabel('Your full name').fill(faker.person.fullName())
    await subject.getByLabel('Your e-mail address').fill(email)
    await subject.getByLabel('How do you know the company?').selectOption('customer')
    await subject.getByRole('button', { name: 'Send request' }).click()
    await subject.waitForURL(/verify$/)
    const reference = /\/requests\/(R-[A-Z0-9]{8})\/verify$/.exec(subject.url())![1]!
    const { rows } = await ownerPool().query('SELECT id, time_zone FROM privacy_request WHERE reference = $1', [reference])
    expect(rows[0].time_zone).toBe('Europe/Berlin')

    // Confirm by the e-mailed link; the same link opened again says so, and leads to the request.
    const confirm = await inbox.newest(/^Confirm your privacy request/)
    await subject.goto(linkIn(confirm.text))
    await subject.getByRole('button', { name: 'Confirm my request' }).click()
    await subject.getByRole('heading', { name: 'Your request is confirmed' }).waitFor()
    await subject.goto(linkIn(confirm.text))
    await subject.getByRole('heading', { name: 'This request is already confirmed' }).waitFor()
    expect(await subject.getByText('no longer works').count()).toBe(0)
    await subject.screenshot({ path: '/tmp/subject-already-confirmed.png', fullPage: true })
    await subject.getByRole('link', { name: 'Follow the request' }).click()
    await subject.getByLabel('Code').waitFor()
    // Nobody asked for a code here: the page must not claim one was sent.
    expect(await subject.getByText(/we (just )?(sent|e-mailed)/i).count()).toBe(0)

    // The receipt's follow link signs the subject straight in, once.
    const receipt = await inbox.newest(/received your privacy request/)
    const follow = followLinkIn(receipt.text)
    await subject.goto(follow, { waitUntil: 'networkidle' })
    await subject.getByRole('button', { name: 'Open my request' }).click()
    await subject.getByRole('heading', { name: 'Progress' }).waitFor()
    expect(subject.url()).toBe(`${app.candor.url}/p/${workspace.slug}/requests/${reference}`)
    const early = await stepsOf(subject)
    expect(early.map((step) => /^\d+ (Received|Verified|In progress|Completed) /.exec(step.text)?.[1])).toEqual(['Received', 'Verified', 'In progress', 'Completed'])
    expect(early[3]!.text).toContain('Not yet')
    expect(early.filter((step) => step.current === 'step')).toHaveLength(1)
    expect(early[0]!.text).toContain('(Europe/Berlin)')
    await subject.getByText('Times are shown in your time zone, Europe/Berlin.').waitFor()

    // Opened again, the spent link sends a code at once, and says so.
    const stranger = await (await app.browser.newContext()).newPage()
    const spentAt = new Date()
    await stranger.goto(follow)
    await stranger.getByText('This link was used already or has expired, so we just e-mailed a new 6-digit code').waitFor()
    const code = await inbox.newest(new RegExp(`^Your code to follow request ${reference}: \\d{6}$`), spentAt)
    expect(code.text).toMatch(/Your code is \d{6}/)
    await stranger.screenshot({ path: '/tmp/subject-spent-link.png', fullPage: true })
    await stranger.context().close()

    // Candor's own records are erased by the worker; the page says only that.
    await eventually(
      async () => (await ownerPool().query('SELECT 1 FROM privacy_request WHERE reference = $1 AND erased_primary_at IS NOT NULL', [reference])).rows[0],
      { timeoutMs: 30_000, what: 'the built-in erasure' },
    )
    await subject.reload()
    await subject.getByRole('heading', { name: 'Erasure, system by system' }).waitFor()
    expect(await subject.locator('body').innerText()).not.toMatch(EVERY_SYSTEM)

    // The company asks; the subject answers; the thread says who wrote what, in order.
    const staff = await signIn(app.candor.url, await app.browser.newContext(), agent.email)
    await staff.goto(`${app.candor.url}/w/${workspace.slug}/requests/${rows[0].id}`, { waitUntil: 'networkidle' })
    await staff.getByLabel('Identity information').check()
    await staff.getByLabel('What you need from the requester').fill('Please send the last four digits of your customer number.')
    await staff.getByRole('button', { name: 'Ask the requester' }).click()
    await expect.poll(() => staff.getByTestId('request-state').textContent()).toBe('Waiting for the requester')
    const asked = await inbox.newest(/we need to confirm your identity/)
    // Still signed in from before, the subject's follow link opens the page as it is.
    await subject.goto(followLinkIn(asked.text), { waitUntil: 'networkidle' })
    await subject.getByLabel('Your answer').fill('It ends in 4242.')
    await subject.getByLabel('Attach a file (optional)').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: Buffer.from(PNG_BYTES) })
    await subject.screenshot({ path: '/tmp/subject-reply-with-file.png', fullPage: true })
    await subject.getByRole('button', { name: 'Send my answer' }).click()
    await subject.getByText('It ends in 4242.').waitFor()
    await subject.getByText('Attached: card.png').waitFor()
    const thread = await subject.getByRole('heading', { name: 'Messages and steps' }).locator('xpath=following-sibling::ol[1]/li').allInnerTexts()
    const authors = thread.map((text) => text.split(' · ')[0]!.trim())
    const asking = thread.findIndex((text) => text.includes('last four digits'))
    const answering = thread.findIndex((text) => text.includes('It ends in 4242.'))
    expect(authors[asking]).toBe(workspace.name)
    expect(authors[answering]).toBe('You')
    expect(answering).toBeGreaterThan(asking)

    // The staff see the file and open the same bytes; then complete it: the last step is reached and current.
    await staff.reload({ waitUntil: 'networkidle' })
    const file = staff.getByRole('region', { name: 'Files from the requester' }).getByRole('link', { name: 'card.png' })
    const fetched = await staff.request.get(`${app.candor.url}${await file.getAttribute('href')}`)
    expect(fetched.status()).toBe(200)
    expect(new Uint8Array(await fetched.body())).toEqual(PNG_BYTES)
    await staff.getByRole('region', { name: 'Files from the requester' }).screenshot({ path: '/tmp/subject-staff-files.png' })
    await staff.getByLabel('Completion message').fill('We erased what we hold about you.')
    await staff.getByRole('button', { name: 'Complete the request' }).click()
    await expect.poll(() => staff.getByTestId('request-state').textContent()).toBe('Completed')
    await subject.reload()
    const done = await stepsOf(subject)
    expect(done.at(-1)).toMatchObject({ current: 'step' })
    expect(done.at(-1)!.text).toContain('Completed')
    expect(done.at(-1)!.text).not.toContain('Not yet')
    expect(await subject.locator('body').innerText()).not.toMatch(EVERY_SYSTEM)
    await subject.screenshot({ path: '/tmp/subject-status-completed.png', fullPage: true })

    // Every e-mail the subject got, and the API, say no more than the page.
    await inbox.newest(/your request is complete/)
    await inbox.stop()
    const mails = inbox.all()
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Confirm your privacy request/),
      expect.stringMatching(/received your privacy request/),
      expect.stringMatching(/^Your code to follow request/),
      expect.stringMatching(/we need to confirm your identity/),
      expect.stringMatching(/your request is complete/),
    ])
    for (const mail of mails) expect(`${mail.subject}\n${mail.text}`).not.toMatch(EVERY_SYSTEM)
    const key = await createApiKey({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, owner.id, { name: 'journey', scopes: ['requests:read'] }, {})
    const api = await fetch(`${app.candor.url}/api/v1/requests/${rows[0].id}`, { headers: { authorization: `Bearer ${key.token}` } })
    expect(api.status).toBe(200)
    const resource = await api.text()
    expect(resource).not.toMatch(EVERY_SYSTEM)
    expect(JSON.parse(resource)).toMatchObject({ data: { state: 'completed', erasure: { covers: 'candor_only', complete: true } } })
    await subjectContext.close()
    await staff.context().close()
  }, 120_000)
})
