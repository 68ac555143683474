// Platform incidents (issue 16, item 2): an operator declares an incident of the Candor service
// for all workspaces or a chosen list. For S0/S1 every owner and admin of each affected
// workspace has an e-mail queued on email.send within minutes (the real queue drained here),
// never twice when the job runs again (a workspace that failed is told on the next run, the
// others not again), and each update reaches the members of that moment (one removed before it
// gets nothing). Each event is in the platform's audit log and in each
// affected workspace's; an unaffected workspace sees nothing of it (row-level security); the
// dashboard reads the incident as it is now; a published one is on Candor's own trust page
// without a word about whom it affected. Bad input is refused with a message, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appOrigin, env } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { incidentsHere } from '~/modules/platform-incidents/dashboard.server'
import { type DeclareInput, declareInput, updateInput } from '~/modules/platform-incidents/incident-input'
import { PlatformIncidentRefusedError, declareIncident, postUpdate, setPublished } from '~/modules/platform-incidents/incidents.server'
import { declareAction, incidentAction } from '~/modules/platform-incidents/ops-actions.server'
import { notifyIncidentEvent } from '~/modules/platform-incidents/notify.server'
import { createWorkspace } from '~/modules/tenancy/workspaces.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { trustPageResponse } from '~/modules/trust/public-page.server'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'

const ORIGIN = { ip: '203.0.113.9', userAgent: 'ops-test' }
const system = { type: 'system', reason: 'test' } as const
let operatorId: string

beforeAll(async () => {
  await startQueue({ supervise: false })
  operatorId = (await makeWorkspace()).owner.id
  await workQueue(queue(), 'platform_incident.notify', { pollingIntervalSeconds: 0.5 })
})
afterAll(() => stopQueue({ graceMs: 0 }))

/** A workspace with an owner, an admin, an agent and a viewer; who should get incident e-mails. */
async function team() {
  const made = await makeWorkspace()
  const admin = await addMember(made.workspace.id, 'admin')
  const agent = await addMember(made.workspace.id, 'agent')
  const viewer = await addMember(made.workspace.id, 'viewer')
  return { ...made, admin, agent, viewer, told: [made.owner.email, admin.email].sort() }
}

const declare = (fields: Partial<Record<keyof DeclareInput, string>>) =>
  declareIncident(operatorId, declareInput.parse({ title: 'Database failover', description: 'Writes fail; reads work.', severity: 'S1', affects: 'all', ...fields }), ORIGIN)

type Mail = { to: string; subject: string; text: string; created_at: Date; workspace_id: string }

async function mailsAbout(title: string): Promise<Mail[]> {
  const { rows } = await ownerPool().query<Mail>(
    `SELECT "to", subject, text, created_at, workspace_id FROM email_message WHERE subject LIKE $1 ORDER BY created_at, "to"`,
    [`%Candor incident%: ${title}`],
  )
  return rows
}

/** The owners' and admins' addresses of every open workspace now. */
async function everyOwnerAndAdmin(): Promise<string[]> {
  const { rows } = await ownerPool().query<{ email: string }>(
    `SELECT u.email FROM membership m JOIN "user" u ON u.id = m.user_id JOIN workspace w ON w.id = m.workspace_id
      WHERE w.deleted_at IS NULL AND m.role IN ('owner', 'admin')`,
  )
  return rows.map((row) => row.email).sort()
}

const eventsOf = async (incidentId: string) =>
  (await ownerPool().query<{ id: string; kind: string }>('SELECT id, kind FROM platform_incident_event WHERE incident_id = $1 ORDER BY posted_at, id', [incidentId])).rows

/** What the dashboard of `workspaceId` shows of `incidentId` (other tests' incidents left out). */
const shownIn = async (workspaceId: string, incidentId: string, now?: Date) =>
  (await withTenant({ workspaceId, actor: system }, (tx) => incidentsHere(tx, now))).filter((incident) => incident.id === incidentId)

async function auditOf(incidentId: string) {
  const { rows } = await ownerPool().query<{ workspace_id: string | null; action: string; actor_type: string; actor_id: string }>(
    `SELECT workspace_id, action, actor_type, actor_id FROM audit_entry WHERE target_type = 'platform_incident' AND target_id = $1 ORDER BY workspace_id NULLS FIRST, seq`,
    [incidentId],
  )
  return rows
}

/** Wait until the notify job of every event of `incidentId` has reached `workspaces` workspaces. */
async function drained(incidentId: string, workspaces: number) {
  await eventually(
    async () => {
      const { rows } = await ownerPool().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM platform_incident_event e
          WHERE e.incident_id = $1 AND (SELECT count(*) FROM platform_incident_notice n WHERE n.event_id = e.id) < $2`,
        [incidentId, workspaces],
      )
      return rows[0]!.n === 0
    },
    { what: 'the incident events to reach the workspaces', timeoutMs: 30_000 },
  )
}

describe('an S0 for all workspaces', () => {
  it('queues an e-mail on email.send to every owner and admin of every open workspace within minutes, once, and audits it in both logs', async () => {
    const teams = [await team(), await team(), await team()]
    const closed = await team()
    await ownerPool().query('UPDATE workspace SET deleted_at = now() WHERE id = $1', [closed.workspace.id])
    const expected = await everyOwnerAndAdmin()
    const { rows: open } = await ownerPool().query<{ id: string }>('SELECT id FROM workspace WHERE deleted_at IS NULL')

    const declaredAt = Date.now()
    const incidentId = await declare({ title: 'Total outage', severity: 'S0' })
    await drained(incidentId, open.length)
    const mails = await mailsAbout('Total outage')
    expect(mails.map((mail) => mail.to).sort()).toEqual(expected)
    for (const { agent, viewer } of teams) {
      expect(mails.map((mail) => mail.to)).not.toContain(agent.email)
      expect(mails.map((mail) => mail.to)).not.toContain(viewer.email)
    }
    expect(mails.map((mail) => mail.to)).not.toContain(closed.owner.email)
    // Within minutes of the declaration (here, seconds), and each on email.send, not behind a bulk backlog.
    expect(Math.max(...mails.map((mail) => mail.created_at.getTime())) - declaredAt).toBeLessThan(2 * 60_000)
    const { rows: jobs } = await ownerPool().query<{ name: string }>(
      `SELECT j.name FROM ${BOSS_SCHEMA}.job j JOIN email_message m ON m.id::text = j.data->>'messageId' WHERE m.subject LIKE '%: Total outage'`,
    )
    expect(jobs.map((job) => job.name)).toEqual(mails.map(() => 'email.send'))
    const mail = mails.find((m) => m.to === teams[0]!.owner.email)!
    expect(mail.subject).toBe('[S0] Candor incident: Total outage')
    expect(mail.text).toContain(`Candor, the service ${teams[0]!.workspace.name} runs on, has an incident that affects this workspace.`)
    expect(mail.text).toContain('Writes fail; reads work.')
    expect(mail.text).toContain(`${appOrigin()}/w/${teams[0]!.workspace.slug}`)

    // A retry (the job again, and the handler run by hand) sends nothing twice.
    const [declared] = await eventsOf(incidentId)
    await queue().send('platform_incident.notify', { eventId: declared!.id })
    expect(await notifyIncidentEvent({ eventId: declared!.id })).toEqual({ workspaces: 0, emails: 0, failed: 0 })
    await eventually(async () => {
      const { rows } = await ownerPool().query(`SELECT 1 FROM ${BOSS_SCHEMA}.job WHERE name = 'platform_incident.notify' AND state NOT IN ('completed')`)
      return rows.length === 0
    }, { what: 'the repeated job to finish' })
    expect((await mailsAbout('Total outage')).length).toBe(expected.length)

    // The platform's log and every open workspace's log, once each, by the operator.
    const audit = await auditOf(incidentId)
    expect(audit.filter((entry) => entry.workspace_id === null)).toEqual([{ workspace_id: null, action: 'platform_incident.declare', actor_type: 'operator', actor_id: operatorId }])
    expect(audit.filter((entry) => entry.workspace_id !== null).map((entry) => entry.workspace_id).sort()).toEqual(open.map((w) => w.id).sort())
    expect(new Set(audit.map((entry) => `${entry.action} ${entry.actor_id}`))).toEqual(new Set([`platform_incident.declare ${operatorId}`]))
    expect(audit.some((entry) => entry.workspace_id === closed.workspace.id)).toBe(false)

    // "All workspaces" is read when the dashboard asks: a workspace opened since sees it too.
    const newcomer = await team()
    expect(await shownIn(newcomer.workspace.id, incidentId)).toMatchObject([{ title: 'Total outage', severity: 'S0', status: 'investigating' }])
  })
})

describe('a workspace that fails', () => {
  it('is told on the next run, and the workspaces told before are not told twice', async () => {
    const good = await team()
    const broken = await team()
    // An address the mailer refuses makes that workspace's transaction fail whole.
    const unreachable = await addMember(broken.workspace.id, 'admin')
    await ownerPool().query('UPDATE "user" SET email = $1 WHERE id = $2', [`nobody-${unreachable.userId}@localhost`, unreachable.userId])
    const incidentId = await declare({ title: 'Queue stalled', severity: 'S0', affects: 'chosen', workspaces: `${good.workspace.slug}, ${broken.workspace.slug}` })
    const [declared] = await eventsOf(incidentId)
    // The worker runs the job too: either run may tell the good workspace, neither the broken one.
    expect((await notifyIncidentEvent({ eventId: declared!.id })).failed).toBe(1)
    const told = async () => (await mailsAbout('Queue stalled')).map((mail) => mail.to).sort()
    expect(await told()).toEqual(good.told)
    const notices = async () => (await ownerPool().query<{ workspace_id: string }>('SELECT workspace_id FROM platform_incident_notice WHERE event_id = $1', [declared!.id])).rows
    expect(await notices()).toEqual([{ workspace_id: good.workspace.id }])

    // The worker's run failed too, and waits for its retry (30 s later) while the address is mended.
    await eventually(async () => {
      const { rows } = await ownerPool().query(`SELECT state FROM ${BOSS_SCHEMA}.job WHERE name = 'platform_incident.notify' AND data->>'eventId' = $1`, [declared!.id])
      return rows[0]?.state === 'retry'
    }, { what: 'the job to wait for its retry' })
    await ownerPool().query('UPDATE "user" SET email = $1 WHERE id = $2', [unreachable.email, unreachable.userId])
    expect(await notifyIncidentEvent({ eventId: declared!.id })).toEqual({ workspaces: 1, emails: 3, failed: 0 })
    expect(await told()).toEqual([...good.told, ...broken.told, unreachable.email].sort())
    expect(await notices()).toHaveLength(2)
  })
})

describe('an S1 for chosen workspaces', () => {
  it('reaches the members of the moment at each update, and nothing of it is visible to a workspace it does not affect', async () => {
    const affected = await team()
    const other = await team()
    const leaving = await addMember(affected.workspace.id, 'admin')
    const incidentId = await declare({ title: 'EU region slow', affects: 'chosen', workspaces: affected.workspace.slug })
    await drained(incidentId, 1)
    expect((await mailsAbout('EU region slow')).map((m) => m.to).sort()).toEqual([...affected.told, leaving.email].sort())

    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2', [affected.workspace.id, leaving.userId])
    await postUpdate(operatorId, incidentId, updateInput.parse({ message: 'The cause is a full disk; moving data.', status: 'identified', severity: 'S1' }), ORIGIN)
    await drained(incidentId, 1)
    const updates = (await mailsAbout('EU region slow')).filter((m) => m.subject.startsWith('[S1] Candor incident update'))
    expect(updates.map((m) => m.to).sort()).toEqual(affected.told)
    expect(updates[0]!.text).toContain('Status when this was posted: Identified')
    expect(updates[0]!.text).toContain('The cause is a full disk; moving data.')
    expect((await mailsAbout('EU region slow')).some((m) => m.workspace_id === other.workspace.id)).toBe(false)

    // The dashboard of the affected workspace reads it as it is now; the other reads nothing.
    const [shown] = await shownIn(affected.workspace.id, incidentId)
    expect(shown).toMatchObject({ id: incidentId, title: 'EU region slow', severity: 'S1', status: 'identified', lastMessage: 'The cause is a full disk; moving data.', resolvedAt: null })
    expect(await shownIn(other.workspace.id, incidentId)).toEqual([])
    // Inside a workspace, no platform row is readable at all (not even the affected one's).
    for (const workspaceId of [affected.workspace.id, other.workspace.id]) {
      const seen = await withTenant({ workspaceId, actor: system }, async (tx) => ({
        incidents: await tx.platformIncident.count(),
        events: await tx.platformIncidentEvent.count(),
        chosen: await tx.platformIncidentWorkspace.count({ where: { workspaceId: { not: workspaceId } } }),
      }))
      expect(seen).toEqual({ incidents: 0, events: 0, chosen: 0 })
    }
    expect(await withTenant({ workspaceId: affected.workspace.id, actor: system }, (tx) => tx.platformIncidentWorkspace.count())).toBe(1)

    // Resolved: the banner says so, then stops showing three days later; no update after that.
    await postUpdate(operatorId, incidentId, updateInput.parse({ message: 'All data moved; latency is normal.', status: 'resolved', severity: 'S1' }), ORIGIN)
    await drained(incidentId, 1)
    const [resolved] = await shownIn(affected.workspace.id, incidentId)
    expect(resolved).toMatchObject({ status: 'resolved', lastMessage: 'All data moved; latency is normal.' })
    expect(resolved!.resolvedAt).toBeInstanceOf(Date)
    const later = new Date(resolved!.resolvedAt!.getTime() + 73 * 3_600_000)
    expect(await shownIn(affected.workspace.id, incidentId, later)).toEqual([])
    expect((await mailsAbout('EU region slow')).filter((m) => m.subject === '[S1] Candor incident resolved: EU region slow').map((m) => m.to).sort()).toEqual(affected.told)

    const eventsBefore = await eventsOf(incidentId)
    const auditBefore = await auditOf(incidentId)
    await expect(postUpdate(operatorId, incidentId, updateInput.parse({ message: 'Again?', status: 'monitoring', severity: 'S1' }), ORIGIN)).rejects.toBeInstanceOf(
      PlatformIncidentRefusedError,
    )
    expect(await eventsOf(incidentId)).toEqual(eventsBefore)
    expect(await auditOf(incidentId)).toEqual(auditBefore)

    // Both logs: the platform's, and the affected workspace's; none in the other workspace's.
    const audit = await auditOf(incidentId)
    const actions = ['platform_incident.declare', 'platform_incident.update', 'platform_incident.resolve']
    expect(audit.filter((e) => e.workspace_id === null).map((e) => e.action)).toEqual(actions)
    expect(audit.filter((e) => e.workspace_id === affected.workspace.id).map((e) => e.action)).toEqual(actions)
    expect(audit.filter((e) => e.workspace_id === other.workspace.id)).toEqual([])
  })

  it('e-mails nobody about an S2, but audits it; raised to S1 it is e-mailed as an incident, and so is its way back down', async () => {
    const affected = await team()
    const incidentId = await declare({ title: 'Slow exports', severity: 'S2', affects: 'chosen', workspaces: affected.workspace.slug })
    await drained(incidentId, 1)
    expect(await mailsAbout('Slow exports')).toEqual([])
    expect((await auditOf(incidentId)).filter((e) => e.workspace_id === affected.workspace.id).map((e) => e.action)).toEqual(['platform_incident.declare'])

    await postUpdate(operatorId, incidentId, updateInput.parse({ message: 'Exports now fail.', status: 'identified', severity: 'S1' }), ORIGIN)
    await postUpdate(operatorId, incidentId, updateInput.parse({ message: 'Exports work again, slowly.', status: 'monitoring', severity: 'S2' }), ORIGIN)
    await drained(incidentId, 1)
    const subjects = (await mailsAbout('Slow exports')).filter((m) => m.to === affected.owner.email).map((m) => m.subject)
    // The first e-mail they get says what the incident is; the next is an update.
    expect(subjects).toEqual(['[S1] Candor incident: Slow exports', '[S2] Candor incident update: Slow exports'])
  })
})

describe('the forms', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData()
    for (const [name, value] of Object.entries(fields)) data.set(name, value)
    return data
  }
  const good = { intent: 'declare', title: 'API errors', description: 'Some calls fail.', severity: 'S1', affects: 'all', startedAt: '' }
  const incidents = async () => (await ownerPool().query<{ n: number }>('SELECT count(*)::int AS n FROM platform_incident')).rows[0]!.n

  it.each([
    [{ title: 'Two\nlines' }, 'title', 'Write the title on one line.'],
    [{ title: 'x'.repeat(161) }, 'title', 'Keep the title to 160 characters.'],
    [{ title: '   ' }, 'title', 'Give the incident a title.'],
    [{ description: 'y'.repeat(4001) }, 'description', 'Keep what is happening, for the affected customers to 4000 characters.'],
    [{ severity: 'S9' }, 'severity', 'Choose a severity from S0 to S3.'],
    [{ startedAt: '2999-01-01T00:00' }, 'startedAt', 'The start cannot be in the future: leave it blank for now.'],
    [{ startedAt: '99999999999-01-01T00:00' }, 'startedAt', 'Enter the start as YYYY-MM-DD HH:MM (UTC).'],
    [{ startedAt: '2026-02-30T10:00' }, 'startedAt', 'Enter the start as YYYY-MM-DD HH:MM (UTC).'],
    [{ startedAt: '1970-01-01T00:00' }, 'startedAt', 'That start is too far back: check the year.'],
    [{ affects: 'some' }, 'affects', 'Choose whether it affects all workspaces or the ones you list.'],
    [{ affects: 'chosen', workspaces: '' }, 'workspaces', 'List the affected workspaces by their address, or choose all workspaces.'],
    [{ affects: 'chosen', workspaces: 'Not A Slug!' }, 'workspaces', 'Not a workspace address: slug!.'],
    [{ affects: 'chosen', workspaces: 'nobody-has-this-address' }, 'workspaces', 'No open workspace has the address nobody-has-this-address.'],
  ])('refuses %o with a message beside the field, and declares nothing', async (fields, field, message) => {
    const before = await incidents()
    const feedback = await declareAction(operatorId, form({ ...good, ...fields }), ORIGIN)
    expect(feedback.status).toBeGreaterThanOrEqual(400)
    expect(feedback.status).toBeLessThan(500)
    expect(feedback.errors?.[field]).toBe(message)
    expect(await incidents()).toBe(before)
  })

  it('answers 404 for an incident that does not exist, and refuses an unknown action with a message', async () => {
    const missing = incidentAction(operatorId, 'not-a-uuid', form({ intent: 'publish', publish: 'yes' }), ORIGIN)
    await expect(missing).rejects.toMatchObject({ init: { status: 404 } })
    const incidentId = await declare({ title: 'Unknown action', severity: 'S3' })
    expect(await incidentAction(operatorId, incidentId, form({ intent: 'delete' }), ORIGIN)).toMatchObject({ status: 400, errors: { form: 'Unknown action: reload the page and try again.' } })
    expect(await incidentAction(operatorId, incidentId, form({ intent: 'update', message: '', status: 'monitoring', severity: 'S3' }), ORIGIN)).toMatchObject({
      status: 400,
      errors: { message: 'Write the update.' },
    })
  })
})

describe("Candor's own trust page", () => {
  it('lists a published incident with its updates, never whom it affected, and drops it when unpublished', async () => {
    const slug = env().PLATFORM_WORKSPACE_SLUG
    const { workspace } = await createWorkspace({ name: 'Candor', slug, owner: { email: 'founder@candor.example', name: 'Fran Founder' } }, system)
    const trust = { tenant: { workspaceId: workspace.id, actor: system }, userId: null, workspaceName: 'Candor' }
    await saveDraftSection(trust, 'faq', [{ question: 'Where is data stored?', answer: 'In the EU.' }], {})
    await publishDraft(trust, {})
    const customer = await team()
    const page = async () => (await trustPageResponse(new Request('http://candor.test/trust'), slug, '/trust')).text()
    expect(await page()).not.toContain('Service incidents')

    const incidentId = await declare({ title: 'Sign-in e-mails delayed', severity: 'S2', affects: 'chosen', workspaces: customer.workspace.slug, publish: 'yes' })
    await postUpdate(operatorId, incidentId, updateInput.parse({ message: 'The mail provider recovered.', status: 'resolved', severity: 'S2' }), ORIGIN)
    const shown = await page()
    expect(shown).toContain('Service incidents')
    expect(shown).toContain('Sign-in e-mails delayed')
    expect(shown).toContain('The mail provider recovered.')
    expect(shown).toContain('Writes fail; reads work.')
    expect(shown).not.toContain(customer.workspace.slug)
    expect(shown).not.toContain(customer.workspace.name)

    await setPublished(operatorId, incidentId, false, ORIGIN)
    expect(await page()).not.toContain('Sign-in e-mails delayed')
    await expect(setPublished(operatorId, incidentId, false, ORIGIN)).rejects.toThrow('This incident is not on the trust page.')
    await drained(incidentId, 1)
    expect((await auditOf(incidentId)).filter((e) => e.workspace_id === customer.workspace.id).map((e) => e.action)).toEqual([
      'platform_incident.declare',
      'platform_incident.resolve',
      'platform_incident.unpublish',
    ])
  })
})
