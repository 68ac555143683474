// The privacy profile's outline in a browser, with JavaScript and without: "Start from an
// outline" fills the blank fields with what Candor knows (sub-processors, their regions, a data
// system, the portal's address) and leaves the admin's own text; nothing is saved, the setup
// step stays open, saving with a prompt left is refused naming the field; once every prompt is
// replaced the profile saves (audited) and the step is done.
import { mkdir } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
const SHOTS = '/tmp/shots-outline'
const OWN_CONTACT = 'privacy@acme.example, our data protection officer.'

type Workspace = { id: string; slug: string; cookies: Awaited<ReturnType<BrowserContext['cookies']>> }

/** A workspace with two sub-processors (one without a region), a manual system and its owner signed in. */
async function workspaceWithFacts(): Promise<Workspace> {
  const { workspace, owner } = await makeWorkspace()
  await ownerPool().query(
    `INSERT INTO subprocessor (id, workspace_id, name, purpose, region) VALUES
       (gen_random_uuid(), $1, 'Amazon Web Services', 'Cloud hosting', 'EU (Ireland)'),
       (gen_random_uuid(), $1, 'Postmark', 'Transactional e-mail', '')`,
    [workspace.id],
  )
  await ownerPool().query(
    `INSERT INTO data_system (id, workspace_id, name, kind, instructions) VALUES (gen_random_uuid(), $1, 'Zendesk', 'manual', 'Search by e-mail.')`,
    [workspace.id],
  )
  const context = await app.browser.newContext()
  await signIn(app.candor.url, context, owner.email)
  const cookies = await context.cookies()
  await context.close()
  return { id: workspace.id, slug: workspace.slug, cookies }
}

async function pageOf(w: Workspace, javaScriptEnabled: boolean): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled })
  await context.addCookies(w.cookies)
  return context.newPage()
}

async function storedProfile(workspaceId: string) {
  const { rows } = await ownerPool().query('SELECT contact, purposes, transfers, controller FROM privacy_profile WHERE workspace_id = $1', [workspaceId])
  return rows[0] ?? null
}

const auditCount = async (workspaceId: string) =>
  Number((await ownerPool().query("SELECT count(*) FROM audit_entry WHERE workspace_id = $1 AND action = 'privacy.profile'", [workspaceId])).rows[0].count)

const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true })
const PROFILE_LABELS = [
  'Controller',
  'Privacy contact',
  'Purposes of processing',
  'Categories of personal data',
  'Retention period',
  'Sources of the data',
  'Automated decision-making',
  'Transfers outside the EEA',
  'Supervisory authority',
]

/** Replace every bracketed prompt with the admin's own words, as a person editing would. */
async function completeEveryPrompt(page: Page) {
  for (const label of PROFILE_LABELS) {
    const box = field(page, label)
    await box.fill((await box.inputValue()).replace(/\[[^\]]*\]/g, `Our own words on ${label.toLowerCase()}.`))
  }
}

async function profileStepOpen(page: Page) {
  return page.getByText(/The privacy profile is not written yet|sections of the privacy profile are blank/).first().isVisible()
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true })
})

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('the outline %s', (_, javaScriptEnabled) => {
  it('fills the blank fields unsaved, refuses a prompt left, and saves once every prompt is replaced', async () => {
    const w = await workspaceWithFacts()
    // One field already written by the admin: the outline leaves it alone.
    await ownerPool().query('INSERT INTO privacy_profile (workspace_id, contact) VALUES ($1, $2)', [w.id, OWN_CONTACT])
    const page = await pageOf(w, javaScriptEnabled)
    await page.goto(`${app.candor.url}/w/${w.slug}/privacy#profile`)
    await expect.poll(() => profileStepOpen(page)).toBe(true)
    await expect.poll(() => page.getByText('Fields that already have text keep it.').isVisible()).toBe(true)

    await page.getByRole('link', { name: 'Start from an outline' }).click()
    await page.waitForURL(/outline=blank/)
    const notice = page.getByRole('status').filter({ hasText: 'Not saved: review and save.' })
    await expect.poll(() => notice.isVisible()).toBe(true)
    expect(await notice.innerText()).toContain('Your text is kept in: Privacy contact.')
    expect(await field(page, 'Privacy contact').inputValue()).toBe(OWN_CONTACT)
    const purposes = await field(page, 'Purposes of processing').inputValue()
    expect(purposes).toContain('Amazon Web Services (Cloud hosting); Postmark (Transactional e-mail)')
    const transfers = await field(page, 'Transfers outside the EEA').inputValue()
    expect(transfers).toContain('Amazon Web Services: EU (Ireland)')
    expect(transfers).toContain('[Say where Postmark processes personal data.]')
    expect(await field(page, 'Categories of personal data').inputValue()).toContain('[Describe the kinds of personal data held in Zendesk.]')
    // Nothing was saved: the stored profile and the setup step are as before.
    expect(await storedProfile(w.id)).toMatchObject({ contact: OWN_CONTACT, purposes: '', transfers: '' })
    expect(await profileStepOpen(page)).toBe(true)
    if (javaScriptEnabled) await page.locator('#profile').screenshot({ path: `${SHOTS}/outline-filled.png` })

    // Saving with the prompts left: refused, naming the field, the typed text kept.
    await field(page, 'Purposes of processing').fill(`${purposes}\nWe bill customers under their contract.`)
    await page.getByRole('button', { name: 'Save privacy profile' }).click()
    const refusal = page.locator('#controller-error')
    await expect.poll(() => refusal.isVisible()).toBe(true)
    expect(await refusal.innerText()).toMatch(/^“Controller” still holds a prompt of the outline, \[Give the legal name/)
    expect(await page.locator('#purposes-error').innerText()).toContain('“Purposes of processing” still holds a prompt')
    expect(await page.locator('#contact-error').count()).toBe(0)
    expect(await field(page, 'Purposes of processing').inputValue()).toContain('We bill customers under their contract.')
    expect(await storedProfile(w.id)).toMatchObject({ purposes: '' })
    expect(await auditCount(w.id)).toBe(0)
    if (javaScriptEnabled) await page.locator('#profile').screenshot({ path: `${SHOTS}/outline-refused.png` })

    await completeEveryPrompt(page)
    await page.getByRole('button', { name: 'Save privacy profile' }).click()
    await expect.poll(async () => (await storedProfile(w.id))?.purposes ?? '').toContain('We bill customers under their contract.')
    const saved = (await storedProfile(w.id))!
    expect(saved.contact).toBe(OWN_CONTACT)
    expect(saved.transfers).toContain('Amazon Web Services: EU (Ireland)')
    expect(saved.controller).toBe('Our own words on controller.')
    expect(`${saved.purposes}${saved.transfers}`).not.toMatch(/\[/)
    expect(await auditCount(w.id)).toBe(1)
    await page.waitForURL((url) => !url.search.includes('outline'))
    await expect.poll(() => profileStepOpen(page)).toBe(false)
    expect(await page.getByText('Not saved: review and save.').count()).toBe(0)
  })
})

it('replaces every field only when the admin asks, and answers an unknown outline with 400 and a message', async () => {
  const w = await workspaceWithFacts()
  await ownerPool().query('INSERT INTO privacy_profile (workspace_id, contact) VALUES ($1, $2)', [w.id, OWN_CONTACT])
  const page = await pageOf(w, false)
  await page.goto(`${app.candor.url}/w/${w.slug}/privacy?outline=blank#profile`)
  await page.getByRole('link', { name: 'Replace every field with the outline' }).first().click()
  await page.waitForURL(/outline=all/)
  expect(await field(page, 'Privacy contact').inputValue()).toContain('To exercise your rights, use our privacy portal:')
  expect(await field(page, 'Privacy contact').inputValue()).toContain(`/p/${w.slug}`)
  expect(await page.getByRole('status').innerText()).toContain('The outline filled: Controller, Privacy contact, Purposes')
  expect(await storedProfile(w.id)).toMatchObject({ contact: OWN_CONTACT })

  const wrong = await page.goto(`${app.candor.url}/w/${w.slug}/privacy?outline=everything`)
  expect(wrong!.status()).toBe(400)
  expect(await page.getByText('this outline is not one Candor offers').isVisible()).toBe(true)
  expect(await field(page, 'Privacy contact').inputValue()).toBe(OWN_CONTACT)
  expect((await page.goto(`${app.candor.url}/w/${w.slug}/privacy?outline=${'a'.repeat(5000)}`))!.status()).toBe(400)
  expect((await page.goto(`${app.candor.url}/w/${w.slug}/privacy?template=${'a'.repeat(500)}`))!.status()).toBe(400)
  expect(await page.getByText('Choose a reply template from the list.').isVisible()).toBe(true)
})
