// Opens a requester's status page as they do: ask for a code with the reference and e-mail,
// read it from the e-mail, type it. The page's browser context then holds their session.
import type { Page } from 'playwright-core'
import { newestMailTo } from './requester-mail'

export async function openStatusPage(page: Page, baseUrl: string, slug: string, reference: string, email: string) {
  const since = new Date()
  await page.goto(`${baseUrl}/p/${slug}/status`)
  await page.getByLabel('Reference').fill(reference)
  await page.getByLabel('E-mail address').fill(email)
  await page.getByRole('button', { name: 'Send me a code' }).click()
  const status = await newestMailTo(email, `Your code to follow request ${reference}%`, since)
  await page.getByLabel('Code').fill(status.code!)
  await page.getByRole('button', { name: 'Open my request' }).click()
  // The locked page has the same title: wait for what only the opened request shows.
  await page.getByRole('heading', { name: 'Messages and steps' }).waitFor()
}
