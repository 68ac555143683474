// An operator grants a plan by hand (issue 15, item 6), through /ops's action as the browser
// posts it: Business until a date with a reason becomes the workspace's effective plan
// ('granted'), recorded in the platform's audit log and in the workspace's; a bad date or an
// empty reason is refused with a clear message and writes nothing; ending the grant falls back
// to the trial; nobody but an operator with 2FA gets anywhere.
import { beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { startEnrolment } from '~/modules/auth/two-factor.server'
import { effectivePlan } from '~/modules/billing/effective-plan'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { action, loader } from '~/routes/ops-console/workspaces'
import { turnBillingOn } from '../support/billing-env'
import { makeWorkspace } from '../support/factories'
import { answerOf, callAction, callLoader } from '../support/route-call'

turnBillingOn()
process.env.OPERATOR_EMAILS = 'ops@candor.example,ops2@candor.example'

const DAY_MS = 86_400_000
/** A day `days` from today, as the date field sends it. */
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)

/** A signed-in person's cookie; with `twoFactor`, their 2FA is on (as a finished enrolment leaves it). */
async function cookieOf(email: string, twoFactor: boolean): Promise<{ userId: string; cookie: string }> {
  const { rows } = await ownerPool().query<{ id: string }>(
    `INSERT INTO "user" (id, email, name) VALUES (gen_random_uuid(), $1, 'Olu Operator') RETURNING id`,
    [email],
  )
  const userId = rows[0]!.id
  if (twoFactor) {
    await startEnrolment(userId)
    await ownerPool().query('UPDATE user_totp SET confirmed_at = now() WHERE user_id = $1', [userId])
  }
  const { token, session } = await withPlatform((tx) => startSession(tx, userId))
  await ownerPool().query('UPDATE session SET second_factor_pending = false WHERE id = $1', [session.id])
  return { userId, cookie: (await sessionCookie().serialize(token)).split(';')[0]! }
}

const post = (cookie: string, form: Record<string, string>) =>
  callAction(action, { path: '/ops', form, headers: { cookie } }).then(answerOf)

async function billingOf(workspaceId: string) {
  const { rows } = await ownerPool().query(
    `SELECT subscribed_plan AS "subscribedPlan", subscription_status AS "subscriptionStatus", past_due_since AS "pastDueSince",
            trial_ends_at AS "trialEndsAt", granted_plan AS "grantedPlan", granted_until AS "grantedUntil", granted_reason AS "grantedReason"
       FROM workspace WHERE id = $1`,
    [workspaceId],
  )
  return rows[0]
}

const auditOf = async (action: string, workspaceId: string) =>
  (
    await ownerPool().query(
      `SELECT workspace_id AS "workspaceId", actor_type AS "actorType", actor_id AS "actorId", target_id AS "targetId", before, after
         FROM audit_entry WHERE action = $1 AND target_id = $2 ORDER BY workspace_id NULLS FIRST`,
      [action, workspaceId],
    )
  ).rows

let operator: { userId: string; cookie: string }
beforeAll(async () => {
  operator = await cookieOf('ops@candor.example', true)
})

describe('granting a plan', () => {
  it('makes Business the effective plan until the date, recorded in both audit logs', async () => {
    const { workspace } = await makeWorkspace()
    const until = dayFromNow(60)
    const reason = 'Design partner agreement DP-7'
    const answer = await post(operator.cookie, { intent: 'grant', workspaceId: workspace.id, plan: 'business', until, reason })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ intent: 'grant', workspaceId: workspace.id, notice: expect.stringContaining('Plan granted') })

    const state = await billingOf(workspace.id)
    expect(state).toMatchObject({ grantedPlan: 'business', grantedReason: reason, grantedUntil: new Date(`${until}T00:00:00Z`) })
    expect(effectivePlan(state, new Date(), true)).toEqual({ plan: 'business', source: 'granted', until: new Date(`${until}T00:00:00Z`) })

    const entries = await auditOf('workspace.plan_grant', workspace.id)
    const after = { grantedPlan: 'business', grantedUntil: `${until}T00:00:00.000Z`, grantedReason: reason }
    const before = { grantedPlan: null, grantedUntil: null, grantedReason: null }
    expect(entries).toEqual([
      { workspaceId: null, actorType: 'operator', actorId: operator.userId, targetId: workspace.id, before, after },
      { workspaceId: workspace.id, actorType: 'operator', actorId: operator.userId, targetId: workspace.id, before, after },
    ])

    // The console's list says so.
    const view = (await answerOf(await callLoader(loader, { path: '/ops', headers: { cookie: operator.cookie } }))).body as {
      workspaces: { id: string; plan: { name: string; source: string; until: string | null; facts: string[] } }[]
    }
    const row = view.workspaces.find((w) => w.id === workspace.id)!
    expect(row.plan).toMatchObject({ name: 'Business', source: 'granted', until: `${until} 00:00 UTC` })
    expect(row.plan.facts).toContain(`Granted Business until ${until} 00:00 UTC: ${reason}`)
  })

  it('records two grants at once one after the other: the second one’s "before" is the first one’s "after"', async () => {
    const { workspace } = await makeWorkspace()
    const grants = [
      { intent: 'grant', workspaceId: workspace.id, plan: 'pro', until: dayFromNow(30), reason: 'Ticket 101' },
      { intent: 'grant', workspaceId: workspace.id, plan: 'business', until: dayFromNow(60), reason: 'Ticket 102' },
    ]
    // Both arrive while the row is busy (another writer holds it), so both are in flight together.
    const blocker = await ownerPool().connect()
    await blocker.query('BEGIN')
    await blocker.query('SELECT id FROM workspace WHERE id = $1 FOR UPDATE', [workspace.id])
    const pending = Promise.all(grants.map((form) => post(operator.cookie, form)))
    await new Promise((resolve) => setTimeout(resolve, 500))
    await blocker.query('COMMIT')
    blocker.release()
    const answers = await pending
    expect(answers.map((answer) => answer.status)).toEqual([200, 200])
    const entries = (await auditOf('workspace.plan_grant', workspace.id)).filter((entry) => entry.workspaceId === workspace.id)
    expect(entries).toHaveLength(2)
    const [first, second] = [...entries].sort((a, b) => (a.before.grantedPlan === null ? -1 : b.before.grantedPlan === null ? 1 : 0))
    expect(first!.before.grantedPlan).toBeNull()
    expect(second!.before).toEqual(first!.after)
    expect((await billingOf(workspace.id)).grantedPlan).toBe(second!.after.grantedPlan)
  })

  it('refuses a past or malformed date, an empty reason and an unknown plan, and writes nothing', async () => {
    const { workspace } = await makeWorkspace()
    const good = { intent: 'grant', workspaceId: workspace.id, plan: 'business', until: dayFromNow(30), reason: 'Nonprofit programme' }
    const refusals: [Record<string, string>, string][] = [
      [{ ...good, until: dayFromNow(-1) }, 'The grant must end in the future.'],
      [{ ...good, until: dayFromNow(0) }, 'The grant must end in the future.'],
      [{ ...good, until: '2027-02-30' }, 'Enter the date the grant ends (YYYY-MM-DD).'],
      [{ ...good, until: '' }, 'Enter the date the grant ends (YYYY-MM-DD).'],
      [{ ...good, until: dayFromNow(5 * 366) }, 'A grant lasts at most 3 years.'],
      [{ ...good, reason: '   ' }, 'Write why the plan is granted (the ticket or the agreement).'],
      [{ ...good, plan: 'enterprise' }, 'Choose Pro or Business.'],
    ]
    const before = await billingOf(workspace.id)
    for (const [form, message] of refusals) {
      const answer = await post(operator.cookie, form)
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({ intent: 'grant', workspaceId: workspace.id, error: message })
    }
    expect(await billingOf(workspace.id)).toEqual(before)
    expect(await auditOf('workspace.plan_grant', workspace.id)).toEqual([])
  })

  it('refuses a deleted workspace with a message', async () => {
    const { workspace } = await makeWorkspace()
    await ownerPool().query('UPDATE workspace SET deleted_at = now() WHERE id = $1', [workspace.id])
    const answer = await post(operator.cookie, { intent: 'grant', workspaceId: workspace.id, plan: 'pro', until: dayFromNow(10), reason: 'Ticket 77' })
    expect(answer).toMatchObject({ status: 409, body: { error: 'That workspace does not exist or was deleted.' } })
    expect(await auditOf('workspace.plan_grant', workspace.id)).toEqual([])
  })

  it('ends a grant: the plan falls back to the trial, recorded in both logs', async () => {
    const { workspace } = await makeWorkspace()
    await post(operator.cookie, { intent: 'grant', workspaceId: workspace.id, plan: 'business', until: dayFromNow(90), reason: 'Support gesture, ticket 4411' })
    const answer = await post(operator.cookie, { intent: 'end-grant', workspaceId: workspace.id })
    expect(answer).toMatchObject({ status: 200, body: { notice: expect.stringContaining('Grant ended') } })
    const state = await billingOf(workspace.id)
    expect(effectivePlan(state, new Date(), true)).toMatchObject({ plan: 'pro', source: 'trial' })
    const entries = await auditOf('workspace.plan_grant_end', workspace.id)
    expect(entries.map((e) => [e.workspaceId, e.after])).toEqual([
      [null, { grantedPlan: null, grantedUntil: null, grantedReason: null }],
      [workspace.id, { grantedPlan: null, grantedUntil: null, grantedReason: null }],
    ])
    // Nothing left to end.
    expect(await post(operator.cookie, { intent: 'end-grant', workspaceId: workspace.id })).toMatchObject({
      status: 409,
      body: { error: 'This workspace has no granted plan to end.' },
    })
  })
})

describe('who may grant', () => {
  it('nobody but an operator with 2FA: a customer gets 404, an operator without 2FA 403, and nothing changes', async () => {
    const { workspace, owner } = await makeWorkspace()
    const { token } = await withPlatform((tx) => startSession(tx, owner.id))
    const customer = (await sessionCookie().serialize(token)).split(';')[0]!
    const noTwoFactor = await cookieOf('ops2@candor.example', false)
    const form = { intent: 'grant', workspaceId: workspace.id, plan: 'business', until: dayFromNow(30), reason: 'Trying my luck' }
    expect((await post(customer, form)).status).toBe(404)
    expect((await post(noTwoFactor.cookie, form)).status).toBe(403)
    expect((await billingOf(workspace.id))!.grantedPlan).toBeNull()
    expect(await auditOf('workspace.plan_grant', workspace.id)).toEqual([])
  })
})
