// Signing in through the real pages, the way a person does: e-mail, then the e-mailed code.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { newestSignInMail } from './sign-in-mail'

/** What a person does on the page: plain, or counted (interaction-counter.ts). */
type Acts = { click(locator: Locator): Promise<void>; fill(locator: Locator, value: string): Promise<void> }
const uncounted: Acts = { click: (locator) => locator.click(), fill: (locator, value) => locator.fill(value) }

/** Sign in by e-mailed code on `page`, each step through `act`; stops wherever Candor sends the person next. */
export async function signInOn(page: Page, baseUrl: string, email: string, act: Acts = uncounted): Promise<void> {
  const asked = new Date(Date.now() - 1000)
  await page.goto(`${baseUrl}/sign-in`)
  await act.fill(page.getByLabel('E-mail address'), email)
  await act.click(page.getByRole('button', { name: 'Send me a code' }))
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
  const mail = await newestSignInMail(email, asked)
  await act.fill(page.getByLabel('Code'), mail.code)
  await act.click(page.getByRole('button', { name: 'Sign in' }))
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in/verify'))
}

/** Sign in by e-mailed code in `context`; stops wherever Candor sends the person next. */
export async function signIn(baseUrl: string, context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage()
  await signInOn(page, baseUrl, email)
  return page
}

/**
 * Sign in with JavaScript (the code form), then carry the session into a context without it: the
 * pages after that are used the way a browser without scripts uses them.
 */
export async function signedInWithoutScript(
  app: { candor: { url: string }; browser: Browser },
  email: string,
): Promise<{ page: Page; context: BrowserContext }> {
  const withScript = await app.browser.newContext()
  await signIn(app.candor.url, withScript, email)
  const context = await app.browser.newContext({ javaScriptEnabled: false })
  await context.addCookies(await withScript.cookies())
  await withScript.close()
  return { page: await context.newPage(), context }
}
