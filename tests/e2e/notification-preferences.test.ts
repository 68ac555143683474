// The notifications page in a browser (issue 16, item 6): reached from the account bar, it shows
// each workspace with the e-mails the person's role there can get, required ones as "always
// sent"; unticking one and saving says what was saved and stores it; so does the time zone.
import { randomUUID } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()

// One signed-in person for the file: the owner of one workspace who is an agent in another.
describe('the notifications page', () => {
  let context: BrowserContext | undefined
  let page: Page
  let owner: { id: string; email: string }
  let own: { id: string; name: string }
  let client: { id: string; name: string }
  beforeAll(async () => {
    const owned = await makeWorkspace()
    ;({ owner, workspace: own } = owned)
    client = (await makeWorkspace()).workspace
    await ownerPool().query('INSERT INTO membership (id, workspace_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), client.id, owner.id, 'agent'])
    context = await app.browser.newContext()
    page = await signIn(app.candor.url, context, owner.email)
  })
  afterAll(() => context?.close())

  it('shows each workspace’s e-mails for the role there, and saves a choice and a time zone', async () => {
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Notifications' }).click()
    await page.getByRole('heading', { name: 'E-mail notifications' }).waitFor()

    const asOwner = page.getByRole('region', { name: own.name })
    const asAgent = page.getByRole('region', { name: client.name })
    await asOwner.getByText('Your role: owner.').waitFor()
    await asAgent.getByText('Your role: agent.').waitFor()
    // Required e-mails have no checkbox; an agent is not offered what only admins get.
    expect(await asOwner.getByText('always sent').count()).toBe(2)
    expect(await asOwner.getByRole('checkbox', { name: 'The 72-hour breach clock' }).count()).toBe(0)
    expect(await asAgent.getByRole('checkbox', { name: 'Security reports' }).count()).toBe(0)
    expect(await asAgent.getByRole('checkbox', { name: 'Incident updates' }).isChecked()).toBe(false)

    await asOwner.getByRole('checkbox', { name: 'Document requests' }).uncheck()
    await asOwner.getByRole('button', { name: `Save choices for ${own.name}` }).click()
    // The answer shows beside the form that was sent, not at the top of a long page.
    await asOwner.getByRole('status').filter({ hasText: `Saved for ${own.name}: you no longer get “Document requests”.` }).waitFor()
    await page.screenshot({ path: '/tmp/notification-preferences-saved.png', fullPage: true })
    expect(await asOwner.getByRole('checkbox', { name: 'Document requests' }).isChecked()).toBe(false)
    const { rows } = await ownerPool().query('SELECT workspace_id, kind, enabled FROM notification_preference WHERE user_id = $1', [owner.id])
    expect(rows).toEqual([{ workspace_id: own.id, kind: 'document_request', enabled: false }])

    await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/Berlin')
    await page.getByRole('button', { name: 'Save time zone' }).click()
    await page.getByRole('region', { name: 'Your time zone' }).getByRole('status').filter({ hasText: 'Saved: your time zone is Europe/Berlin.' }).waitFor()
    const zone = await ownerPool().query('SELECT time_zone FROM "user" WHERE id = $1', [owner.id])
    expect(zone.rows[0].time_zone).toBe('Europe/Berlin')

    await page.reload()
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Berlin')
    expect(await page.getByRole('region', { name: own.name }).getByRole('checkbox', { name: 'Document requests' }).isChecked()).toBe(false)
    await page.screenshot({ path: '/tmp/notification-preferences.png', fullPage: true })
  })
})
