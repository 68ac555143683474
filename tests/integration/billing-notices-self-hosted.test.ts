// Billing off (no STRIPE_SECRET_KEY, self-hosting): a new workspace has no trial (it has every
// feature), and billing.notices sends nothing, even for billing columns that say otherwise.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sendBillingNotices } from '~/modules/billing/notices.server'
import { billingEnabled } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { makeWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

it('starts no trial and sends no billing e-mail', async () => {
  expect(billingEnabled()).toBe(false)
  const { workspace } = await makeWorkspace()
  expect(workspace.trialEndsAt).toBeNull()
  const now = new Date()
  await ownerPool().query(
    `UPDATE workspace SET trial_ends_at = $2, subscribed_plan = 'pro', subscription_status = 'past_due', past_due_since = $3 WHERE id = $1`,
    [workspace.id, new Date(now.getTime() + 86_400_000), now],
  )
  expect(await sendBillingNotices(now)).toEqual({ workspaces: 0, emails: 0, failed: 0 })
  const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM email_message WHERE workspace_id = $1', [workspace.id])
  expect(rows[0].n).toBe(0)
  expect((await ownerPool().query('SELECT count(*)::int AS n FROM billing_notice')).rows[0].n).toBe(0)
})
