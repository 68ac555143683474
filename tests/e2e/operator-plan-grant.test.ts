// The operator console's plan column with billing on: a new workspace shows its Pro trial and
// its end; an operator grants Business by hand in the browser (a missing reason is refused with
// a message, nothing granted), and the row then shows Business, granted, until the chosen day.
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { BILLING_ON_ENV, turnBillingOn } from '../support/billing-env'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'
import { enrolTwoFactor } from '../support/two-factor'

const OPERATOR = 'grants@candor.example'
turnBillingOn()
const app = serveCandorWithBrowser({ OPERATOR_EMAILS: OPERATOR, ...BILLING_ON_ENV })

describe('granting a plan in the operator console', () => {
  it('shows the trial, refuses a grant without a reason, then shows the grant', async () => {
    const customer = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(app.candor.url, context, OPERATOR)
    await enrolTwoFactor(app.candor.url, page)
    await page.goto(`${app.candor.url}/ops`)

    const row = page.getByRole('row').filter({ hasText: customer.workspace.slug })
    await expect.poll(() => row.innerText()).toMatch(/Pro · trial until \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    await row.getByText(`Grant a plan to ${customer.workspace.name}`).click()
    const until = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10)
    await row.getByLabel('Ends on (00:00 UTC)').fill(until)
    await row.getByRole('button', { name: `Grant the plan to ${customer.workspace.name}` }).click()
    await row.getByText('Write why the plan is granted').waitFor()
    const unchanged = await ownerPool().query('SELECT granted_plan FROM workspace WHERE id = $1', [customer.workspace.id])
    expect(unchanged.rows[0].granted_plan).toBeNull()

    await row.getByLabel('Ends on (00:00 UTC)').fill(until)
    await row.getByLabel('Reason', { exact: true }).fill('Design partner agreement DP-7')
    await row.getByRole('button', { name: `Grant the plan to ${customer.workspace.name}` }).click()
    await row.getByText('Plan granted: recorded in the platform’s audit log').waitFor()
    await expect.poll(() => row.innerText()).toContain(`Business · granted until ${until} 00:00 UTC`)
    await row.getByText(`Granted Business until ${until} 00:00 UTC: Design partner agreement DP-7`).waitFor()
    await page.screenshot({ path: '/tmp/ops-plans.png', fullPage: true })

    const logs = await ownerPool().query(
      "SELECT count(*)::int AS n FROM audit_entry WHERE action = 'workspace.plan_grant' AND target_id = $1",
      [customer.workspace.id],
    )
    expect(logs.rows[0].n).toBe(2)
    await context.close()
  })
})
