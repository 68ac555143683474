// A member connects the company's own service as a webhook data system in the browser: the form
// refuses what is not an address, the signing secret is shown once, and requests then reach the
// service signed with it (checked here per the Standard Webhooks text, not with Candor's code).
// The service answers an access task at once with its rows and an erasure with its counts; the
// request page shows both. One signed-in browser for the file.
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { fileOnPortal } from '../support/requests'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()

type Delivery = { id: string; timestamp: string; signature: string; body: string }
const deliveries: Delivery[] = []

/** The company's service: records each task and answers it at once. */
const service = http.createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    deliveries.push({
      id: String(request.headers['webhook-id']),
      timestamp: String(request.headers['webhook-timestamp']),
      signature: String(request.headers['webhook-signature']),
      body,
    })
    const task = JSON.parse(body) as { type: 'access' | 'erasure' }
    const answer =
      task.type === 'access'
        ? { collections: [{ name: 'orders', description: 'Orders placed in the shop', fields: ['id', 'total'], rows: [{ id: 'o-17', total: '42.00' }] }] }
        : { counts: [{ what: 'orders', count: 1 }] }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
  })
})

/** Standard Webhooks: base64 HMAC-SHA256 of `id.timestamp.body` under the secret after `whsec_`. */
function signedBy(secret: string, delivery: Delivery): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const expected = createHmac('sha256', key).update(`${delivery.id}.${delivery.timestamp}.${delivery.body}`).digest()
  return delivery.signature.split(' ').some((entry) => {
    const [version, value] = entry.split(',')
    const given = Buffer.from(value ?? '', 'base64')
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
  })
}

let page: Page
let slug: string
let serviceUrl: string

beforeAll(async () => {
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve))
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/candor-tasks`
  const { workspace } = await makeWorkspace()
  slug = workspace.slug
  const admin = await addMember(workspace.id, 'admin')
  page = await signIn(app.candor.url, await app.browser.newContext(), admin.email)
})

afterAll(() => new Promise((resolve) => service.close(resolve)))

const tasksDone = (reference: string) =>
  eventually(
    async () =>
      (
        await ownerPool().query(
          `SELECT 1 FROM privacy_request r WHERE reference = $1
             AND EXISTS (SELECT 1 FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = r.id AND s.kind = 'webhook')
             AND NOT EXISTS (SELECT 1 FROM request_task t WHERE t.request_id = r.id AND t.state <> 'done')`,
          [reference],
        )
      ).rows[0],
    { timeoutMs: 45_000, what: `the tasks of ${reference}` },
  )

describe('a webhook data system, connected in the browser', () => {
  it('refuses a bad address, shows the secret once, and the service gets signed tasks it answers', async () => {
    await page.goto(`${app.candor.url}/w/${slug}/privacy`)
    await page.getByRole('link', { name: 'Connect a webhook endpoint' }).click()
    await page.getByRole('heading', { name: 'Connect a webhook endpoint' }).waitFor()
    await page.getByLabel('System name').fill('Shop service')
    await page.getByLabel('Endpoint address (https://…)').fill('ftp://shop.example/tasks')
    await page.getByRole('button', { name: 'Connect' }).click()
    await expect.poll(() => page.getByLabel('Endpoint address (https://…)').getAttribute('aria-invalid')).toBe('true')
    expect((await ownerPool().query("SELECT count(*)::int AS n FROM data_system WHERE kind = 'webhook' AND name = 'Shop service'")).rows[0].n).toBe(0)

    await page.getByLabel('Endpoint address (https://…)').fill(serviceUrl)
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByRole('heading', { name: '“Shop service” is connected' }).waitFor()
    const secret = (await page.getByTestId('signing-secret').textContent())!.trim()
    expect(secret).toMatch(/^whsec_/)
    await page.screenshot({ path: 'test-results/screenshots/webhook-connected.png', fullPage: true })
    // Sealed at rest; never shown again.
    const { rows } = await ownerPool().query("SELECT settings, secret FROM data_system WHERE kind = 'webhook' AND name = 'Shop service'")
    expect(JSON.stringify(rows)).not.toContain(secret.replace(/^whsec_/, ''))
    await page.goto(`${app.candor.url}/w/${slug}/privacy`)
    expect(await page.content()).not.toContain(secret)

    const access = await fileOnPortal(app.candor.url, slug, { type: 'access', email: 'rosa@example.com' })
    await tasksDone(access.reference)
    const sent = deliveries.at(-1)!
    expect(signedBy(secret, sent)).toBe(true)
    expect(signedBy(`whsec_${Buffer.alloc(24).toString('base64')}`, sent)).toBe(false)
    expect(JSON.parse(sent.body)).toMatchObject({ type: 'access', subject: { email: 'rosa@example.com' } })
    // The export waiting for review lists the service's collection, with its rows.
    await eventually(
      async () => (await ownerPool().query('SELECT 1 FROM request_export e JOIN privacy_request r ON r.id = e.request_id WHERE r.reference = $1', [access.reference])).rows[0],
      { timeoutMs: 45_000, what: 'the export' },
    )
    await page.goto(`${app.candor.url}/w/${slug}/requests/${access.reference}`)
    await page.getByText('Orders placed in the shop').first().waitFor()

    const erasure = await fileOnPortal(app.candor.url, slug, { type: 'erasure', email: 'rosa@example.com' })
    await tasksDone(erasure.reference)
    expect(signedBy(secret, deliveries.at(-1)!)).toBe(true)
    await page.goto(`${app.candor.url}/w/${slug}/requests/${erasure.reference}`)
    const line = page.locator('#erasure li', { hasText: 'Shop service' })
    await line.waitFor()
    expect(await line.textContent()).toMatch(/^Shop service: erased \d+ \w+ \d{4}/)
    const receipts = await ownerPool().query(
      `SELECT t.receipt FROM request_task t JOIN privacy_request r ON r.id = t.request_id JOIN data_system s ON s.id = t.data_system_id
        WHERE r.reference = $1 AND s.kind = 'webhook'`,
      [erasure.reference],
    )
    expect(receipts.rows[0].receipt).toMatchObject({ system: 'Shop service', items: [{ what: 'orders', count: 1 }] })
    await page.screenshot({ path: 'test-results/screenshots/webhook-erasure.png', fullPage: true })
  })
})
