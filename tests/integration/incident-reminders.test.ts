// The 72-hour clock's reminders (issue 16, item 1): 24, 48 and 60 hours after awareness the
// incident's owner and the workspace's owners and admins are e-mailed, once each per step and
// never twice however often the hourly job runs; a run after a gap sends only the latest step
// due; a run killed after claiming rolls back and the next sends it; a member removed gets
// nothing; recording the notification, or "not reportable", stops them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { remindIncident, sendIncidentReminders } from '~/modules/incidents/reminders.server'
import { markNotReportable, notifyAuthority } from '~/modules/incidents/workflow.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { HOUR_MS, origin, recordedIncident } from '../support/incidents'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

/**
 * A workspace with an owner, two admins, an agent and a viewer, and an incident aware 100 hours
 * ago owned by the agent (as if demoted since: the workflow takes only an owner or admin).
 */
async function setUp() {
  const made = await makeOwnedWorkspace()
  const admin = await addMember(made.workspace.id, 'admin')
  const otherAdmin = await addMember(made.workspace.id, 'admin')
  const agent = await addMember(made.workspace.id, 'agent')
  const viewer = await addMember(made.workspace.id, 'viewer')
  const incident = await recordedIncident(made.member, { hoursAgo: 100 })
  await ownerPool().query('UPDATE incident SET owner_user_id = $1 WHERE id = $2', [agent.userId, incident.id])
  const after = (hours: number) => new Date(incident.awareAt.getTime() + hours * HOUR_MS)
  return { ...made, admin, otherAdmin, agent, viewer, incident, after }
}

type Reminder = { to: string; subject: string; text: string }

async function reminders(workspaceId: string): Promise<Reminder[]> {
  const { rows } = await ownerPool().query<Reminder>(
    `SELECT "to", subject, text FROM email_message WHERE workspace_id = $1 AND subject LIKE '%hours since awareness%' ORDER BY created_at, "to"`,
    [workspaceId],
  )
  return rows
}

const stepOf = (mail: Reminder) => /: (\d+) hours since/.exec(mail.subject)![1]

describe('incident.remind', () => {
  it('e-mails every owner and admin at 24, 48 and 60 hours, once each, and not an incident owner who is neither', async () => {
    const t = await setUp()
    await sendIncidentReminders(t.after(23.5))
    expect(await reminders(t.workspace.id)).toEqual([])
    await sendIncidentReminders(t.after(24.2))
    await sendIncidentReminders(t.after(24.9))
    const first = await reminders(t.workspace.id)
    expect(first.map((mail) => mail.to).sort()).toEqual([t.owner.email, t.admin.email, t.otherAdmin.email].sort())
    expect(first.every((mail) => stepOf(mail) === '24')).toBe(true)
    expect(first[0]!.text).toContain('1 day 23 h left when this e-mail was written')
    await sendIncidentReminders(t.after(48.1))
    await sendIncidentReminders(t.after(60.1))
    await sendIncidentReminders(t.after(61))
    const all = await reminders(t.workspace.id)
    expect(all.map(stepOf)).toEqual([...Array(3).fill('24'), ...Array(3).fill('48'), ...Array(3).fill('60')])
    expect(all.map((mail) => mail.to)).not.toContain(t.viewer.email)
    expect(all.map((mail) => mail.to)).not.toContain(t.agent.email)
    // Past the 72 hours the clock has run out: the page and the list say overdue, no more reminders.
    await sendIncidentReminders(t.after(73))
    expect(await reminders(t.workspace.id)).toHaveLength(9)
  })

  it('after a gap sends only the latest step due, once', async () => {
    const t = await setUp()
    await sendIncidentReminders(t.after(61))
    await sendIncidentReminders(t.after(62))
    expect((await reminders(t.workspace.id)).map(stepOf)).toEqual(['60', '60', '60'])
  })

  it('loses nothing and sends nothing twice when a run is killed after claiming', async () => {
    const t = await setUp()
    const killed = withTenant(t.member.tenant, async (tx) => {
      expect(await remindIncident(tx, t.incident.id, t.after(25))).toBe(3)
      throw new Error('the worker was killed')
    })
    await expect(killed).rejects.toThrow('the worker was killed')
    expect(await reminders(t.workspace.id)).toEqual([])
    await sendIncidentReminders(t.after(25))
    expect(await reminders(t.workspace.id)).toHaveLength(3)
    await sendIncidentReminders(t.after(25))
    expect(await reminders(t.workspace.id)).toHaveLength(3)
  })

  it('sends nothing to a member removed from the workspace, owner of the incident or admin', async () => {
    const t = await setUp()
    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = ANY($2)', [t.workspace.id, [t.agent.userId, t.admin.userId]])
    await sendIncidentReminders(t.after(24.5))
    expect((await reminders(t.workspace.id)).map((mail) => mail.to).sort()).toEqual([t.owner.email, t.otherAdmin.email].sort())
  })

  it('stops once the authority is notified or the breach is recorded as not reportable', async () => {
    const notified = await setUp()
    await sendIncidentReminders(notified.after(24.5))
    await notifyAuthority(notified.member, notified.incident.id, { authorityName: 'CNIL', authorityNotifiedAt: notified.after(30), authorityReference: '', delayReason: '' }, origin)
    await sendIncidentReminders(notified.after(48.5))
    expect((await reminders(notified.workspace.id)).map(stepOf)).toEqual(['24', '24', '24'])

    const notReportable = await setUp()
    await markNotReportable(notReportable.member, notReportable.incident.id, 'Only encrypted data; the key was not exposed.', origin)
    // Recorded now (100 hours after awareness): the job at +48 h of this test's clock still sees it recorded.
    await sendIncidentReminders(notReportable.after(48.5))
    expect(await reminders(notReportable.workspace.id)).toEqual([])
  })

  it('runs as the hourly pg-boss job', async () => {
    const made = await makeOwnedWorkspace()
    const incident = await recordedIncident(made.member, { hoursAgo: 25 })
    await workQueue(queue(), 'incident.remind', { pollingIntervalSeconds: 0.5 })
    await queue().send('incident.remind', {})
    const mails = await eventually(async () => {
      const sent = await reminders(made.workspace.id)
      return sent.length === 1 ? sent : undefined
    }, { what: 'the 24-hour reminder' })
    expect(mails[0]).toMatchObject({ to: made.owner.email, subject: `${made.workspace.name}: 24 hours since awareness of incident ${incident.reference}` })
  })
})
