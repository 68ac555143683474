// Webhooks as an admin sets them up in the browser (without JavaScript) and a developer's
// endpoint receives them: the signing secret is shown once and stored only encrypted; a request
// confirmed on the portal reaches a local receiver as a signed request.received event that
// verifyWebhookSignature accepts; the page shows the delivery; a test event and disabling work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { requestWebhookEvent, testWebhookEvent } from '~/modules/webhooks/event-schema.server'
import { verifyWebhookSignature } from '~/modules/webhooks/signature.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { fileOnPortal } from '../support/requests'
import { signedInWithoutScript, signIn as signInAs } from '../support/sign-in'
import { startWebhookReceiver } from '../support/webhook-receiver'

const app = serveCandorWithBrowser()
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
beforeAll(async () => {
  receiver = await startWebhookReceiver()
})
afterAll(() => receiver?.close())

/** Sign in (the sign-in page uses no script either way), then browse with JavaScript off. */
describe('webhooks', () => {
  it('sends a signed request.received for a request confirmed on the portal to the endpoint an admin added', async () => {
    const { owner, workspace } = await makeWorkspace()
    const { page, context } = await signedInWithoutScript(app, owner.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Webhooks' }).click()
    await page.getByText('No endpoints yet.').waitFor()

    // A wrong address is explained, and nothing is stored.
    await page.getByLabel('Endpoint URL').fill('http://hooks.acme.example/candor')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByText('Use an https:// address').waitFor()
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM webhook_endpoint WHERE workspace_id = $1', [workspace.id])).rows[0].n).toBe(0)

    const url = `${receiver.url}/candor`
    await page.getByLabel('Endpoint URL').fill(url)
    await page.getByRole('checkbox', { name: /request\.state_changed/ }).uncheck()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = (await page.getByTestId('new-webhook-secret').textContent())!.trim()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    const { rows: stored } = await ownerPool().query('SELECT url, events, secret_encrypted FROM webhook_endpoint WHERE workspace_id = $1', [workspace.id])
    expect(stored).toEqual([
      { url, events: ['request.received', 'request.extended', 'request.completed', 'request.rejected', 'request.duplicate'], secret_encrypted: expect.stringMatching(/^v1\./) },
    ])
    expect(JSON.stringify(stored)).not.toContain(secret.slice('whsec_'.length))

    // Shown once: not after a reload.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/webhooks`)
    expect(await page.getByTestId('new-webhook-secret').count()).toBe(0)
    expect(await page.content()).not.toContain(secret)
    const endpoint = page.getByRole('listitem', { name: url })
    await endpoint.getByText('No deliveries yet.').waitFor()

    // A data subject files and confirms a request on the portal: the endpoint hears of it.
    const filed = await fileOnPortal(app.candor.url, workspace.slug, { type: 'access' })
    const [hook] = await receiver.waitFor('/candor', 1, 30_000)
    expect(verifyWebhookSignature(secret, hook!.headers['candor-signature'] as string, hook!.body)).toBe(true)
    expect(verifyWebhookSignature(secret, hook!.headers['candor-signature'] as string, hook!.body.replace('"request.received"', '"request.completed"'))).toBe(false)
    const event = requestWebhookEvent.parse(JSON.parse(hook!.body))
    expect(event).toMatchObject({
      type: 'request.received',
      previousState: 'unverified',
      data: { reference: filed.reference, email: filed.email, type: 'access' },
    })
    expect(hook!.headers['candor-event-id']).toBe(event.id)

    // The page shows the delivery, then a test event on demand.
    await expect
      .poll(async () => {
        await page.reload()
        return endpoint.getByRole('row').filter({ hasText: 'request.received' }).textContent()
      }, { timeout: 15_000 })
      .toMatch(/delivered\s*1\s*HTTP 204/)
    await endpoint.getByRole('button', { name: 'Send test event' }).click()
    await page.getByText('A test event is on its way').waitFor()
    const hooks = await receiver.waitFor('/candor', 2, 30_000)
    const test = testWebhookEvent.parse(JSON.parse(hooks[1]!.body))
    expect(verifyWebhookSignature(secret, hooks[1]!.headers['candor-signature'] as string, hooks[1]!.body)).toBe(true)
    expect(test.type).toBe('webhook.test')

    await endpoint.getByRole('button', { name: 'Disable' }).click()
    await endpoint.getByText('· disabled').waitFor()
    expect(await endpoint.getByRole('button', { name: 'Send test event' }).count()).toBe(0)

    const { rows } = await ownerPool().query(
      "SELECT action FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'webhook_endpoint.%' ORDER BY seq",
      [workspace.id],
    )
    expect(rows.map((r) => r.action)).toEqual(['webhook_endpoint.create', 'webhook_endpoint.test', 'webhook_endpoint.disable'])
    await context.close()
  })

  it('is refused to an agent, whose role cannot manage them', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const context = await app.browser.newContext()
    const page = await signInAs(app.candor.url, context, agent.email)
    const response = await page.goto(`${app.candor.url}/w/${workspace.slug}/webhooks`)
    expect(response?.status()).toBe(403)
    await context.close()
  })
})
