// Signing in through the real pages, the way a person does: e-mail, then the e-mailed code.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { newestSignInMail } from './sign-in-mail'

/** Sign in by e-mailed code in `context`; stops wherever Candor sends the person next. */
export async function signIn(baseUrl: string, context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage()
  const asked = new Date(Date.now() - 1000)
  await page.goto(`${baseUrl}/sign-in`)
  await page.getByLabel('E-mail address').fill(email)
  await page.getByRole('button', { name: 'Send me a code' }).click()
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
  const mail = await newestSignInMail(email, asked)
  await page.getByLabel('Code').fill(mail.code)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in/verify'))
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
