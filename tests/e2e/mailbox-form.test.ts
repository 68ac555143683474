// A developer queues a test e-mail from /dev/mailbox, in a browser with JavaScript off and on:
// the form posts, bad input comes back with plain-word messages, and the real email.send job
// delivers the message into the outbox.
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'

const app = serveCandorWithBrowser()

describe.each([
  { javaScriptEnabled: false, label: 'without JavaScript' },
  { javaScriptEnabled: true, label: 'with JavaScript' },
])('the mailbox form $label', ({ javaScriptEnabled, label }) => {
  it('shows what is wrong with each field and keeps what was typed', async () => {
    const context = await app.browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    await page.goto(`${app.candor.url}/dev/mailbox`)
    await page.getByLabel('To', { exact: true }).fill('not an address')
    await page.getByLabel('Message', { exact: true }).fill('Kept text')
    await page.getByRole('button', { name: 'Queue e-mail' }).click()
    await expect.poll(() => page.getByText('Enter a valid e-mail address').count()).toBe(1)
    await expect.poll(() => page.getByText('Enter a subject').count()).toBe(1)
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('Kept text')
    expect(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    await context.close()
  })

  it('queues the e-mail, which the job delivers into the outbox', async () => {
    const context = await app.browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    const subject = `Hello ${label}`
    await page.goto(`${app.candor.url}/dev/mailbox`)
    await page.getByLabel('To', { exact: true }).fill('river@example.com')
    await page.getByLabel('Subject', { exact: true }).fill(subject)
    await page.getByLabel('Message', { exact: true }).fill('A test message.')
    await page.getByRole('button', { name: 'Queue e-mail' }).click()
    // The redirect back lists the message (queued, or already delivered).
    const message = page.getByRole('article', { name: subject })
    await message.waitFor()
    await expect
      .poll(
        async () => {
          await page.reload()
          return message.locator('[data-status]').getAttribute('data-status')
        },
        { timeout: 15_000 },
      )
      .toBe('outbox')
    expect(await message.textContent()).toContain('To river@example.com')
    const audit = await ownerPool().query(
      "SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id IS NULL AND action = 'email.test_queue'",
    )
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1)
    await context.close()
  })
})
