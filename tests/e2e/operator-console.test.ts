// The operator console: closed to everyone but OPERATOR_EMAILS with 2FA; lists workspaces;
// a look into a customer's workspace needs a reason, is read-only, shows a banner, ends on time
// or on demand, and is recorded in the platform's audit log and in the customer's.
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn as signInAs } from '../support/sign-in'
import { enrolTwoFactor } from '../support/two-factor'

const OPERATOR = 'ops@candor.example'
const app = serveCandorWithBrowser({ OPERATOR_EMAILS: ` ${OPERATOR.toUpperCase()} , other-ops@candor.example` })

const signIn = (context: BrowserContext, email: string) => signInAs(app.candor.url, context, email)

describe('the operator console', () => {
  it('does not exist for customers', async () => {
    const { owner } = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(context, owner.email)
    for (const path of ['/ops', '/ops/queues']) {
      const response = await page.goto(`${app.candor.url}${path}`)
      expect(response?.status()).toBe(404)
    }
    await context.close()
  })

  it('lets an operator with 2FA look into a workspace, read-only, with a reason recorded in both audit logs', async () => {
    const customer = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(context, OPERATOR)
    const refused = await page.goto(`${app.candor.url}/ops`)
    expect(refused?.status()).toBe(403)
    await page.getByText('Operators must turn on two-factor authentication').waitFor()
    await enrolTwoFactor(app.candor.url, page)

    // The job queues, as they are now (their figures: tests/integration/queue-health.test.ts).
    await page.goto(`${app.candor.url}/ops`)
    await page.getByRole('link', { name: 'Job queues' }).click()
    await page.getByRole('heading', { name: 'Job queues' }).waitFor()
    for (const queue of ['email.send', 'email.bulk', 'webhook.deliver', 'dsar.task.dead']) {
      await page.getByRole('row', { name: queue, exact: true }).waitFor()
    }

    await page.goto(`${app.candor.url}/ops`)
    const row = page.getByRole('row').filter({ hasText: customer.workspace.slug })
    await row.getByLabel(`Reason for looking into ${customer.workspace.name}`).fill('short')
    await row.getByRole('button', { name: `Look into ${customer.workspace.name}` }).click()
    await page.getByText('Write why you need to look').waitFor()

    const reason = 'Ticket 4812: customer cannot see their invitation'
    await row.getByLabel(`Reason for looking into ${customer.workspace.name}`).fill(reason)
    await row.getByRole('button', { name: `Look into ${customer.workspace.name}` }).click()
    await page.waitForURL(`${app.candor.url}/w/${customer.workspace.slug}`)
    await page.getByText(`Operator view of ${customer.workspace.name}`).waitFor()
    await page.getByText(reason).waitFor()

    const write = await context.request.post(`${app.candor.url}/w/${customer.workspace.slug}/members`, {
      form: { intent: 'invite', email: 'x@example.com', role: 'admin' },
      headers: { origin: app.candor.url },
    })
    expect(write.status()).toBe(403)
    expect(await write.text()).toContain('The operator view is read-only')

    const logs = await ownerPool().query(
      `SELECT workspace_id, actor_type, after->>'reason' AS reason FROM audit_entry
        WHERE action = 'operator.impersonation_start' ORDER BY workspace_id NULLS FIRST`,
    )
    expect(logs.rows).toEqual([
      { workspace_id: null, actor_type: 'operator', reason },
      { workspace_id: customer.workspace.id, actor_type: 'operator', reason },
    ])

    await page.getByRole('button', { name: 'End' }).click()
    await page.waitForURL(`${app.candor.url}/ops`)
    const after = await page.goto(`${app.candor.url}/w/${customer.workspace.slug}`)
    expect(after?.status()).toBe(404)
    const ended = await ownerPool().query(
      "SELECT count(*)::int AS n FROM audit_entry WHERE action = 'operator.impersonation_end' AND workspace_id = $1",
      [customer.workspace.id],
    )
    expect(ended.rows[0].n).toBe(1)
    await context.close()
  })

  it('ends a look when its time is up', async () => {
    const customer = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(context, 'other-ops@candor.example')
    await enrolTwoFactor(app.candor.url, page)
    await page.goto(`${app.candor.url}/ops`)
    const row = page.getByRole('row').filter({ hasText: customer.workspace.slug })
    await row.getByLabel(`Reason for looking into ${customer.workspace.name}`).fill('Checking a reported rendering bug')
    await row.getByLabel('Minutes').fill('45')
    await row.getByRole('button', { name: `Look into ${customer.workspace.name}` }).click()
    await page.getByText('At most 30 minutes.').waitFor()
    await row.getByLabel('Minutes').fill('1')
    await row.getByRole('button', { name: `Look into ${customer.workspace.name}` }).click()
    await page.waitForURL(`${app.candor.url}/w/${customer.workspace.slug}`)
    await ownerPool().query(
      "UPDATE session SET impersonation_ends_at = now() - interval '1 second' WHERE impersonated_workspace_id = $1",
      [customer.workspace.id],
    )
    const expired = await page.goto(`${app.candor.url}/w/${customer.workspace.slug}`)
    expect(expired?.status()).toBe(404)
    await context.close()
  })
})
