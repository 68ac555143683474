// Platform incidents in the browser: an operator declares an S1 for one workspace on
// /ops/incidents (a list left empty is refused with a message, nothing declared), lands on the
// incident's page, which counts the workspace as reached once the job has run; the workspace's
// admin sees the banner on their dashboard and has the e-mail; a member of another workspace
// sees no banner; published from its page, Candor's own trust page lists it without naming the
// customer. Screenshots: /tmp/ops-incident.png, /tmp/dashboard-incident.png, /tmp/trust-incidents.png.
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'
import { signIn } from '../support/sign-in'
import { enrolTwoFactor } from '../support/two-factor'

const OPERATOR = 'incidents@candor.example'
const app = serveCandorWithBrowser({ OPERATOR_EMAILS: OPERATOR })

const incidents = async () => (await ownerPool().query<{ n: number }>('SELECT count(*)::int AS n FROM platform_incident')).rows[0]!.n

describe('a platform incident', () => {
  it('is declared by an operator and shows on the affected workspace’s dashboard, not on another', async () => {
    const customer = await makeWorkspace()
    const admin = await addMember(customer.workspace.id, 'admin')
    const bystander = await makeWorkspace()

    const operator = await app.browser.newContext()
    const page = await signIn(app.candor.url, operator, OPERATOR)
    await enrolTwoFactor(app.candor.url, page)
    await page.goto(`${app.candor.url}/ops`)
    await page.getByRole('link', { name: 'Incidents' }).click()
    await page.getByRole('heading', { name: 'Platform incidents' }).waitFor()
    await page.getByText('No platform incident has been declared.').waitFor()

    await page.getByLabel('Title', { exact: true }).fill('Exports delayed')
    await page.getByLabel('What is happening').fill('Access exports take hours to assemble. Nothing is lost.')
    await page.getByLabel('Severity', { exact: true }).selectOption('S1')
    await page.getByLabel('Only the ones listed below').check()
    await page.getByRole('button', { name: 'Declare the incident' }).click()
    await page.getByText('List the affected workspaces by their address, or choose all workspaces.').waitFor()
    expect(await incidents()).toBe(0)

    await page.getByLabel('Workspaces (their addresses)').fill(customer.workspace.slug)
    await page.getByRole('button', { name: 'Declare the incident' }).click()
    await page.waitForURL(/\/ops\/incidents\/[0-9a-f-]{36}$/)
    await page.getByRole('heading', { name: 'Exports delayed' }).waitFor()
    await expect
      .poll(async () => {
        await page.reload()
        return page.getByText(/Reached 1 of the 1 workspace affected now; 2 e-mails queued/).count()
      }, { timeout: 20_000 })
      .toBe(1)
    await page.screenshot({ path: '/tmp/ops-incident.png', fullPage: true })

    const mail = await newestMailTo(admin.email, '[S1] Candor incident: Exports delayed')
    expect(mail.text).toContain('Access exports take hours to assemble. Nothing is lost.')

    const member = await app.browser.newContext()
    const dashboard = await signIn(app.candor.url, member, admin.email)
    await dashboard.goto(`${app.candor.url}/w/${customer.workspace.slug}`)
    const banner = dashboard.getByTestId('platform-incident')
    await expect.poll(() => banner.innerText()).toContain('Candor service incident, S1 — a major feature down: Exports delayed')
    expect(await banner.innerText()).toMatch(/investigating \(started \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/)
    await banner.getByText(/Latest update from Candor/).click()
    await banner.getByText('Access exports take hours to assemble. Nothing is lost.').waitFor()
    await dashboard.screenshot({ path: '/tmp/dashboard-incident.png', fullPage: true })

    const other = await app.browser.newContext()
    const elsewhere = await signIn(app.candor.url, other, bystander.owner.email)
    await elsewhere.goto(`${app.candor.url}/w/${bystander.workspace.slug}`)
    await elsewhere.getByRole('heading', { name: bystander.workspace.name }).waitFor()
    expect(await elsewhere.getByTestId('platform-incident').count()).toBe(0)

    // Published from its page, it is listed on Candor's own trust page (the demo seed's platform
    // workspace), without the customer.
    await page.getByRole('button', { name: 'Publish it on Candor’s trust page' }).click()
    await page.getByText('Published on Candor’s trust page (/trust).').waitFor()
    const visitor = await app.browser.newContext()
    const trustPage = await visitor.newPage()
    await trustPage.goto(`${app.candor.url}/trust#incidents`)
    await trustPage.getByRole('heading', { name: 'Service incidents' }).waitFor()
    const listed = await trustPage.locator('#incidents').innerText()
    expect(listed).toContain('Exports delayed')
    expect(listed).toContain('Access exports take hours to assemble. Nothing is lost.')
    expect(await trustPage.content()).not.toContain(customer.workspace.slug)
    await trustPage.locator('#incidents').screenshot({ path: '/tmp/trust-incidents.png' })
    for (const context of [operator, member, other, visitor]) await context.close()
  })
})
