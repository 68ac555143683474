// Turning on two-factor authentication through the real pages, with a test authenticator app.
import type { Page } from 'playwright-core'
import { totpCode } from './totp'

/** Turn on 2FA for the signed-in person; returns the app's key and the recovery codes. */
export async function enrolTwoFactor(baseUrl: string, page: Page): Promise<{ secret: string; enrolCode: string; recoveryCodes: string[] }> {
  await page.goto(`${baseUrl}/account/security`)
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click()
  await page.getByRole('img', { name: /QR code/ }).waitFor()
  const secret = (await page.getByTestId('totp-key').textContent())!.trim()
  await page.getByLabel('Code from the app').fill('000000' === totpCode(secret) ? '111111' : '000000')
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await page.getByText('That code is not right').waitFor()
  const enrolCode = totpCode(secret)
  await page.getByLabel('Code from the app').fill(enrolCode)
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  const list = page.getByRole('list', { name: 'Recovery codes' })
  await list.waitFor()
  const recoveryCodes = await list.getByRole('listitem').allTextContents()
  return { secret, enrolCode, recoveryCodes }
}
