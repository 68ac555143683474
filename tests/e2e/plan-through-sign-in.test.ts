// A new visitor's plan choice carried through sign-in, in a browser with billing on: "Start with
// Pro" on the home page, the e-mailed link, and onboarding starts with Pro chosen and goes on to
// Billing; the choice is forgotten once the workspace exists. A plan that is not one of Candor's
// (an address, a made-up id) is never kept.
import { faker } from '@faker-js/faker'
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { BILLING_ON_ENV } from '../support/billing-env'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { newestSignInMail } from '../support/sign-in-mail'

const app = serveCandorWithBrowser(BILLING_ON_ENV)

/** The kept plan as the cookie holds it (React Router's encoding: JSON in base64), or null. */
async function planCookie(context: BrowserContext): Promise<string | null> {
  const value = (await context.cookies()).find((c) => c.name.includes('start_plan'))?.value
  return value ? JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString('utf8')) : null
}

describe('choosing a plan before signing in', () => {
  it('lands a new visitor who picked Pro in the Pro start after the e-mailed link', async () => {
    const context = await app.browser.newContext()
    const page = await context.newPage()
    const email = `founder-${faker.string.alphanumeric({ length: 10, casing: 'lower' })}@newco.example`
    await page.goto(`${app.candor.url}/`)
    await page.getByRole('link', { name: 'Start with Pro' }).click()
    await page.waitForURL(/\/sign-in\?plan=pro$/)
    expect(await planCookie(context)).toBe('pro')
    expect(await page.getByText('You chose “Start with Pro”').isVisible()).toBe(true)

    const asked = new Date(Date.now() - 1000)
    await page.getByLabel('E-mail address').fill(email)
    await page.getByRole('button', { name: 'Send me a code' }).click()
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
    const mail = await newestSignInMail(email, asked)
    await page.goto(mail.link)
    await page.waitForURL(/\/onboarding$/)
    expect(await page.getByRole('radio', { name: /^Start with Pro/ }).isChecked()).toBe(true)

    await page.getByLabel('Your name').fill('Maya Chen')
    await page.getByLabel('Company name').fill(`Newco ${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(/\/w\/[a-z0-9-]+\/settings\/billing$/)
    expect(await planCookie(context)).toBeNull()
    await context.close()
  })

  it('keeps only a known plan, and never sends anyone to an address from it', async () => {
    const context = await app.browser.newContext()
    const page = await context.newPage()
    for (const plan of ['https://evil.example/', '//evil.example', 'enterprise', 'pro%0d%0aSet-Cookie:x=1', 'x'.repeat(3000)]) {
      const response = await page.goto(`${app.candor.url}/sign-in?plan=${encodeURIComponent(plan)}`)
      expect(response!.status(), plan.slice(0, 40)).toBe(200)
      expect(new URL(page.url()).pathname).toBe('/sign-in')
      expect(await planCookie(context)).toBeNull()
      expect(await page.getByText('You chose').count()).toBe(0)
    }
    await context.close()
  })
})
