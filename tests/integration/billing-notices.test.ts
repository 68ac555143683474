// Billing notices (issue 15): with billing on, a new workspace starts a 14-day Pro trial (the
// platform's own workspace has Business instead); the
// daily billing.notices run e-mails every owner (not admins, agents or viewers) 3 days and 1 day
// before the trial ends, and when a failed payment's grace period starts and 3 days before it
// ends, each once however often it runs; the e-mail says what happens on which date and links
// the billing page. A trial that ends under a paid plan announces nothing. (Billing off:
// billing-notices-self-hosted.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendBillingNotices } from '~/modules/billing/notices.server'
import { effectivePlan } from '~/modules/billing/effective-plan'
import { PLATFORM_GRANT_REASON } from '~/modules/billing/starting-plan.server'
import { appOrigin, env } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { createWorkspace } from '~/modules/tenancy/workspaces.server'
import { workQueue } from '../../jobs/worker.server'
import { turnBillingOn } from '../support/billing-env'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'

turnBillingOn()
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const DAY_MS = 86_400_000
const later = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS)

type Mail = { to: string; subject: string; text: string }

/** The billing e-mails sent for `workspaceId`, oldest first. */
async function billingMails(workspaceId: string): Promise<Mail[]> {
  const { rows } = await ownerPool().query<Mail>(
    `SELECT "to", subject, text FROM email_message
      WHERE workspace_id = $1 AND text LIKE '%/settings/billing%' ORDER BY created_at, "to"`,
    [workspaceId],
  )
  return rows
}

/** A workspace with two owners, an admin, an agent and a viewer; the owners' addresses. */
async function teamWorkspace() {
  const made = await makeWorkspace()
  const second = await addMember(made.workspace.id, 'owner')
  for (const role of ['admin', 'agent', 'viewer'] as const) await addMember(made.workspace.id, role)
  return { ...made, owners: [made.owner.email, second.email].sort() }
}

const setBilling = (workspaceId: string, columns: Record<string, unknown>) =>
  ownerPool().query(
    `UPDATE workspace SET ${Object.keys(columns).map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [workspaceId, ...Object.values(columns)],
  )

describe('the trial', () => {
  it('starts with a new workspace and lasts 14 days', async () => {
    const before = Date.now()
    const { workspace } = await makeWorkspace()
    expect(workspace.trialEndsAt!.getTime()).toBeGreaterThanOrEqual(before + 14 * DAY_MS)
    expect(workspace.trialEndsAt!.getTime()).toBeLessThanOrEqual(Date.now() + 14 * DAY_MS)
  })

  it('is not the platform’s own workspace’s: Candor does not bill itself (Business, granted, no end)', async () => {
    const { workspace } = await createWorkspace(
      { name: 'Candor', slug: env().PLATFORM_WORKSPACE_SLUG, owner: { email: 'founder@candor.example', name: 'Fran Founder' } },
      { type: 'system', reason: 'test' },
    )
    expect(workspace).toMatchObject({ trialEndsAt: null, grantedPlan: 'business', grantedUntil: null, grantedReason: PLATFORM_GRANT_REASON })
    expect(effectivePlan(workspace, new Date(), true)).toEqual({ plan: 'business', source: 'granted', until: null })
  })

  it('e-mails every owner 3 days before it ends, once, and again the day before', async () => {
    const { workspace, owners } = await teamWorkspace()
    const endsAt = new Date(Date.UTC(2027, 0, 18, 14, 30))
    const threeDaysBefore = later(endsAt, -2.5)
    await setBilling(workspace.id, { trial_ends_at: endsAt })
    await sendBillingNotices(threeDaysBefore)

    const first = await billingMails(workspace.id)
    expect(first.map((mail) => mail.to).sort()).toEqual(owners)
    expect(first[0]!.subject).toBe(`${workspace.name}: your Pro trial ends on 18 January 2027 at 14:30 UTC`)
    expect(first[0]!.text).toContain(`The Pro trial of ${workspace.name} ends on 18 January 2027 at 14:30 UTC. From then on the workspace moves to Free.`)
    expect(first[0]!.text).toContain(`Billing page: ${appOrigin()}/w/${workspace.slug}/settings/billing`)

    // The same day again (a retry, a second worker): nothing more.
    await sendBillingNotices(later(threeDaysBefore, 0.1))
    expect(await billingMails(workspace.id)).toHaveLength(2)

    await sendBillingNotices(later(endsAt, -0.5))
    await sendBillingNotices(later(endsAt, -0.4))
    const all = await billingMails(workspace.id)
    expect(all).toHaveLength(4)
    expect(all.slice(2).map((mail) => mail.to).sort()).toEqual(owners)
    const recorded = await ownerPool().query(
      'SELECT kind, for_date::text AS "forDate", recipients FROM billing_notice WHERE workspace_id = $1 ORDER BY sent_at',
      [workspace.id],
    )
    expect(recorded.rows).toEqual([
      { kind: 'trial_ends_in_3_days', forDate: '2027-01-18', recipients: 2 },
      { kind: 'trial_ends_tomorrow', forDate: '2027-01-18', recipients: 2 },
    ])
    // After the end: nothing to announce.
    await sendBillingNotices(later(endsAt, 1))
    expect(await billingMails(workspace.id)).toHaveLength(4)
  })

  it('announces nothing when a paid plan or a longer grant carries on after it', async () => {
    const paying = await teamWorkspace()
    const granted = await teamWorkspace()
    const endsAt = new Date(Date.UTC(2027, 0, 20, 9, 0))
    await setBilling(paying.workspace.id, { trial_ends_at: endsAt, subscribed_plan: 'pro', subscription_status: 'active' })
    await setBilling(granted.workspace.id, { trial_ends_at: endsAt, granted_plan: 'pro', granted_until: later(endsAt, 30), granted_reason: 'Design partner' })
    await sendBillingNotices(later(endsAt, -2))
    expect(await billingMails(paying.workspace.id)).toEqual([])
    expect(await billingMails(granted.workspace.id)).toEqual([])
  })
})

describe('a failed payment', () => {
  it('e-mails every owner when the grace period starts and 3 days before it ends, each once', async () => {
    const { workspace, owners } = await teamWorkspace()
    const pastDueSince = new Date(Date.UTC(2027, 1, 1, 10, 0))
    await setBilling(workspace.id, {
      trial_ends_at: null,
      subscribed_plan: 'business',
      subscription_status: 'past_due',
      past_due_since: pastDueSince,
    })
    await sendBillingNotices(later(pastDueSince, 0.5))
    await sendBillingNotices(later(pastDueSince, 1.5))
    const started = await billingMails(workspace.id)
    expect(started.map((mail) => mail.to).sort()).toEqual(owners)
    expect(started[0]!.subject).toBe(`${workspace.name}: a payment failed; Business is kept until 15 February 2027 at 10:00 UTC`)
    expect(started[0]!.text).toContain('If the subscription is still unpaid then, the workspace moves to Free.')
    expect(started[0]!.text).toContain('Nothing is deleted when a workspace moves to a smaller plan')

    await sendBillingNotices(later(pastDueSince, 11.5))
    await sendBillingNotices(later(pastDueSince, 12.5))
    const all = await billingMails(workspace.id)
    expect(all).toHaveLength(4)
    expect(all[2]!.subject).toBe(`${workspace.name}: still unpaid; Business ends on 15 February 2027 at 10:00 UTC`)

    // Paid again: nothing more, even on a later day of the old grace period.
    await setBilling(workspace.id, { subscription_status: 'active', past_due_since: null })
    await sendBillingNotices(later(pastDueSince, 13))
    expect(await billingMails(workspace.id)).toHaveLength(4)
  })

  it('names the plan a grant keeps after the grace period, and until when', async () => {
    const { workspace } = await teamWorkspace()
    const pastDueSince = new Date(Date.UTC(2027, 1, 3, 8, 0))
    await setBilling(workspace.id, {
      trial_ends_at: null,
      subscribed_plan: 'business',
      subscription_status: 'past_due',
      past_due_since: pastDueSince,
      granted_plan: 'pro',
      granted_until: new Date(Date.UTC(2027, 5, 30, 0, 0)),
      granted_reason: 'Design partner',
    })
    await sendBillingNotices(later(pastDueSince, 1))
    const [mail] = await billingMails(workspace.id)
    expect(mail!.text).toContain('If the subscription is still unpaid then, the workspace moves to Pro (until 30 June 2027 at 00:00 UTC).')
  })

  it('sends nothing for a deleted workspace', async () => {
    const { workspace } = await teamWorkspace()
    const pastDueSince = new Date(Date.UTC(2027, 2, 1))
    await setBilling(workspace.id, { subscribed_plan: 'pro', subscription_status: 'past_due', past_due_since: pastDueSince, deleted_at: pastDueSince })
    await sendBillingNotices(later(pastDueSince, 1))
    expect(await billingMails(workspace.id)).toEqual([])
  })
})

describe('the billing.notices job', () => {
  it('sends what is due today when pg-boss runs it', async () => {
    const { workspace, owners } = await teamWorkspace()
    await setBilling(workspace.id, { trial_ends_at: later(new Date(), 2) })
    await workQueue(queue(), 'billing.notices', { pollingIntervalSeconds: 0.5 })
    await queue().send('billing.notices', {})
    const mails = await eventually(async () => {
      const sent = await billingMails(workspace.id)
      return sent.length === owners.length ? sent : undefined
    }, { what: 'the trial notices' })
    expect(mails.map((mail) => mail.to).sort()).toEqual(owners)
  })
})
