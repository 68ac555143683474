// Deadline reminders (issue 16, dsar.remind) against real PostgreSQL, the real queue and the
// outbox: a privacy request's members are e-mailed 7 days and 2 days before its deadline (the
// workspace's reminder days) and once it is overdue, each step once however many runs there are
// or however many run at once; a run killed after its claim loses nothing; the assignee alone
// while they work requests; members removed or who turned the e-mails off get none; a paused
// clock sends nothing; an extension is a new deadline with its own reminders. Vulnerability
// reports: acknowledgement and disclosure. The runs are given their `now`.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { remindReportDeadlines } from '~/modules/disclosure/deadline-reminders.server'
import { reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { acknowledgeReport } from '~/modules/disclosure/workflow.server'
import { remindRequestDeadlines } from '~/modules/dsar/deadline-reminders.server'
import { reminderDaysInput, saveReminderDays } from '~/modules/dsar/reminder-settings.server'
import { askSubject, assignRequest, extendRequest } from '~/modules/dsar/workflow.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { action as privacySettingsAction, loader as privacySettingsLoader } from '~/routes/dashboard/privacy-settings'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { receivedDaysAgo, receivedRequest } from '../support/requests'
import { answerOf, callAction, callLoader } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const origin = { ip: '203.0.113.9', userAgent: 'vitest' }
const shift = (from: Date, ms: number) => new Date(from.getTime() + ms)

/** A workspace (UTC) with an owner, an admin, an agent and a viewer. */
async function team() {
  const made = await makeOwnedWorkspace()
  const admin = await addMember(made.workspace.id, 'admin')
  const agent = await addMember(made.workspace.id, 'agent')
  const viewer = await addMember(made.workspace.id, 'viewer')
  return { ...made, admin, agent, viewer }
}

/** A request received now, and its stored deadline. */
async function openRequest(workspaceId: string, overrides: Parameters<typeof receivedRequest>[1] = {}) {
  const filed = await receivedRequest(workspaceId, overrides)
  return { ...filed, dueAt: await storedDueAt(filed.id) }
}

async function storedDueAt(requestId: string): Promise<Date> {
  const { rows } = await ownerPool().query<{ due_at: Date }>('SELECT due_at FROM privacy_request WHERE id = $1', [requestId])
  return rows[0]!.due_at
}

type Mail = { to: string; subject: string; text: string }

/** The reminders sent about the request or report `reference`, oldest first. */
async function remindersAbout(reference: string): Promise<Mail[]> {
  const { rows } = await ownerPool().query<Mail>(
    `SELECT "to", subject, text FROM email_message
      WHERE (subject LIKE $1 OR subject LIKE $2) AND subject NOT LIKE '%your security report%'
        AND subject NOT LIKE 'New security report %' ORDER BY created_at, "to"`,
    [`%privacy request ${reference} is %`, `%security report ${reference}%`],
  )
  return rows
}

async function claimedSteps(subjectId: string): Promise<string[]> {
  const { rows } = await ownerPool().query<{ step: string }>('SELECT step FROM reminder_sent WHERE subject_id = $1 ORDER BY sent_at, step', [subjectId])
  return rows.map((row) => row.step)
}

/** The day the desk first shows "N days left" for a deadline at midnight UTC: N + 1 days before it. */
const daysBefore = (dueAt: Date, days: number) => shift(dueAt, -(days + 1) * DAY_MS)

describe('privacy request reminders', () => {
  it('e-mails 7 days and 2 days before the deadline and when it is overdue, each once across many runs', async () => {
    const { workspace, owner, admin, agent } = await team()
    const request = await openRequest(workspace.id, { type: 'erasure' })
    const workers = [owner.email, admin.email, agent.email].sort()
    const runs = [
      shift(daysBefore(request.dueAt, 7), -HOUR_MS),
      daysBefore(request.dueAt, 7),
      shift(daysBefore(request.dueAt, 7), HOUR_MS),
      daysBefore(request.dueAt, 4),
      daysBefore(request.dueAt, 2),
      shift(daysBefore(request.dueAt, 2), 5 * HOUR_MS),
      shift(request.dueAt, -HOUR_MS),
      request.dueAt,
      shift(request.dueAt, HOUR_MS),
      shift(request.dueAt, 10 * DAY_MS),
    ]
    const counts: number[] = []
    for (const now of runs) {
      await remindRequestDeadlines(now)
      counts.push((await remindersAbout(request.reference)).length)
    }
    expect(counts).toEqual([0, 3, 3, 3, 6, 6, 6, 9, 9, 9])
    const mails = await remindersAbout(request.reference)
    expect(mails.map((mail) => mail.subject)).toEqual([
      ...Array(3).fill(`${workspace.name}: privacy request ${request.reference} is due in 7 days`),
      ...Array(3).fill(`${workspace.name}: privacy request ${request.reference} is due in 2 days`),
      ...Array(3).fill(`${workspace.name}: privacy request ${request.reference} is overdue`),
    ])
    for (const step of [0, 3, 6]) expect(mails.slice(step, step + 3).map((mail) => mail.to).sort()).toEqual(workers)
    const first = mails[0]!.text
    expect(first).toContain('Type: Delete my data')
    expect(first).toContain(`${appOrigin()}/w/${workspace.slug}/requests/${request.reference}`)
    expect(first).toContain('nobody is assigned')
    // Reference, type and dates only: never who asked.
    expect(mails.every((mail) => !mail.text.includes(request.email) && !mail.text.includes(request.subjectName))).toBe(true)
    expect(await claimedSteps(request.id)).toEqual(['due_in_7_days', 'due_in_2_days', 'overdue'])
  })

  it('sends only the most urgent step after missed runs, and nothing twice when two runs meet', async () => {
    const { workspace } = await team()
    const request = await openRequest(workspace.id)
    const late = daysBefore(request.dueAt, 1)
    const results = await Promise.all([remindRequestDeadlines(late), remindRequestDeadlines(late), remindRequestDeadlines(late)])
    expect(results.every((result) => result.failed === 0)).toBe(true)
    const mails = await remindersAbout(request.reference)
    expect(mails).toHaveLength(3)
    expect(mails.every((mail) => mail.subject.endsWith('is due tomorrow'))).toBe(true)
    expect(await claimedSteps(request.id)).toEqual(['due_in_2_days'])
  })

  it('loses nothing when a run dies after claiming a reminder: the next run sends it', async () => {
    const { workspace } = await team()
    const request = await openRequest(workspace.id)
    const now = daysBefore(request.dueAt, 7)
    // The database refuses the reminder's e-mail, as a worker killed after the claim would
    // never write it: the transaction with the claim is rolled back.
    const trigger = `kill_reminder_${request.reference.replace(/\W/g, '_').toLowerCase()}`
    await ownerPool().query(`
      CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject LIKE '%${request.reference} is due%' THEN RAISE EXCEPTION 'the worker died'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER ${trigger} BEFORE INSERT ON email_message FOR EACH ROW EXECUTE FUNCTION ${trigger}();`)
    try {
      expect((await remindRequestDeadlines(now)).failed).toBeGreaterThanOrEqual(1)
    } finally {
      await ownerPool().query(`DROP TRIGGER ${trigger} ON email_message; DROP FUNCTION ${trigger}();`)
    }
    expect(await remindersAbout(request.reference)).toEqual([])
    expect(await claimedSteps(request.id)).toEqual([])
    await remindRequestDeadlines(shift(now, HOUR_MS))
    expect(await remindersAbout(request.reference)).toHaveLength(3)
    expect(await claimedSteps(request.id)).toEqual(['due_in_7_days'])
  })

  it('tells the assignee alone while they work requests, and the team once they no longer do', async () => {
    const { workspace, member, owner, admin, agent } = await team()
    const request = await openRequest(workspace.id)
    await assignRequest(member, request.id, agent.userId, origin)
    await remindRequestDeadlines(daysBefore(request.dueAt, 7))
    const assigned = await remindersAbout(request.reference)
    expect(assigned.map((mail) => mail.to)).toEqual([agent.email])
    expect(assigned[0]!.text).toContain('the request is assigned to you')

    await ownerPool().query(`UPDATE membership SET role = 'viewer' WHERE workspace_id = $1 AND user_id = $2`, [workspace.id, agent.userId])
    await remindRequestDeadlines(daysBefore(request.dueAt, 2))
    const gone = (await remindersAbout(request.reference)).slice(1)
    expect(gone.map((mail) => mail.to).sort()).toEqual([owner.email, admin.email].sort())
    expect(gone[0]!.text).toContain('assignee no longer works requests')
  })

  it('stops at once for a member removed, and sends none to a member who turned them off', async () => {
    const { workspace, owner, admin, agent } = await team()
    const request = await openRequest(workspace.id)
    await ownerPool().query(
      `INSERT INTO notification_preference (workspace_id, user_id, kind, enabled) VALUES ($1, $2, 'request_deadline', false)`,
      [workspace.id, agent.userId],
    )
    await remindRequestDeadlines(daysBefore(request.dueAt, 7))
    expect((await remindersAbout(request.reference)).map((mail) => mail.to).sort()).toEqual([owner.email, admin.email].sort())

    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2', [workspace.id, admin.userId])
    await remindRequestDeadlines(daysBefore(request.dueAt, 2))
    expect((await remindersAbout(request.reference)).slice(2).map((mail) => mail.to)).toEqual([owner.email])
  })

  it('sends nothing while the clock is paused', async () => {
    const { workspace, member } = await team()
    const ask = { reason: 'identity' as const, message: 'Please send a copy of a bill with your address.' }
    // Under the UK GDPR the clock stops while the company waits for identity information.
    const uk = await openRequest(workspace.id, { jurisdiction: 'uk_gdpr' })
    await askSubject(member, uk.id, ask, origin)
    for (const now of [daysBefore(uk.dueAt, 7), daysBefore(uk.dueAt, 2), shift(uk.dueAt, DAY_MS)]) await remindRequestDeadlines(now)
    expect(await remindersAbout(uk.reference)).toEqual([])
    // Under the GDPR with the adjusted date, a wait begun 5 days before the deadline keeps
    // those 5 days for when the answer comes: the "7 days" reminder would be due, and is not sent.
    await ownerPool().query(`UPDATE workspace SET deadline_basis = 'adjusted' WHERE id = $1`, [workspace.id])
    const gdpr = await receivedRequest(workspace.id)
    const dueAt = await receivedDaysAgo(workspace.id, gdpr.id, 25)
    expect(dueAt.getTime() - Date.now()).toBeLessThan(7 * DAY_MS)
    await askSubject(member, gdpr.id, ask, origin)
    for (const days of [0, 1, 3, 10, 40]) await remindRequestDeadlines(shift(new Date(), days * DAY_MS))
    expect(await remindersAbout(gdpr.reference)).toEqual([])
    expect([...(await claimedSteps(uk.id)), ...(await claimedSteps(gdpr.id))]).toEqual([])
  })

  it('gives an extended deadline reminders of its own', async () => {
    const { workspace, member } = await team()
    const request = await openRequest(workspace.id)
    await remindRequestDeadlines(daysBefore(request.dueAt, 7))
    expect(await remindersAbout(request.reference)).toHaveLength(3)
    await extendRequest(member, request.id, 'Several systems hold the data.', origin)
    const extended = await storedDueAt(request.id)
    expect(extended.getTime()).toBeGreaterThan(request.dueAt.getTime() + 30 * DAY_MS)
    // The first deadline's later steps no longer apply.
    await remindRequestDeadlines(daysBefore(request.dueAt, 2))
    await remindRequestDeadlines(shift(request.dueAt, HOUR_MS))
    expect(await remindersAbout(request.reference)).toHaveLength(3)
    await remindRequestDeadlines(daysBefore(extended, 7))
    const mails = await remindersAbout(request.reference)
    expect(mails).toHaveLength(6)
    expect(mails[5]!.text).toContain('is due by the end of')
    expect(await claimedSteps(request.id)).toEqual(['due_in_7_days', 'due_in_7_days'])
  })

  it('follows the workspace’s reminder days', async () => {
    const { workspace, member } = await team()
    await saveReminderDays(member, [10], origin)
    const request = await openRequest(workspace.id)
    await remindRequestDeadlines(daysBefore(request.dueAt, 11))
    expect(await remindersAbout(request.reference)).toEqual([])
    await remindRequestDeadlines(daysBefore(request.dueAt, 10))
    const mails = await remindersAbout(request.reference)
    expect(mails[0]!.subject).toMatch(/is due in 10 days$/)
    expect(mails[0]!.text).toContain('This workspace sends reminders 10 days before a deadline')
    for (const days of [7, 2]) await remindRequestDeadlines(daysBefore(request.dueAt, days))
    expect(await remindersAbout(request.reference)).toHaveLength(3)
    await remindRequestDeadlines(request.dueAt)
    expect(await claimedSteps(request.id)).toEqual(['due_in_10_days', 'overdue'])
  })

  it('is sent by the dsar.remind job when pg-boss runs it', async () => {
    const { workspace } = await team()
    const request = await receivedRequest(workspace.id)
    await receivedDaysAgo(workspace.id, request.id, 60)
    await workQueue(queue(), 'dsar.remind', { pollingIntervalSeconds: 0.5 })
    await queue().send('dsar.remind', {})
    const mails = await eventually(async () => {
      const sent = await remindersAbout(request.reference)
      return sent.length === 3 ? sent : undefined
    }, { what: 'the overdue reminders' })
    expect(mails.every((mail) => mail.subject.endsWith('is overdue'))).toBe(true)
  })
})

describe('the reminder days setting', () => {
  const errorOf = (reminderDays: string) => {
    const parsed = reminderDaysInput.safeParse({ reminderDays })
    return parsed.success ? null : parsed.error.issues[0]!.message
  }

  it('reads up to four whole days from 1 to 60, or none', () => {
    expect(reminderDaysInput.parse({ reminderDays: ' 2, 7 ,7 ' }).reminderDays).toEqual([7, 2])
    expect(reminderDaysInput.parse({ reminderDays: '30 14 7 1' }).reminderDays).toEqual([30, 14, 7, 1])
    expect(reminderDaysInput.parse({ reminderDays: '' }).reminderDays).toEqual([])
    const wrongDay = 'Write each reminder day as a whole number of days from 1 to 60, separated by commas, e.g. “7, 2”.'
    for (const bad of ['0', '61', '7.5', '-2', 'seven', '7\u0000', '7\u0007, 2', '99999999999999999999', '1e3']) expect(errorOf(bad)).toBe(wrongDay)
    expect(errorOf('1, 2, 3, 4, 5')).toBe('List at most 4 reminder days, e.g. “7, 2”.')
    expect(errorOf('7, '.repeat(100))).toBe('List at most 4 reminder days, e.g. “7, 2”.')
  })

  it('is saved from the privacy settings page with its audit entry, and a bad value is a message', async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    const { token } = await withPlatform((tx) => startSession(tx, owner.id))
    const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
    const post = (reminderDays: string) =>
      callAction(privacySettingsAction, {
        path: `/w/${workspace.slug}/privacy`,
        params: { slug: workspace.slug },
        form: { intent: 'reminders', reminderDays },
        headers: { cookie },
      })
    const stored = async () =>
      (await ownerPool().query<{ request_reminder_days: number[] }>('SELECT request_reminder_days FROM workspace WHERE id = $1', [workspace.id])).rows[0]!
        .request_reminder_days

    expect(await stored()).toEqual([7, 2])
    const page = await answerOf(
      await callLoader(privacySettingsLoader, { path: `/w/${workspace.slug}/privacy`, params: { slug: workspace.slug }, headers: { cookie } }),
    )
    expect(page.body).toMatchObject({ reminderDays: '7, 2' })
    const refused = await answerOf(await post('3, 0'))
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ fieldErrors: { reminderDays: expect.stringContaining('from 1 to 60') } })
    expect(await stored()).toEqual([7, 2])

    const saved = await answerOf(await post('14, 3'))
    expect(saved.status).toBe(302)
    expect(saved.headers.get('location')).toBe(`/w/${workspace.slug}/privacy#reminders`)
    expect(await stored()).toEqual([14, 3])
    await answerOf(await post('3,14'))
    // The widest value the form allows fits the column's check.
    expect((await answerOf(await post('60, 1, 30, 14'))).status).toBe(302)
    expect(await stored()).toEqual([60, 30, 14, 1])
    const { rows } = await ownerPool().query('SELECT before, after FROM audit_entry WHERE workspace_id = $1 AND action = $2', [
      workspace.id,
      'privacy.reminder_days',
    ])
    expect(rows).toEqual([
      { before: { requestReminderDays: [7, 2] }, after: { requestReminderDays: [14, 3] } },
      { before: { requestReminderDays: [14, 3] }, after: { requestReminderDays: [60, 30, 14, 1] } },
    ])
  })
})

describe('vulnerability report reminders', () => {
  const staffOrigin = { ...origin, appOrigin: 'https://candor.example' }

  async function fileReport(slug: string) {
    const input = reportInput.parse({
      reporterName: faker.person.fullName(),
      reporterEmail: faker.internet.email(),
      affectedSurface: 'https://app.example/api/v1/invoices/:id',
      reproductionSteps: '1. Sign in as tenant A.\n2. GET the invoice of tenant B.',
      severity: 'high',
      impact: 'Any customer reads every other customer’s invoices.',
      preferredTimeline: 'policy',
    })
    const result = await submitReport(slug, input, { ...staffOrigin, ip: faker.internet.ipv4() })
    if (result.outcome !== 'filed') throw new Error(`not filed: ${result.outcome}`)
    const { rows } = await ownerPool().query<{ id: string; received_at: Date }>(
      'SELECT id, received_at FROM vulnerability_report WHERE reference = $1',
      [result.reference],
    )
    return { reference: result.reference, id: rows[0]!.id, receivedAt: rows[0]!.received_at, input }
  }

  it('reminds owners and admins of the acknowledgement, then of the disclosure date, each step once', async () => {
    const { workspace, member, owner, admin } = await team()
    const report = await fileReport(workspace.slug) // the default policy: 48 hours, 90 days
    const at = (ms: number) => shift(report.receivedAt, ms)
    const subjects = async () => (await remindersAbout(report.reference)).map((mail) => mail.subject.replace(`${workspace.name}: `, ''))

    await remindReportDeadlines(at(35 * HOUR_MS))
    expect(await subjects()).toEqual([])
    await remindReportDeadlines(at(36 * HOUR_MS))
    await remindReportDeadlines(at(37 * HOUR_MS))
    const soon = await remindersAbout(report.reference)
    expect(soon.map((mail) => mail.to).sort()).toEqual([owner.email, admin.email].sort())
    expect(soon[0]!.text).toContain('due in 12 h')
    expect(soon[0]!.text).toContain(`${appOrigin()}/w/${workspace.slug}/security/${report.id}`)
    expect(soon.every((mail) => !mail.text.includes(report.input.reporterEmail) && !mail.text.includes('invoices'))).toBe(true)
    await Promise.all([remindReportDeadlines(at(49 * HOUR_MS)), remindReportDeadlines(at(49 * HOUR_MS))])
    expect(await subjects()).toEqual([
      ...Array(2).fill(`acknowledge security report ${report.reference} soon`),
      ...Array(2).fill(`security report ${report.reference} is not acknowledged and overdue`),
    ])

    await acknowledgeReport(member, report.id, '', staffOrigin)
    for (const days of [70, 76, 80, 88, 89, 90, 95]) await remindReportDeadlines(at(days * DAY_MS))
    expect((await subjects()).slice(4)).toEqual([
      ...Array(2).fill(`security report ${report.reference} may be disclosed soon`),
      ...Array(2).fill(`security report ${report.reference} may be disclosed soon`),
      ...Array(2).fill(`the disclosure date of security report ${report.reference} has passed`),
    ])
    expect(await claimedSteps(report.id)).toEqual([
      'acknowledge_due_in_12_hours',
      'acknowledge_overdue',
      'disclosure_due_in_14_days',
      'disclosure_due_in_2_days',
      'disclosure_overdue',
    ])
  })

  it('sends no acknowledgement reminder once the report is answered, and nothing for a closed report', async () => {
    const { workspace, member } = await team()
    const answered = await fileReport(workspace.slug)
    await acknowledgeReport(member, answered.id, '', staffOrigin)
    await remindReportDeadlines(shift(answered.receivedAt, 50 * HOUR_MS))
    expect(await remindersAbout(answered.reference)).toEqual([])
    await ownerPool().query(`UPDATE vulnerability_report SET state = 'disclosed', closed_at = now() WHERE id = $1`, [answered.id])
    await remindReportDeadlines(shift(answered.receivedAt, 100 * DAY_MS))
    expect(await remindersAbout(answered.reference)).toEqual([])
  })
})
