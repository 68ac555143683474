// A person signs in the way they would in a browser: by typing the e-mailed code, or by opening
// the e-mailed link; a new person goes through onboarding to their first workspace; sessions
// can be revoked from another browser and stop working at once.
import { faker } from '@faker-js/faker'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'
import { newestSignInMail } from '../support/sign-in-mail'

const app = serveCandorWithBrowser()

async function askForCode(page: Page, email: string) {
  const asked = new Date(Date.now() - 1000)
  await page.goto(`${app.candor.url}/sign-in`)
  await page.getByLabel('E-mail address').fill(email)
  await page.getByRole('button', { name: 'Send me a code' }).click()
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
  return newestSignInMail(email, asked)
}

const signInByCode = (context: BrowserContext, email: string) => signIn(app.candor.url, context, email)

describe.each([
  { javaScriptEnabled: true, label: 'with JavaScript' },
  { javaScriptEnabled: false, label: 'without JavaScript' },
])('sign-in $label', ({ javaScriptEnabled }) => {
  it('a new person signs in by code, names themselves and creates their first workspace', async () => {
    const context = await app.browser.newContext({ javaScriptEnabled })
    const email = faker.internet.email().toLowerCase()
    const page = await signInByCode(context, email)
    expect(new URL(page.url()).pathname).toBe('/onboarding')

    const slug = `acme-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`
    await page.getByLabel('Your name').fill('Ada Lovelace')
    await page.getByLabel('Company name').fill('Acme Analytics')
    await page.getByLabel('Workspace address').fill('Not A Slug!')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByText('Use 1 to 48 lowercase letters').waitFor()
    expect(await page.getByLabel('Company name').inputValue()).toBe('Acme Analytics')

    await page.getByLabel('Workspace address').fill(slug)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(`${app.candor.url}/w/${slug}`)
    await page.getByRole('heading', { name: 'Acme Analytics' }).waitFor()
    await page.getByRole('link', { name: 'Members', exact: true }).click()
    await page.waitForURL(`${app.candor.url}/w/${slug}/members`)
    const row = page.getByRole('row', { name: new RegExp(email.replace(/[.+]/g, '\\$&')) })
    expect(await row.textContent()).toContain('owner')
    expect(await row.textContent()).toContain('Ada Lovelace')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(`${app.candor.url}/`)
    await page.goto(`${app.candor.url}/w/${slug}/members`)
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await context.close()
  })

  it('a member signs in by the magic link and lands in their workspace', async () => {
    const { workspace, owner } = await makeWorkspace()
    const context = await app.browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    const mail = await askForCode(page, owner.email)
    await page.goto(mail.link)
    await page.waitForURL(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('heading', { name: workspace.name }).waitFor()
    await context.close()
  })
})

describe('sessions', () => {
  it('a session revoked from another browser stops working on its next request', async () => {
    const { workspace, owner } = await makeWorkspace()
    const laptop = await app.browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' })
    const phone = await app.browser.newContext({
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile/15E148 Safari/604.1',
    })
    const laptopPage = await signInByCode(laptop, owner.email)
    const phonePage = await signInByCode(phone, owner.email)

    await laptopPage.goto(`${app.candor.url}/account/sessions`)
    await laptopPage.getByText('this browser').waitFor()
    const phoneRow = laptopPage.getByRole('listitem').filter({ hasText: 'Safari on iOS' })
    expect(await phoneRow.count()).toBe(1)
    await phoneRow.getByRole('button', { name: /Revoke/ }).click()
    await expect.poll(() => laptopPage.getByText('Safari on iOS').count()).toBe(0)

    await phonePage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(new URL(phonePage.url()).pathname).toBe('/sign-in')

    // "Sign out everywhere else" ends every other session, and keeps this one.
    const tablet = await app.browser.newContext()
    const tabletPage = await signInByCode(tablet, owner.email)
    await laptopPage.reload()
    await laptopPage.getByRole('button', { name: 'Sign out everywhere else' }).click()
    await expect.poll(() => laptopPage.getByRole('button', { name: 'Revoke' }).count()).toBe(0)
    await tabletPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(new URL(tabletPage.url()).pathname).toBe('/sign-in')
    await laptopPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(new URL(laptopPage.url()).pathname).toBe(`/w/${workspace.slug}`)
    await Promise.all([laptop.close(), phone.close(), tablet.close()])
  })
})
