// backup.age-out against real PostgreSQL, real backups in the object store and real pg-boss:
// backups past the retention are deleted (object gone, row kept as deleted, receipt in the
// platform audit log) but never the newest good one; failed runs' leftovers go; and an erasure
// is marked erased from backups only once no remaining backup began before it (Candor's own
// records, computed), or once the declared retention passed or a member confirmed it (the
// customer's systems), with the requester told.
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ageOutBackups } from '~/modules/backups/age-out.server'
import { runBackup } from '~/modules/backups/backup.server'
import { backupRow } from '~/modules/backups/catalogue.server'
import { ownerPool } from '~/modules/db/owner.server'
import { advanceBackupsStages, confirmBackupsErased } from '~/modules/dsar/backups-stage.server'
import { completeManualTask } from '~/modules/dsar/manual-tasks.server'
import { addManualSystem, manualSystemInput } from '~/modules/dsar/privacy-settings.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { action as requestPageAction, loader as requestPage } from '~/routes/dashboard/request'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { makeOwnedWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'
import { answerOf, callAction, callLoader } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const DAY_MS = 86_400_000
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS)
const query = async <T extends object>(sql: string, values: unknown[] = []) => (await ownerPool().query<T>(sql, values)).rows

/** A real backup, as if it had begun `days` ago. */
async function backupFrom(days: number): Promise<string> {
  const backup = await runBackup()
  await ownerPool().query('UPDATE backup SET started_at = $2, finished_at = $2 WHERE id = $1', [backup.id, daysAgo(days)])
  return backup.id
}

const ageOutReceipts = (backupId: string) =>
  query<{ workspace_id: string | null; after: Record<string, unknown> }>(
    `SELECT workspace_id, after FROM audit_entry WHERE action = 'backup.age_out' AND target_id = $1`,
    [backupId],
  )

describe('ageing out backups', () => {
  it('never deletes the only good backup, however old', async () => {
    await makeOwnedWorkspace()
    const only = await backupFrom(400)
    // A failed run and a newer running one are no reason to let it go.
    await ownerPool().query(`INSERT INTO backup (id, object_key, key_id, status, finished_at) VALUES ($1, $2, 'k', 'failed', now())`, [
      randomUUID(),
      `backups/${randomUUID()}`,
    ])
    const report = await ageOutBackups()
    expect(report).toMatchObject({ deleted: [], kept: only })
    expect(await backupRow(only)).toMatchObject({ status: 'succeeded' })
    expect(await objectStore().exists(`backups/${only}`)).toBe(true)
  })

  it('deletes every backup past the retention, object first, keeping its row as deleted with a receipt; failed runs\' leftovers go too', async () => {
    const old = await backupFrom(120)
    const past = await backupFrom(91)
    const recent = await backupFrom(89)
    const newest = await backupFrom(0)
    // What a failed run whose clean-up did not finish leaves: a failed row and its object.
    const failed = randomUUID()
    await ownerPool().query(`INSERT INTO backup (id, object_key, key_id, status, finished_at, error) VALUES ($1, $2, 'k', 'failed', now(), 'the disk went away')`, [
      failed,
      `backups/${failed}`,
    ])
    await objectStore().put(`backups/${failed}`, Readable.from([Buffer.from('half a backup')]))

    const report = await ageOutBackups()
    expect(report.kept).toBe(newest)
    expect(report.deleted).toEqual(expect.arrayContaining([old, past]))
    expect(report.deleted).not.toContain(recent)
    expect(report.leftovers).toBe(1)
    for (const id of [old, past]) {
      expect(await backupRow(id)).toMatchObject({ status: 'deleted', sha256: expect.any(String) })
      expect((await query<{ deleted_at: Date | null }>('SELECT deleted_at FROM backup WHERE id = $1', [id]))[0]!.deleted_at).toBeInstanceOf(Date)
      expect(await objectStore().exists(`backups/${id}`)).toBe(false)
      const [receipt, ...more] = await ageOutReceipts(id)
      expect(more).toEqual([])
      expect(receipt).toMatchObject({ workspace_id: null, after: { status: 'deleted', retentionDays: 90 } })
    }
    for (const id of [recent, newest]) {
      expect(await backupRow(id)).toMatchObject({ status: 'succeeded' })
      expect(await objectStore().exists(`backups/${id}`)).toBe(true)
    }
    expect(await objectStore().exists(`backups/${failed}`)).toBe(false)
    expect(await backupRow(failed)).toMatchObject({ status: 'failed', error: 'the disk went away' })

    // Run again: nothing more to do, no second receipt.
    expect(await ageOutBackups()).toMatchObject({ deleted: [], leftovers: 0 })
    expect(await ageOutReceipts(old)).toHaveLength(1)
  })
})

type Setup = Awaited<ReturnType<typeof makeOwnedWorkspace>>

/** The owner's session cookie, as a browser carries it. */
async function ownerCookie(w: Setup) {
  const { token } = await withPlatform((tx) => startSession(tx, w.owner.id))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

async function requestPageOf(w: Setup, reference: string) {
  const path = `/w/${w.workspace.slug}/requests/${reference}`
  return answerOf(await callLoader(requestPage, { path, params: { slug: w.workspace.slug, reference }, headers: { cookie: await ownerCookie(w) } }))
}

async function confirmOnPage(w: Setup, reference: string, form: Record<string, string>) {
  const path = `/w/${w.workspace.slug}/requests/${reference}`
  return callAction(requestPageAction, { path, params: { slug: w.workspace.slug, reference }, form, headers: { cookie: await ownerCookie(w) } })
}

/** An erasure request whose tasks are listed; the built-in one is run as the worker runs it. */
async function erasedRequest(w: Setup) {
  const filed = await receivedRequest(w.workspace.id, { type: 'erasure' })
  const tasks = await query<{ id: string; kind: string }>(
    `SELECT t.id, s.kind FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = $1 ORDER BY t.created_at`,
    [filed.id],
  )
  await runTask({ workspaceId: w.workspace.id, taskId: tasks.find((t) => t.kind === 'built_in')!.id })
  return { ...filed, tasks }
}

/** Move the erasure `days` into the past (its tasks' completion and the request's first stage). */
async function erasedDaysAgo(requestId: string, days: number) {
  await ownerPool().query('UPDATE request_task SET completed_at = $2 WHERE request_id = $1', [requestId, daysAgo(days)])
  await ownerPool().query('UPDATE privacy_request SET erased_primary_at = $2 WHERE id = $1', [requestId, daysAgo(days)])
}

const requestStage = async (id: string) =>
  (await query<{ erased_primary_at: Date | null; erased_backups_at: Date | null; erased_backups_by: Date | null }>(
    'SELECT erased_primary_at, erased_backups_at, erased_backups_by FROM privacy_request WHERE id = $1',
    [id],
  ))[0]!

const eventsOf = (id: string) =>
  query<{ body: string; public: boolean }>(`SELECT body, public FROM request_event WHERE request_id = $1 AND kind = 'erased_backups'`, [id])

const mailTo = (email: string) =>
  query<{ subject: string; text: string }>(`SELECT subject, text FROM email_message WHERE "to" = $1 AND subject LIKE '%reached the backups%'`, [email])

describe('erased from backups, for Candor’s own records', () => {
  it('is set only once no remaining backup (succeeded or running) began before the erasure, with the event and the e-mail', async () => {
    const w = await makeOwnedWorkspace()
    const request = await erasedRequest(w)
    // Its estimate is Candor's own retention after the erasure.
    const [erased] = await query<{ completed_at: Date }>('SELECT completed_at FROM request_task WHERE request_id = $1', [request.id])
    const first = await requestStage(request.id)
    expect(first.erased_primary_at).toEqual(erased!.completed_at)
    expect(first.erased_backups_by!.getTime() - erased!.completed_at.getTime()).toBe(90 * DAY_MS)
    await erasedDaysAgo(request.id, 10)
    const holding = await backupFrom(100) // began before the erasure: holds the person's data
    await backupFrom(0) // began after it: does not
    const running = randomUUID() // a backup still being taken, begun before the erasure
    await ownerPool().query(`INSERT INTO backup (id, object_key, key_id, started_at) VALUES ($1, $2, 'k', $3)`, [running, `backups/${running}`, daysAgo(11)])

    expect(await advanceBackupsStages()).toBe(0)
    expect((await requestStage(request.id)).erased_backups_at).toBeNull()

    // Time passes: every succeeded backup that began before the erasure is past the retention.
    await ownerPool().query(`UPDATE backup SET started_at = $2 WHERE status = 'succeeded' AND started_at < $1`, [daysAgo(10), daysAgo(100)])
    expect((await ageOutBackups()).deleted).toContain(holding)
    // The running one still began before the erasure.
    expect(await advanceBackupsStages()).toBe(0)
    expect((await requestStage(request.id)).erased_backups_at).toBeNull()
    expect(await eventsOf(request.id)).toEqual([])
    expect(await mailTo(request.email)).toEqual([])

    await ownerPool().query(`UPDATE backup SET status = 'failed', finished_at = now() WHERE id = $1`, [running])
    const before = new Date()
    expect(await advanceBackupsStages()).toBe(1)
    const stage = await requestStage(request.id)
    expect(stage.erased_backups_at!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000)
    const [event, ...moreEvents] = await eventsOf(request.id)
    expect(moreEvents).toEqual([])
    expect(event!.public).toBe(true)
    expect(event!.body).toMatch(/Candor’s own records: erased \d+ \w+ \d{4}; gone from Candor’s backups since \d+ \w+ \d{4} \(computed from Candor’s backup catalogue: no remaining backup was taken before the erasure\)/)
    const [mail, ...moreMail] = await mailTo(request.email)
    expect(moreMail).toEqual([])
    expect(mail!.subject).toBe(`${w.workspace.name}: your erasure has reached the backups (${request.reference})`)
    expect(mail!.text).toContain('gone from Candor’s backups since')
    expect(mail!.text).toContain('Follow your request here')
    const audit = await query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_entry WHERE action = 'request.erased_backups' AND target_id = $1`,
      [request.id],
    )
    expect(audit).toHaveLength(1)

    // Once is enough.
    expect(await advanceBackupsStages()).toBe(0)
    expect(await eventsOf(request.id)).toHaveLength(1)
  })
})

describe('erased from backups, for a request whose requester’s details were minimised', () => {
  it('is still marked, with its event, and no e-mail goes anywhere', async () => {
    const w = await makeOwnedWorkspace()
    const request = await erasedRequest(w)
    await erasedDaysAgo(request.id, 3)
    // What retention.purge leaves of a long-closed request: no address.
    await ownerPool().query(`UPDATE privacy_request SET email = '' WHERE id = $1`, [request.id])
    await ownerPool().query(`UPDATE backup SET started_at = $2 WHERE status = 'succeeded' AND started_at < $1`, [daysAgo(3), daysAgo(100)])
    await ageOutBackups()
    await ownerPool().query(`UPDATE backup SET status = 'failed', finished_at = now() WHERE status = 'running'`)
    expect(await advanceBackupsStages()).toBe(1)
    expect((await requestStage(request.id)).erased_backups_at).toBeInstanceOf(Date)
    expect(await eventsOf(request.id)).toHaveLength(1)
    expect(await mailTo('')).toEqual([])
  })
})

describe('erased from backups, for the customer’s systems: declared', () => {
  it('flips when the retention declared for the system has passed, or earlier when a member confirms it', async () => {
    const w = await makeOwnedWorkspace()
    // The declared retention is validated like the workspace's; empty means the workspace's.
    const input = (days: string) => manualSystemInput.safeParse({ name: 'Billing', instructions: 'Delete it.', backupRetentionDays: days })
    expect(input('1000').error?.issues[0]?.message).toBe(
      'Backups must be kept a whole number of days from 1 to 365, or left empty for the workspace’s setting.',
    )
    expect(input(' ').data?.backupRetentionDays).toBeNull()
    expect(input('30').data?.backupRetentionDays).toBe(30)
    // Billing's backups are kept 30 days, as declared; CRM's declare nothing (the workspace's 90).
    await addManualSystem(w.member, { name: 'Billing', instructions: 'Delete the customer in the billing tool.', backupRetentionDays: 30 }, {})
    await addManualSystem(w.member, { name: 'CRM', instructions: 'Delete the contact.' }, {})

    const request = await erasedRequest(w)
    const manual = (await query<{ id: string; name: string }>(
      `SELECT t.id, s.name FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = $1 AND s.kind = 'manual'`,
      [request.id],
    ))
    const billing = manual.find((t) => t.name === 'Billing')!.id
    const crm = manual.find((t) => t.name === 'CRM')!.id
    await completeManualTask(w.member, billing, 'Customer deleted in the billing tool.', {})
    await completeManualTask(w.member, crm, 'Contact deleted.', {})
    const stage = await requestStage(request.id)
    // The estimate: the latest end of Candor's 90 days, Billing's declared 30 and CRM's 90 (the
    // workspace's setting), counted from each erasure; CRM was erased last.
    expect(stage.erased_backups_by!.getTime() - stage.erased_primary_at!.getTime()).toBe(90 * DAY_MS)
    await erasedDaysAgo(request.id, 31)

    // Billing's 30 declared days passed; CRM's 90 have not; a backup of Candor's that began
    // 89 days ago (the test above) still holds Candor's own records.
    const holding = await backupFrom(40)
    expect(await advanceBackupsStages()).toBe(0)
    const tasks = await query<{ id: string; backups_erased_at: Date | null; completed_at: Date; backups_confirmed_by: string | null }>(
      'SELECT id, backups_erased_at, completed_at, backups_confirmed_by FROM request_task WHERE request_id = $1',
      [request.id],
    )
    const billingTask = tasks.find((t) => t.id === billing)!
    expect(billingTask.backups_erased_at!.getTime()).toBe(billingTask.completed_at.getTime() + 30 * DAY_MS)
    expect(tasks.find((t) => t.id === crm)!.backups_erased_at).toBeNull()
    const builtIn = request.tasks.find((t) => t.kind === 'built_in')!.id
    expect(tasks.find((t) => t.id === builtIn)!.backups_erased_at).toBeNull()
    expect((await requestStage(request.id)).erased_backups_at).toBeNull()

    // The request page says which kind each date is, and offers the confirmation for CRM only.
    const page = await requestPageOf(w, request.reference)
    expect(page.status).toBe(200)
    const view = page.body as { erasure: { lines: string[] }; tasks: { id: string; mayConfirmBackups: boolean }[] }
    expect(view.erasure.lines).toEqual([
      expect.stringMatching(/^Candor’s own records: erased .+; older backups expected to age out by .+ \(computed from Candor’s backup catalogue\)$/),
      expect.stringMatching(/^Billing \(manual\): erased .+; the company’s declared 30-day backup retention ended .+ \(declared by the company\)$/),
      expect.stringMatching(/^CRM \(manual\): erased .+; older backups expected to age out by .+ \(declared by the company\)$/),
    ])
    expect(view.tasks.filter((task) => task.mayConfirmBackups).map((task) => task.id)).toEqual([crm])

    // Candor's own records cannot be confirmed by hand; CRM can, before its date, once, with the box ticked.
    await expect(confirmBackupsErased(w.member, builtIn, {})).rejects.toThrow('Candor’s own backups are tracked from its backup catalogue')
    const unticked = await answerOf(await confirmOnPage(w, request.reference, { intent: 'confirm_backups', taskId: crm }))
    expect(unticked.status).toBe(400)
    expect(unticked.body).toMatchObject({ fieldErrors: { confirm: expect.stringMatching(/^Tick “I understand” to confirm: the requester is told/) } })
    const confirmed = await answerOf(await confirmOnPage(w, request.reference, { intent: 'confirm_backups', taskId: crm, confirm: 'yes' }))
    expect(confirmed.status).toBe(302)
    await expect(confirmBackupsErased(w.member, crm, {})).rejects.toThrow('already done')
    // Candor's own backups still hold the person: the request is not erased from backups yet.
    expect((await requestStage(request.id)).erased_backups_at).toBeNull()
    expect(await eventsOf(request.id)).toEqual([])

    // Time passes: every backup that began before the erasure is past the retention.
    await ownerPool().query(`UPDATE backup SET started_at = $2 WHERE status = 'succeeded' AND started_at < $1`, [daysAgo(31), daysAgo(100)])
    expect((await ageOutBackups()).deleted).toContain(holding)
    expect(await advanceBackupsStages()).toBe(1)
    const [event] = await eventsOf(request.id)
    expect(event!.body).toContain('Billing (manual): erased')
    expect(event!.body).toContain('the company’s declared 30-day backup retention ended')
    expect(event!.body).toContain('CRM (manual): erased')
    expect(event!.body).toContain('the company confirmed on')
    expect(event!.body).toContain('(declared by the company)')
    expect(event!.body).toContain('gone from Candor’s backups since')
    expect((await requestStage(request.id)).erased_backups_at).toBeInstanceOf(Date)
    expect(await mailTo(request.email)).toHaveLength(1)
    const audit = await query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_entry WHERE action = 'request.task.backups_confirm' AND target_id = $1`,
      [crm],
    )
    expect(audit).toEqual([{ actor_id: w.owner.id }])
  })
})

describe('the backup.age-out job', () => {
  it('deletes what is past the retention when the worker runs it', async () => {
    const boss = await startQueue({ supervise: false })
    await workQueue(boss, 'backup.age-out', { pollingIntervalSeconds: 0.5 })
    const old = await backupFrom(200)
    await backupFrom(0)
    await boss.send('backup.age-out', {})
    await eventually(async () => (await backupRow(old))?.status === 'deleted', { what: 'the job to delete the old backup' })
    expect(await objectStore().exists(`backups/${old}`)).toBe(false)
  })
})
