// The incident register in a browser: an admin records a breach (a future awareness refused
// beside its field first), sees its 72-hour clock running in the list and on the page, records
// it as not reportable and then, thinking again, the notification to the supervisory authority
// (each save confirmed on the page), and sees the clock stop.
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn as signInAs } from '../support/sign-in'

const app = serveCandorWithBrowser()
const signIn = (context: BrowserContext, email: string) => signInAs(app.candor.url, context, email)
const utc = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 16)
const HOUR_MS = 60 * 60 * 1000

describe('the incident register', () => {
  it('records an incident, shows its clock, and stops it when the authority is notified', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const page = await signIn(await app.browser.newContext(), admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Incidents' }).click()
    await page.getByRole('heading', { name: 'Incidents' }).waitFor()
    await page.getByText('No open incidents.').waitFor()
    await page.getByRole('link', { name: 'Record an incident' }).click()

    await page.getByLabel('Title').fill('Support inbox shared publicly')
    await page.getByLabel('Severity').selectOption('S1')
    await page.getByLabel('Detected').fill(utc(-6 * HOUR_MS))
    await page.getByLabel('Became aware').fill(utc(3 * HOUR_MS))
    await page.getByLabel('Categories of personal data').fill('Names, e-mail addresses, support conversations')
    await page.getByLabel('People affected (approx.)').fill('1200')
    await page.getByLabel('Where they live').fill('EU, mostly Ireland and Germany')
    await page.getByRole('button', { name: 'Record the incident' }).click()
    await page.getByText('Awareness cannot be in the future: the 72-hour clock starts when you became aware.').waitFor()
    await page.screenshot({ path: '/tmp/incident-new.png', fullPage: true })
    expect((await ownerPool().query('SELECT 1 FROM incident WHERE workspace_id = $1', [workspace.id])).rowCount).toBe(0)

    await page.getByLabel('Became aware').fill(utc(-5 * HOUR_MS))
    await page.getByRole('button', { name: 'Record the incident' }).click()
    const reference = `INC-${new Date().getUTCFullYear()}-0001`
    await page.getByRole('heading', { name: `${reference} Support inbox shared publicly` }).waitFor()
    expect(await page.getByTestId('incident-clock').textContent()).toMatch(/^2 days 1\d h left to notify$/)

    await page.getByText('← All incidents').click()
    expect(await page.getByTestId(`clock-${reference}`).textContent()).toMatch(/^2 days 1\d h left to notify$/)
    await page.getByText('without undue delay and, where feasible, within 72 hours of awareness, unless the breach is unlikely to result in a risk', { exact: false }).waitFor()
    await page.getByRole('link', { name: reference }).click()

    await page.locator('summary', { hasText: 'Record as not reportable' }).click()
    await page.getByLabel('Why it is unlikely to result in a risk to people’s rights and freedoms').fill('Only encrypted data; the key was not exposed.')
    await page.getByRole('button', { name: 'Record as not reportable' }).click()
    await page.getByText('Saved: recorded the breach as not reportable. 1 other member who gets incident updates was e-mailed.').waitFor()
    expect(await page.getByRole('status').textContent()).toBe('Saved: recorded the breach as not reportable. 1 other member who gets incident updates was e-mailed.')
    await page.locator('summary', { hasText: 'Change the reason it is not reportable' }).click()
    await page.getByRole('button', { name: 'Save the reason' }).waitFor()

    await page.getByText('Record the notification to the authority').click()
    await page.getByLabel('Supervisory authority', { exact: true }).fill('Data Protection Commission (Ireland)')
    await page.getByLabel('Notified at').fill(utc(-HOUR_MS))
    await page.getByLabel('Their reference (if any)').fill('DPC-BN-2026-118')
    await page.getByRole('button', { name: 'Record the notification' }).click()
    await page.getByText('Supervisory authority notified', { exact: true }).waitFor()
    expect(await page.getByRole('status').textContent()).toBe(
      'Saved: recorded the notification to the supervisory authority (it had been recorded as not reportable). 1 other member who gets incident updates was e-mailed.',
    )
    expect(await page.getByTestId('incident-clock').textContent()).toBe('Authority notified within 72 h')
    await page.screenshot({ path: '/tmp/incident-page.png', fullPage: true })

    await page.getByText('← All incidents').click()
    expect(await page.getByTestId(`clock-${reference}`).textContent()).toBe('Authority notified within 72 h')
    await page.screenshot({ path: '/tmp/incidents-list.png', fullPage: true })
  })
})
