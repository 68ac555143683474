// The Overview's view model against real PostgreSQL, on requests written with known dates:
// deadlines counted for the member and for everyone exactly as the queue's links list them,
// exports waiting for review, live checks that are failing or too old, vulnerability reports
// with their clocks, what each role may see, the chart's months (in the workspace's time zone),
// types and on-time share, and the setup steps every privacy page reads.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import type { Role } from '~/modules/auth/permissions'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { addManualSystem, archiveSystem, PROFILE_FIELDS, saveProfile } from '~/modules/dsar/privacy-settings.server'
import { inboxPage, parseInboxQuery } from '~/modules/dsar/inbox.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { loadOverview, nothingNeedsYou } from '~/modules/overview/overview.server'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { insertRequests } from '../support/request-rows'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const NOW = new Date('2026-12-03T12:00:00Z')
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const at = (ms: number) => new Date(NOW.getTime() + ms)
const origin = { ip: '203.0.113.9', userAgent: 'test' }

function memberAs(workspace: { id: string; slug: string; name: string }, userId: string, role: Role): Member {
  return {
    user: { id: userId, email: `${userId}@example.com`, name: null },
    role,
    workspace,
    tenant: { workspaceId: workspace.id, actor: { type: 'user', userId } },
    impersonation: null,
  } as unknown as Member
}

async function insertExport(workspaceId: string, requestId: string, fields: { releasedAt?: Date; deletedAt?: Date } = {}) {
  await ownerPool().query(
    `INSERT INTO request_export (id, workspace_id, request_id, object, bytes, created_at, released_at, expires_at, deleted_at)
     VALUES ($1, $2, $3, '{}', 1000, $4, $5, $6, $7)`,
    [
      faker.string.uuid(),
      workspaceId,
      requestId,
      at(-DAY_MS),
      fields.releasedAt ?? null,
      fields.releasedAt ? at(6 * DAY_MS) : null,
      fields.deletedAt ?? null,
    ],
  )
}

async function insertCheck(workspaceId: string, check: string, passed: boolean, checkedAt: Date) {
  await ownerPool().query(
    `INSERT INTO trust_check_result (workspace_id, "check", passed, summary, checked_at, passed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [workspaceId, check, passed, passed ? 'All good.' : 'Required, but 1 member of 2 has not set it up.', checkedAt, passed ? checkedAt : null],
  )
}

describe('what needs the member', () => {
  let desk: Awaited<ReturnType<typeof makeDesk>>

  /**
   * A workspace whose agent ("me") has one overdue request, one due in 3 days (waiting for the
   * requester, so its clock counts too) and one due in 20 days; another agent has one overdue;
   * unassigned, one overdue by 2 hours, one due this instant and one due in 6 days; a completed request long past its
   * deadline. Exports: one waiting, one sent, one discarded, one of a completed request.
   */
  async function makeDesk() {
    const { workspace, owner } = await makeOwnedWorkspace()
    const me = await addMember(workspace.id, 'agent')
    const colleague = await addMember(workspace.id, 'agent')
    const viewer = await addMember(workspace.id, 'viewer')
    const received = at(-40 * DAY_MS)
    const [mineOverdue, , , theirsOverdue, unassignedOverdue, , , completed] = await insertRequests(workspace.id, [
      { receivedAt: received, dueAt: at(-DAY_MS), assigneeId: me.userId },
      { receivedAt: received, dueAt: at(3 * DAY_MS), assigneeId: me.userId, state: 'awaiting_subject' },
      { receivedAt: received, dueAt: at(20 * DAY_MS), assigneeId: me.userId },
      { receivedAt: received, dueAt: at(-5 * DAY_MS), assigneeId: colleague.userId, type: 'portability' },
      { receivedAt: received, dueAt: at(-2 * HOUR_MS), type: 'erasure' },
      // Due at this very instant: late from it on, as the deadline badge says.
      { receivedAt: received, dueAt: NOW, type: 'restriction' },
      { receivedAt: received, dueAt: at(6 * DAY_MS), type: 'objection' },
      { receivedAt: received, dueAt: at(-10 * DAY_MS), completedAt: at(-3 * DAY_MS), assigneeId: me.userId },
    ])
    await insertExport(workspace.id, mineOverdue!)
    await insertExport(workspace.id, theirsOverdue!, { releasedAt: at(-HOUR_MS) })
    await insertExport(workspace.id, unassignedOverdue!, { deletedAt: at(-HOUR_MS) })
    await insertExport(workspace.id, completed!)
    // Replies I have not read: on my overdue request, a colleague's, and a completed one (not counted);
    // one I read after its reply.
    for (const [requestId, readUntil] of [[mineOverdue, null], [theirsOverdue, null], [completed, null], [unassignedOverdue, at(-HOUR_MS)]] as const) {
      await ownerPool().query(
        'INSERT INTO request_read (workspace_id, request_id, user_id, latest_reply_at, read_until) VALUES ($1, $2, $3, $4, $5)',
        [workspace.id, requestId, me.userId, at(-HOUR_MS), readUntil],
      )
    }
    await insertCheck(workspace.id, 'two_factor', false, at(-HOUR_MS))
    await insertCheck(workspace.id, 'requests_on_time', true, at(-HOUR_MS))
    await insertCheck(workspace.id, 'audit_chain', true, at(-3 * DAY_MS))
    // Candor's own backups, failing: on a customer's workspace nobody can act on it.
    await insertCheck(workspace.id, 'backups_daily', false, at(-HOUR_MS))
    await ownerPool().query(
      `INSERT INTO vulnerability_report (id, workspace_id, reference, reporter_email, affected_surface, reproduction_steps, severity,
                                         preferred_timeline, received_at, acknowledge_by, disclosure_due_at)
       VALUES ($1, $2, 'VR-ONE', 'finder@example.com', 'api.example.com', 'Steps.', 'high', 'policy', $3, $4, $5)`,
      [faker.string.uuid(), workspace.id, at(-30 * HOUR_MS), at(-6 * HOUR_MS), at(60 * DAY_MS)],
    )
    const member = (userId: string, role: Role) => memberAs(workspace, userId, role)
    return { workspace, mine: { mineOverdue }, me: member(me.userId, 'agent'), owner: member(owner.id, 'owner'), viewer: member(viewer.userId, 'viewer') }
  }

  beforeAll(async () => {
    desk = await makeDesk()
  })

  it('counts overdue and due-within-7-days requests, mine and everyone’s, as the queue lists them', async () => {
    const { attention } = await loadOverview(desk.me, NOW)
    const requests = attention.requests!
    expect(requests.overdue.mine!.count).toBe(1)
    expect(requests.overdue.everyone.count).toBe(4)
    // Overdue ones included: mine overdue, due in 3 days (clock waiting on the requester).
    expect(requests.dueSoon.mine!.count).toBe(2)
    expect(requests.dueSoon.everyone.count).toBe(6)
    const base = `/w/${desk.workspace.slug}/requests`
    expect(requests.overdue.mine!.href).toBe(`${base}?assignee=me&overdue=yes`)
    expect(requests.dueSoon.everyone.href).toBe(`${base}?dueWithin=7`)

    // Each link opens the queue with exactly the counted requests.
    for (const counted of [requests.overdue.mine!, requests.overdue.everyone, requests.dueSoon.mine!, requests.dueSoon.everyone]) {
      const query = parseInboxQuery(new URL(counted.href, 'http://x').searchParams)
      if (!query.success) throw new Error(counted.href)
      const page = await withTenant(desk.me.tenant, (tx) => inboxPage(tx, query.data, { userId: desk.me.user.id, now: NOW }))
      expect(page.total, counted.href).toBe(counted.count)
    }
  })

  it('lists only exports assembled and not yet sent or discarded, of open requests', async () => {
    const { attention } = await loadOverview(desk.me, NOW)
    expect(attention.exports!.count).toBe(1)
    const { rows } = await ownerPool().query('SELECT reference FROM privacy_request WHERE id = $1', [desk.mine.mineOverdue])
    expect(attention.exports!.items.map((item) => item.href)).toEqual([`/w/${desk.workspace.slug}/requests/${rows[0].reference}#export`])
  })

  it('counts open requests with a reply I have not read, mine and everyone’s, as the queue lists them', async () => {
    const { attention } = await loadOverview(desk.me, NOW)
    const unread = attention.unread!
    expect([unread.mine!.count, unread.everyone.count]).toEqual([1, 2])
    for (const counted of [unread.mine!, unread.everyone]) {
      const query = parseInboxQuery(new URL(counted.href, 'http://x').searchParams)
      if (!query.success) throw new Error(counted.href)
      const page = await withTenant(desk.me.tenant, (tx) => inboxPage(tx, query.data, { userId: desk.me.user.id, now: NOW }))
      expect(page.total, counted.href).toBe(counted.count)
    }
    // The owner read none of them: nothing is unread for them.
    expect((await loadOverview(desk.owner, NOW)).attention.unread!.everyone.count).toBe(0)
  })

  it("shows a failing check and a stale one, never the passing fresh one nor Candor's own backups, to those who edit the trust page", async () => {
    const { attention } = await loadOverview(desk.owner, NOW)
    expect(attention.checks!.items.map((item) => [item.label, item.state])).toEqual([
      ['Audit log tamper-evident', 'Not verified recently'],
      ['2FA required for every member', 'Failing'],
    ])
    expect(attention.checks!.items[1]!.detail).toContain('Required, but 1 member of 2 has not set it up.')
    // Each links to where it is fixed: the audit log, the members without two-factor authentication.
    expect(attention.checks!.items.map((item) => item.href.replace(/^\/w\/[^/]+/, ''))).toEqual(['/audit', '/members?twoFactor=off'])
    expect(attention.reports!.items).toMatchObject([{ reference: 'VR-ONE', timerOf: 'Acknowledgement', timer: { kind: 'overdue', label: 'Overdue by 6 h' } }])
    expect(nothingNeedsYou(await loadOverview(desk.owner, NOW))).toBe(false)
  })

  it('shows each role only what it may see', async () => {
    const agent = (await loadOverview(desk.me, NOW)).attention
    expect(agent.checks).toBeNull()
    expect(agent.documentRequests).toBeNull()
    expect(agent.reports).toBeNull()
    const viewer = await loadOverview(desk.viewer, NOW)
    expect(viewer.attention.requests!.overdue.mine).toBeNull()
    expect(viewer.attention.requests!.overdue.everyone.count).toBe(4)
    expect(viewer.mayFixSetup).toBe(false)
    const owner = (await loadOverview(desk.owner, NOW)).attention
    expect(owner.documentRequests).toMatchObject({ count: 0 })
  })
})

describe('requests per month', () => {
  it('counts by type in the workspace’s months and the on-time share of completions', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await ownerPool().query(`UPDATE workspace SET time_zone = 'America/New_York' WHERE id = $1`, [workspace.id])
    const day = (iso: string) => new Date(iso)
    await insertRequests(workspace.id, [
      // 22:00 on 28 February in New York: February, though March in UTC.
      { type: 'erasure', receivedAt: day('2026-03-01T03:00:00Z') },
      { type: 'access', receivedAt: day('2026-03-01T06:00:00Z') },
      // Midnight of 1 February in New York: the first instant of February.
      { type: 'opt_out', receivedAt: day('2026-02-01T05:00:00Z') },
      // After this month (a clock set wrong): not in the last 12 months.
      { type: 'opt_out', receivedAt: day('2027-01-01T05:00:00Z') },
      // 31 December 2025 in New York: before the 12 months shown.
      { type: 'access', receivedAt: day('2026-01-01T04:00:00Z') },
      // Received in October, completed in November: two by their deadline (one at its very end), one late.
      { type: 'rectification', receivedAt: day('2026-10-10T12:00:00Z'), dueAt: day('2026-11-10T05:00:00Z'), completedAt: day('2026-11-02T12:00:00Z') },
      { type: 'rectification', receivedAt: day('2026-10-11T12:00:00Z'), dueAt: day('2026-11-11T05:00:00Z'), completedAt: day('2026-11-11T05:00:00Z') },
      { type: 'objection', receivedAt: day('2026-10-12T12:00:00Z'), dueAt: day('2026-11-12T05:00:00Z'), completedAt: day('2026-11-20T12:00:00Z') },
      // Rejected: not a completion.
      { type: 'objection', state: 'rejected', receivedAt: day('2026-10-13T12:00:00Z') },
    ])
    const chart = (await loadOverview(member, NOW)).chart!
    expect(chart.timeZone).toBe('America/New_York')
    expect(chart.months.map((m) => m.month)).toEqual([
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06',
      '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12',
    ])
    const month = (key: string) => chart.months.find((m) => m.month === key)!
    expect(month('2026-01').receivedTotal).toBe(0)
    expect(month('2026-02')).toMatchObject({ receivedTotal: 2, received: { erasure: 1, opt_out: 1 } })
    expect(month('2026-03')).toMatchObject({ receivedTotal: 1, received: { access: 1 } })
    expect(month('2026-10')).toMatchObject({ receivedTotal: 4, received: { rectification: 2, objection: 2 }, completed: 0, onTimePercent: null })
    expect(month('2026-11')).toMatchObject({ receivedTotal: 0, completed: 3, completedOnTime: 2, onTimePercent: 66 })
    expect(chart.months.reduce((sum, m) => sum + m.receivedTotal, 0)).toBe(7)
  })
})

describe('setup steps', () => {
  it('are open until a data system besides Candor’s own and a whole privacy profile exist', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const steps = () => withTenant(member.tenant, (tx) => openSetupSteps(tx, workspace.slug))
    expect((await steps()).map((s) => [s.id, s.problem, s.href])).toEqual([
      ['data_systems', 'Candor’s own records are the only data system of this workspace.', `/w/${workspace.slug}/privacy#systems`],
      ['privacy_profile', 'The privacy profile is not written yet.', `/w/${workspace.slug}/privacy#profile`],
    ])

    await addManualSystem(member, { name: 'Zendesk', instructions: 'Search by e-mail.' }, origin)
    expect((await steps()).map((s) => s.id)).toEqual(['privacy_profile'])
    const system = await withTenant(member.tenant, (tx) => tx.dataSystem.findFirstOrThrow({ where: { name: 'Zendesk' } }))
    await archiveSystem(member, system.id, origin)
    expect((await steps()).map((s) => s.id)).toEqual(['data_systems', 'privacy_profile'])
    await addManualSystem(member, { name: 'Billing', instructions: 'Look it up.' }, origin)

    const profile = Object.fromEntries(Object.keys(PROFILE_FIELDS).map((field) => [field, ''])) as Record<keyof typeof PROFILE_FIELDS, string>
    await saveProfile(member, { ...profile, controller: 'Acme Ltd, 1 Main St', contact: 'privacy@acme.example' }, origin)
    expect((await steps()).map((s) => s.problem)).toEqual([
      '7 of 9 sections of the privacy profile are blank: Purposes of processing, Categories of personal data, Retention period, Sources of the data, Automated decision-making, Transfers outside the EEA, Supervisory authority.',
    ])
    await saveProfile(member, Object.fromEntries(Object.keys(PROFILE_FIELDS).map((field) => [field, 'Written.'])) as typeof profile, origin)
    expect(await steps()).toEqual([])
    const overview = await loadOverview(member, NOW)
    expect(overview.setup).toEqual([])
    expect(nothingNeedsYou(overview)).toBe(true)
  })
})
