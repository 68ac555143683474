// The incident register (issue 16, item 1): owners and admins record a breach with its facts
// through the same form a browser posts; refused input (awareness in the future or before the
// incident began, detection after now, a late notification without its reason, control
// characters, overlong text, huge numbers) comes back as messages with nothing written; viewers
// and agents read, only owners and admins write, strangers learn nothing. Every change is in the
// timeline and the audit log in its transaction, and the other members who get incident updates
// are e-mailed once per change. The CSV register is formula-safe and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { toFormDateTime } from '~/modules/incidents/forms'
import { openIncidentClocks } from '~/modules/incidents/register.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { action as incidentAction, loader as incidentLoader } from '~/routes/dashboard/incident'
import { action as newAction } from '~/routes/dashboard/incident-new'
import { loader as listLoader } from '~/routes/dashboard/incidents'
import { loader as csvLoader } from '~/routes/dashboard/incidents-csv'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { HOUR_MS, cookieOf, recordedIncident } from '../support/incidents'
import { answerOf, callAction, callLoader } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const at = (msFromNow: number) => toFormDateTime(new Date(Date.now() + msFromNow))

async function team() {
  const made = await makeOwnedWorkspace()
  const admin = await addMember(made.workspace.id, 'admin')
  const agent = await addMember(made.workspace.id, 'agent')
  const viewer = await addMember(made.workspace.id, 'viewer')
  return { ...made, admin, agent, viewer, slug: made.workspace.slug }
}

const validForm = () => ({
  title: 'Support inbox shared publicly',
  severity: 'S1',
  ownerUserId: '',
  occurredFrom: at(-30 * HOUR_MS),
  detectedAt: at(-5 * HOUR_MS),
  awareAt: at(-4 * HOUR_MS),
  breachTypes: 'confidentiality',
  dataCategories: 'Names, e-mail addresses',
  peopleAffected: '1,200',
  risk: 'risk',
})

async function record(slug: string, userId: string, form: Record<string, string>) {
  return answerOf(await callAction(newAction, { path: `/w/${slug}/incidents/new`, params: { slug }, form, headers: { cookie: await cookieOf(userId) } }))
}

async function incidentsOf(workspaceId: string) {
  const { rows } = await ownerPool().query('SELECT * FROM incident WHERE workspace_id = $1', [workspaceId])
  return rows
}

async function auditActions(workspaceId: string) {
  const { rows } = await ownerPool().query<{ action: string }>('SELECT action FROM audit_entry WHERE workspace_id = $1 AND action LIKE $2 ORDER BY seq', [workspaceId, 'incident.%'])
  return rows.map((row) => row.action)
}

async function mailsAbout(workspaceId: string, reference: string) {
  const { rows } = await ownerPool().query<{ to: string; subject: string; text: string }>(
    'SELECT "to", subject, text FROM email_message WHERE workspace_id = $1 AND subject LIKE $2 ORDER BY created_at, "to"',
    [workspaceId, `%${reference}%`],
  )
  return rows
}

describe('recording an incident', () => {
  it('records the facts with a reference, its timeline entry and audit entry, and tells the admin but not the one who acted', async () => {
    const t = await team()
    const answer = await record(t.slug, t.owner.id, validForm())
    expect(answer.status).toBe(302)
    const [incident] = await incidentsOf(t.workspace.id)
    expect(incident).toMatchObject({ reference: `INC-${new Date().getUTCFullYear()}-0001`, title: 'Support inbox shared publicly', people_affected: 1200, owner_user_id: t.owner.id, risk: 'risk' })
    expect(answer.headers.get('location')).toBe(`/w/${t.slug}/incidents/${incident.id}`)
    expect(await auditActions(t.workspace.id)).toEqual(['incident.record'])
    const mails = await mailsAbout(t.workspace.id, incident.reference)
    // incident_update goes to owners and admins by default; the owner acted, agents and viewers did not opt in.
    expect(mails.map((mail) => mail.to)).toEqual([t.admin.email])
    expect(mails[0]!.text).toContain('recorded a new incident')
    expect(mails[0]!.text).toMatch(/The 72 hours to notify the supervisory authority end at .* UTC: 2 days 19 h left when this e-mail was written\./)
    // A second incident gets the next number.
    await record(t.slug, t.admin.userId, { ...validForm(), title: 'Second' })
    expect((await incidentsOf(t.workspace.id)).map((row) => row.reference).sort()).toEqual([`INC-${new Date().getUTCFullYear()}-0001`, `INC-${new Date().getUTCFullYear()}-0002`])
  })

  it.each([
    ['awareness in the future', { awareAt: at(2 * HOUR_MS), detectedAt: at(-HOUR_MS) }, 'awareAt', 'Awareness cannot be in the future: the 72-hour clock starts when you became aware.'],
    ['awareness before the incident began', { occurredFrom: at(-3 * HOUR_MS), detectedAt: at(-2 * HOUR_MS), awareAt: at(-4 * HOUR_MS) }, 'awareAt', 'You cannot have become aware of it before it began.'],
    ['detection after now', { detectedAt: at(3 * HOUR_MS) }, 'detectedAt', 'Detection cannot be in the future.'],
    ['awareness before detection', { detectedAt: at(-2 * HOUR_MS), awareAt: at(-3 * HOUR_MS) }, 'awareAt', 'Awareness cannot come before detection.'],
    ['an end before the beginning', { occurredTo: at(-40 * HOUR_MS) }, 'occurredTo', 'It cannot have ended before it began.'],
    ['an impossible date', { awareAt: '2026-02-30T10:00' }, 'awareAt', 'Enter when you became aware of it as a date and time, for example 2026-12-01 14:30 (UTC).'],
    ['an overlong title', { title: 'x'.repeat(201) }, 'title', 'Keep the title under 200 characters.'],
    ['a title over two lines', { title: 'One\nTwo' }, 'title', 'Keep the title on one line.'],
    ['a huge number of people', { peopleAffected: '99999999999999999999' }, 'peopleAffected', 'Enter the number of people affected as a whole number from 0 to 2,000,000,000, or leave it empty if not known.'],
    ['no type', { breachTypes: '' }, 'breachTypes', 'Choose at least one type of breach.'],
    ['an owner from elsewhere', { ownerUserId: '00000000-0000-4000-8000-000000000000' }, 'ownerUserId', 'Choose the owner from the workspace’s owners and admins: only they can record the notification.'],
  ])('refuses %s with a message and writes nothing', async (_, change, field, message) => {
    const t = await team()
    const form: Record<string, string> = { ...validForm(), ...change }
    if (form.breachTypes === '') delete form.breachTypes
    const answer = await record(t.slug, t.owner.id, form)
    expect(answer.status).toBe(400)
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors[field]).toBe(message)
    expect(await incidentsOf(t.workspace.id)).toEqual([])
    expect(await auditActions(t.workspace.id)).toEqual([])
  })

  it('refuses a NUL byte in plain words, not a 500', async () => {
    const t = await team()
    const answer = await record(t.slug, t.owner.id, { ...validForm(), title: 'a\u0000b' })
    expect(answer.status).toBe(400)
    expect(String(answer.body)).not.toMatch(/error|stack|prisma/i)
    expect(await incidentsOf(t.workspace.id)).toEqual([])
  })
})

describe('who may do what', () => {
  it('lets viewers and agents read, only owners and admins write, and tells a stranger nothing', async () => {
    const t = await team()
    const { id } = await recordedIncident(t.member)
    const params = { slug: t.slug, incidentId: id }
    for (const reader of [t.viewer, t.agent]) {
      const list = await answerOf(await callLoader(listLoader, { path: `/w/${t.slug}/incidents`, params, headers: { cookie: await cookieOf(reader.userId) } }))
      expect(list.status).toBe(200)
      expect((list.body as { rows: unknown[]; may: { manage: boolean } }).may.manage).toBe(false)
      const page = await answerOf(await callLoader(incidentLoader, { path: `/w/${t.slug}/incidents/${id}`, params, headers: { cookie: await cookieOf(reader.userId) } }))
      expect(page.status).toBe(200)
      const write = await answerOf(
        await callAction(incidentAction, { path: `/w/${t.slug}/incidents/${id}`, params, form: { intent: 'note', note: 'hi' }, headers: { cookie: await cookieOf(reader.userId) } }),
      )
      expect(write.status).toBe(403)
      const csv = await answerOf(await callLoader(csvLoader, { path: `/w/${t.slug}/incidents.csv`, params, headers: { cookie: await cookieOf(reader.userId) } }))
      expect(csv.status).toBe(403)
    }
    const stranger = await makeOwnedWorkspace()
    const elsewhere = await answerOf(await callLoader(incidentLoader, { path: `/w/${stranger.workspace.slug}/incidents/${id}`, params: { slug: stranger.workspace.slug, incidentId: id }, headers: { cookie: await cookieOf(stranger.owner.id) } }))
    expect(elsewhere.status).toBe(404)
    expect(await auditActions(t.workspace.id)).toEqual(['incident.record'])
  })
})

describe('the notification to the authority', () => {
  async function post(t: Awaited<ReturnType<typeof team>>, id: string, form: Record<string, string>) {
    return answerOf(
      await callAction(incidentAction, { path: `/w/${t.slug}/incidents/${id}`, params: { slug: t.slug, incidentId: id }, form, headers: { cookie: await cookieOf(t.admin.userId) } }),
    )
  }

  it('stops the clock in time, keeps dated updates, and audits each step', async () => {
    const t = await team()
    const { id, reference } = await recordedIncident(t.member, { hoursAgo: 10 })
    expect((await post(t, id, { intent: 'authority', authorityName: 'Data Protection Commission', authorityNotifiedAt: at(-HOUR_MS), authorityReference: 'DPC-1' })).status).toBe(200)
    expect((await post(t, id, { intent: 'authority_update', updateAt: at(-30 * 60 * 1000), updateBody: 'Scope narrowed to 900 people.' })).status).toBe(200)
    const page = await answerOf(await callLoader(incidentLoader, { path: `/w/${t.slug}/incidents/${id}`, params: { slug: t.slug, incidentId: id }, headers: { cookie: await cookieOf(t.viewer.userId) } }))
    const view = (page.body as { incident: { clock: { state: string; badge: { label: string } }; updates: { body: string }[]; events: { kind: string; who: string }[] } }).incident
    expect(view.clock.state).toBe('notified_in_time')
    expect(view.clock.badge.label).toBe('Authority notified within 72 h')
    expect(view.updates.map((update) => update.body)).toEqual(['Scope narrowed to 900 people.'])
    expect(view.events.map((event) => [event.kind, event.who])).toEqual([
      ['Incident recorded', t.owner.email],
      ['Supervisory authority notified', t.admin.email],
      ['Update sent to the authority', t.admin.email],
    ])
    expect(await auditActions(t.workspace.id)).toEqual(['incident.record', 'incident.authority_notify', 'incident.authority_update'])
    // The owner hears of the admin's two changes (one e-mail each); the admin only of the owner's recording.
    const mails = await mailsAbout(t.workspace.id, reference)
    expect(mails.filter((mail) => mail.to === t.owner.email).map((mail) => mail.subject.split(' — ')[1])).toEqual([
      'recorded the notification to the supervisory authority',
      'recorded an update sent to the supervisory authority',
    ])
    expect(mails.filter((mail) => mail.to === t.admin.email).map((mail) => mail.subject.split(' — ')[1])).toEqual(['recorded a new incident'])
  })

  it('refuses a notification after 72 hours without the reason for the delay, and one before awareness', async () => {
    const t = await team()
    const { id } = await recordedIncident(t.member, { hoursAgo: 100 })
    const late = await post(t, id, { intent: 'authority', authorityName: 'CNIL', authorityNotifiedAt: at(-HOUR_MS) })
    expect(late.status).toBe(400)
    expect((late.body as { fieldErrors: Record<string, string> }).fieldErrors.delayReason).toBe(
      'The notification came more than 72 hours after awareness: give the reasons for the delay (Art. 33(1)).',
    )
    const early = await post(t, id, { intent: 'authority', authorityName: 'CNIL', authorityNotifiedAt: at(-101 * HOUR_MS) })
    expect((early.body as { fieldErrors: Record<string, string> }).fieldErrors.authorityNotifiedAt).toBe('The notification cannot come before you became aware of the breach.')
    const future = await post(t, id, { intent: 'authority', authorityName: 'CNIL', authorityNotifiedAt: at(2 * HOUR_MS) })
    expect((future.body as { fieldErrors: Record<string, string> }).fieldErrors.authorityNotifiedAt).toBe('The notification cannot be in the future: record it once it is sent.')
    expect((await incidentsOf(t.workspace.id))[0]).toMatchObject({ authority_notified_at: null })
    expect((await post(t, id, { intent: 'authority', authorityName: 'CNIL', authorityNotifiedAt: at(-HOUR_MS), delayReason: 'Forensics took five days.' })).status).toBe(200)
    const [clock] = await withTenant(t.member.tenant, (tx) => openIncidentClocks(tx, new Date()))
    expect(clock!.clock).toMatchObject({ state: 'notified_late', delayReason: 'Forensics took five days.' })
  })

  it('records "not reportable" only with its reason, and closes only once the clock stopped', async () => {
    const t = await team()
    const { id } = await recordedIncident(t.member, { hoursAgo: 2 })
    const early = await post(t, id, { intent: 'close', lessonsLearned: 'Check shares.' })
    expect(early.body).toMatchObject({ error: 'Record the notification to the authority, or that the breach is not reportable and why, before closing it.' })
    expect((await post(t, id, { intent: 'not_reportable', notReportableReason: '' })).body).toMatchObject({
      fieldErrors: { notReportableReason: 'Give the reason the breach is not reportable (why it is unlikely to result in a risk).' },
    })
    expect((await post(t, id, { intent: 'not_reportable', notReportableReason: 'The file held only encrypted data; the key was not exposed.' })).status).toBe(200)
    expect((await post(t, id, { intent: 'close', lessonsLearned: 'Check shares.' })).status).toBe(200)
    expect((await incidentsOf(t.workspace.id))[0]).toMatchObject({ status: 'closed', lessons_learned: 'Check shares.' })
    expect((await post(t, id, { intent: 'assessment', risk: 'high_risk' })).body).toMatchObject({ error: 'This incident is closed: nothing more can change.' })
    expect(await auditActions(t.workspace.id)).toEqual(['incident.record', 'incident.not_reportable', 'incident.close'])
  })
})

describe('review findings: what the rules accept and refuse', () => {
  async function post(t: Awaited<ReturnType<typeof team>>, id: string, form: Record<string, string>) {
    return answerOf(
      await callAction(incidentAction, { path: `/w/${t.slug}/incidents/${id}`, params: { slug: t.slug, incidentId: id }, form, headers: { cookie: await cookieOf(t.admin.userId) } }),
    )
  }

  it('records the notification after "not reportable" after all, clearing it, with the delay reason rule as usual', async () => {
    const t = await team()
    const { id, reference } = await recordedIncident(t.member, { hoursAgo: 100 })
    expect((await post(t, id, { intent: 'not_reportable', notReportableReason: 'Only encrypted data left the building.' })).status).toBe(200)
    const late = await post(t, id, { intent: 'authority', authorityName: 'CNIL', authorityNotifiedAt: at(-HOUR_MS) })
    expect((late.body as { fieldErrors: Record<string, string> }).fieldErrors.delayReason).toBe(
      'The notification came more than 72 hours after awareness: give the reasons for the delay (Art. 33(1)).',
    )
    const done = await post(t, id, { intent: 'authority', authorityName: 'CNIL', authorityNotifiedAt: at(-HOUR_MS), delayReason: 'The key was exposed after all.' })
    expect(done.status).toBe(200)
    expect(done.body).toEqual({
      saved: 'Saved: recorded the notification to the supervisory authority (it had been recorded as not reportable). 1 other member who gets incident updates was e-mailed.',
    })
    expect((await incidentsOf(t.workspace.id))[0]).toMatchObject({ not_reportable_at: null, not_reportable_reason: '', authority_name: 'CNIL', delay_reason: 'The key was exposed after all.' })
    const { rows } = await ownerPool().query<{ before: Record<string, unknown> }>(
      `SELECT before FROM audit_entry WHERE workspace_id = $1 AND action = 'incident.authority_notify'`,
      [t.workspace.id],
    )
    expect(rows[0]!.before).toMatchObject({ notReportableReason: 'Only encrypted data left the building.' })
    expect(rows[0]!.before.notReportableAt).toBeTruthy()
    const mails = await mailsAbout(t.workspace.id, reference)
    expect(mails.filter((mail) => mail.to === t.owner.email).map((mail) => mail.subject.split(' — ')[1])).toContain(
      'recorded the notification to the supervisory authority (it had been recorded as not reportable)',
    )
  })

  it('refuses "not reportable" while the assessment says risk, and raising the risk while "not reportable" stands', async () => {
    const t = await team()
    const { id } = await recordedIncident(t.member, { hoursAgo: 2 })
    for (const risk of ['risk', 'high_risk']) {
      expect((await post(t, id, { intent: 'assessment', risk })).status).toBe(200)
      expect((await post(t, id, { intent: 'not_reportable', notReportableReason: 'Seems minor.' })).body).toMatchObject({
        error:
          'Your risk assessment says this breach is likely to result in a risk to people’s rights and freedoms: it is exempt from notification only if that is unlikely (Art. 33(1)). Change the assessment and its reasoning first.',
      })
    }
    expect((await incidentsOf(t.workspace.id))[0]).toMatchObject({ not_reportable_at: null })
    expect((await post(t, id, { intent: 'assessment', risk: 'unlikely' })).status).toBe(200)
    expect((await post(t, id, { intent: 'not_reportable', notReportableReason: 'Seems minor.' })).status).toBe(200)
    const raised = await post(t, id, { intent: 'assessment', risk: 'risk' })
    expect((raised.body as { fieldErrors: Record<string, string> }).fieldErrors.risk).toMatch(/record the notification to the authority instead\.$/)
    expect((await incidentsOf(t.workspace.id))[0]).toMatchObject({ risk: 'unlikely' })
  })

  it('with a high risk, refuses "not required" for the people affected and closing before their decision', async () => {
    const t = await team()
    const { id } = await recordedIncident(t.member, { hoursAgo: 2 })
    expect((await post(t, id, { intent: 'assessment', risk: 'high_risk' })).status).toBe(200)
    expect((await post(t, id, { intent: 'authority', authorityName: 'CNIL', authorityNotifiedAt: at(-HOUR_MS) })).status).toBe(200)
    const notRequired = await post(t, id, { intent: 'subjects', subjectsDecision: 'not_required' })
    expect((notRequired.body as { fieldErrors: Record<string, string> }).fieldErrors.subjectsDecision).toMatch(/Art\. 34\(3\)/)
    expect((await post(t, id, { intent: 'close', lessonsLearned: 'Check shares.' })).body).toMatchObject({
      error: 'Record the decision on telling the people affected (Art. 34) before closing.',
    })
    expect((await post(t, id, { intent: 'subjects', subjectsDecision: 'exempt_encrypted' })).status).toBe(200)
    expect((await post(t, id, { intent: 'close', lessonsLearned: 'Check shares.' })).status).toBe(200)
  })

  it('takes only an owner or admin as the incident owner, and offers only them', async () => {
    const t = await team()
    const refused = await record(t.slug, t.admin.userId, { ...validForm(), ownerUserId: t.agent.userId })
    expect(refused.status).toBe(400)
    expect((refused.body as { fieldErrors: Record<string, string> }).fieldErrors.ownerUserId).toBe(
      'Choose the owner from the workspace’s owners and admins: only they can record the notification.',
    )
    const { id } = await recordedIncident(t.member, { hoursAgo: 2 })
    const page = await answerOf(await callLoader(incidentLoader, { path: `/w/${t.slug}/incidents/${id}`, params: { slug: t.slug, incidentId: id }, headers: { cookie: await cookieOf(t.admin.userId) } }))
    const owners = (page.body as { incident: { owners: { value: string }[] } }).incident.owners.map((owner) => owner.value)
    expect(owners.sort()).toEqual([t.owner.id, t.admin.userId].sort())
    expect((await record(t.slug, t.admin.userId, { ...validForm(), ownerUserId: t.admin.userId })).status).toBe(302)
  })

  it('confirms each save in words, with the number of members e-mailed', async () => {
    const t = await team()
    const { id } = await recordedIncident(t.member, { hoursAgo: 2 })
    expect((await post(t, id, { intent: 'note', note: 'Called the host.' })).body).toEqual({
      saved: 'Saved: added a note. 1 other member who gets incident updates was e-mailed.',
    })
  })
})

describe('the open incidents for the digest', () => {
  it('lists the running and overdue clocks first, the earliest due first, then the stopped ones', async () => {
    const t = await team()
    const stopped = await recordedIncident(t.member, { hoursAgo: 80, title: 'Stopped' })
    await ownerPool().query('UPDATE incident SET authority_notified_at = aware_at + interval \'1 hour\', authority_name = $2 WHERE id = $1', [stopped.id, 'CNIL'])
    const running = await recordedIncident(t.member, { hoursAgo: 50, title: 'Running' })
    const overdue = await recordedIncident(t.member, { hoursAgo: 75, title: 'Overdue' })
    const clocks = await withTenant(t.member.tenant, (tx) => openIncidentClocks(tx, new Date()))
    expect(clocks.map((c) => [c.reference, c.clock.state])).toEqual([
      [overdue.reference, 'overdue'],
      [running.reference, 'running'],
      [stopped.reference, 'notified_in_time'],
    ])
  })

  it('lists the open ones with their clocks, the earliest due first, and leaves out closed ones', async () => {
    const t = await team()
    const older = await recordedIncident(t.member, { hoursAgo: 80, title: 'Older', severity: 'S0' })
    const newer = await recordedIncident(t.member, { hoursAgo: 3, title: 'Newer', severity: 'S2' })
    const now = new Date()
    const clocks = await withTenant(t.member.tenant, (tx) => openIncidentClocks(tx, now))
    expect(clocks.map((c) => [c.reference, c.title, c.severity, c.clock.state])).toEqual([
      [older.reference, 'Older', 'S0', 'overdue'],
      [newer.reference, 'Newer', 'S2', 'running'],
    ])
    expect(clocks[1]!.dueAt).toEqual(new Date(newer.awareAt.getTime() + 72 * HOUR_MS))
  })
})

describe('the register export', () => {
  it('has every incident with its facts, neutralises formulas, and is audited', async () => {
    const t = await team()
    await recordedIncident(t.member, { title: '=HYPERLINK("http://evil.example")' })
    const answer = await answerOf(await callLoader(csvLoader, { path: `/w/${t.slug}/incidents.csv`, params: { slug: t.slug }, headers: { cookie: await cookieOf(t.admin.userId) } }))
    expect(answer.status).toBe(200)
    const csv = String(answer.body)
    expect(csv.split('\r\n')[0]).toMatch(/^reference,title,status,severity,owner,/)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(csv).toContain('Names, e-mail addresses')
    expect(await auditActions(t.workspace.id)).toEqual(['incident.record', 'incident.export'])
  })
})
