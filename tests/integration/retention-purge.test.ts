// retention.purge against real PostgreSQL and the real object store (the local folder): each kind
// is purged once it is due and not before, a second run purges nothing more, every run leaves its
// row and its platform audit entry, and a stored e-mail holds no link that still works.
import { randomBytes, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyWholeChain } from '~/modules/audit/verify.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { deliverEmail } from '~/modules/email/delivery.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { recordRequesterFile, storeRequesterFile } from '~/modules/dsar/requester-attachment.server'
import { addEvent } from '~/modules/dsar/timeline.server'
import { requestView } from '~/modules/dsar/desk/request-view.server'
import { queue, startQueue } from '~/modules/jobs/queue.server'
import { runRetentionPurge } from '~/modules/retention/purge-run.server'
import { EMAIL_BODY_REMOVED, PURGE_KINDS } from '~/modules/retention/retention-policy'
import { objectStore } from '~/modules/storage/object-store.server'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { makeOwnedWorkspace, makeWorkspace } from '../support/factories'
import { fillWorkspace } from '../support/fill-workspace'
import { PNG_BYTES } from '../support/requester-attachments'
import { receivedRequest, requestInputFor } from '../support/requests'
import { startResendStandIn } from '../support/resend-stand-in'

const DAY_MS = 86_400_000
const system = { type: 'system', reason: 'test' } as const
const ago = (days: number) => new Date(Date.now() - days * DAY_MS)
const token = () => randomBytes(32).toString('base64url')
let resend: Awaited<ReturnType<typeof startResendStandIn>>

beforeAll(async () => {
  resend = await startResendStandIn()
  process.env.RESEND_API_KEY = 're_test_1234567890'
  process.env.RESEND_BASE_URL = resend.url
  await startQueue({ supervise: false })
})
afterAll(() => resend.close())

const one = async <T>(sql: string, values: unknown[] = []) => (await ownerPool().query(sql, values)).rows[0] as T
const count = async (sql: string, values: unknown[] = []) => (await one<{ n: number }>(sql, values)).n

async function purge(options: { now?: Date } = {}) {
  return runRetentionPurge({ trigger: 'command' }, options)
}

describe('sessions', () => {
  it('deletes expired, idle and revoked sessions, and keeps a live one', async () => {
    const { owner } = await makeWorkspace()
    const insert = (fields: { expires: Date; lastSeen: Date; revoked?: Date }) =>
      one<{ id: string }>(
        `INSERT INTO session (id, user_id, token_hash, expires_at, last_seen_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [randomUUID(), owner.id, randomUUID(), fields.expires, fields.lastSeen, fields.revoked ?? null],
      ).then((row) => row.id)
    const live = await insert({ expires: new Date(Date.now() + DAY_MS), lastSeen: new Date() })
    const expired = await insert({ expires: ago(0.01), lastSeen: ago(0.02) })
    const idle = await insert({ expires: new Date(Date.now() + DAY_MS), lastSeen: ago(0.6) })
    const revoked = await insert({ expires: new Date(Date.now() + DAY_MS), lastSeen: new Date(), revoked: new Date() })

    const run = await purge()
    expect(run.counts.sessions).toBe(3)
    const left = (await ownerPool().query('SELECT id FROM session WHERE id = ANY($1)', [[live, expired, idle, revoked]])).rows
    expect(left).toEqual([{ id: live }])
  })
})

describe('stored e-mails', () => {
  it('keep no usable link once the provider has them: the stored link is refused, the one the person got works', async () => {
    const { workspace } = await makeWorkspace()
    const input = requestInputFor()
    const filed = await fileRequest(workspace.slug, input, { ip: randomUUID(), portalOrigin: 'https://portal.example' })
    expect(filed.outcome).toBe('filed')
    const message = await one<{ id: string }>(`SELECT id FROM email_message WHERE "to" = $1`, [input.email])
    expect(await deliverEmail({ messageId: message.id, workspaceId: workspace.id })).toBe('sent')

    const stored = await one<{ text: string; html: string | null; status: string }>('SELECT text, html, status FROM email_message WHERE id = $1', [message.id])
    expect(stored.status).toBe('sent')
    const storedLink = /\/p\/[^/]+\/confirm\/(\S+)/.exec(stored.text)
    expect(storedLink?.[1]).toBe('redacted')
    expect(stored.text + (stored.html ?? '')).not.toMatch(/[A-Za-z0-9_-]{43}/)
    expect(await confirmRequest(workspace.slug, { proof: { linkToken: storedLink![1]! } }, {})).toEqual({ outcome: 'none' })

    const sent = resend.received.find((r) => r.body.to === input.email || (Array.isArray(r.body.to) && r.body.to.includes(input.email)))
    const sentToken = /\/p\/[^/]+\/confirm\/([A-Za-z0-9_-]{43})/.exec(String(sent?.body.text))?.[1]
    expect(sentToken).toBeDefined()
    expect(await confirmRequest(workspace.slug, { proof: { linkToken: sentToken! } }, {})).toMatchObject({ outcome: 'confirmed' })
  })

  it('redact outbox and failed messages a day old, never a queued one, and drop bodies after 30 days', async () => {
    const { workspace } = await makeWorkspace()
    const links = { a: token(), b: token(), c: token(), d: token() }
    const insert = (status: string, createdAt: Date, text: string, headers: object | null = null) =>
      one<{ id: string }>(
        `INSERT INTO email_message (id, workspace_id, "to", "from", subject, text, headers, status, created_at)
         VALUES ($1, $2, 'sam@example.com', 'privacy@candor.example', 'Your link', $3, $4, $5, $6) RETURNING id`,
        [randomUUID(), workspace.id, text, headers && JSON.stringify(headers), status, createdAt],
      ).then((row) => row.id)
    const oldOutbox = await insert('outbox', ago(2), `Open https://candor.example/t/acme/documents/${links.a}`, { 'List-Unsubscribe': `<https://candor.example/u/${links.a}>` })
    const freshOutbox = await insert('outbox', ago(0.5), `Open https://candor.example/t/acme/documents/${links.b}`)
    const oldFailed = await insert('failed', ago(3), `Sign the DPA: https://candor.example/t/acme/dpa/signed/${links.c}`)
    const oldQueued = await insert('queued', ago(3), `Waiting: https://candor.example/x/${links.d}`)
    const oldSent = await insert('sent', ago(31), 'Your request is complete.')
    const recentSent = await insert('sent', ago(29), 'Your request is complete.')

    const run = await purge()
    expect(run.counts.emailLinksRedacted).toBe(2)
    expect(run.counts.emailBodiesRemoved).toBe(1)
    const body = (id: string) => one<{ text: string; headers: Record<string, string> | null }>('SELECT text, headers FROM email_message WHERE id = $1', [id])
    expect(await body(oldOutbox)).toEqual({ text: 'Open https://candor.example/t/acme/documents/redacted', headers: { 'List-Unsubscribe': '<https://candor.example/u/redacted>' } })
    expect((await body(freshOutbox)).text).toContain(links.b)
    expect((await body(oldFailed)).text).toBe('Sign the DPA: https://candor.example/t/acme/dpa/signed/redacted')
    expect((await body(oldQueued)).text).toContain(links.d)
    expect((await body(oldSent)).text).toBe(EMAIL_BODY_REMOVED)
    expect((await body(recentSent)).text).toBe('Your request is complete.')
  })
})

describe('webhook deliveries', () => {
  it('are deleted after 30 days, not before', async () => {
    const { workspace } = await makeWorkspace()
    const endpoint = await one<{ id: string }>(
      `INSERT INTO webhook_endpoint (id, workspace_id, url, secret_encrypted, events) VALUES ($1, $2, 'https://hooks.example/c', 'sealed', '{request.received}') RETURNING id`,
      [randomUUID(), workspace.id],
    )
    const delivery = (createdAt: Date) =>
      one<{ id: string }>(
        `INSERT INTO webhook_delivery (id, workspace_id, endpoint_id, event_id, event_type, payload, created_at, delivered_at)
         VALUES ($1, $2, $3, $4, 'request.received', '{"subject": {"email": "sam@example.com"}}', $5, $5) RETURNING id`,
        [randomUUID(), workspace.id, endpoint.id, randomUUID(), createdAt],
      ).then((row) => row.id)
    const old = await delivery(ago(31))
    const recent = await delivery(ago(29))
    const run = await purge()
    expect(run.counts.webhookDeliveries).toBe(1)
    const left = (await ownerPool().query('SELECT id FROM webhook_delivery WHERE id = ANY($1)', [[old, recent]])).rows
    expect(left).toEqual([{ id: recent }])
  })
})

describe('closed privacy requests', () => {
  async function closedRequest(workspaceId: string, closedAt: Date) {
    const request = await receivedRequest(workspaceId, { type: 'access', details: 'Everything about my account, please.' })
    const key = await withTenant({ workspaceId, actor: system }, async (tx) => {
      const row = await tx.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })
      const event = await addEvent(tx, row, { kind: 'subject_message', public: true, body: 'Here is my passport.' })
      const stored = await storeRequesterFile(tx, workspaceId, new File([PNG_BYTES], 'passport.png'))
      await recordRequesterFile(tx, row, event, stored)
      await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'completed', completedAt: closedAt } })
      return stored.object.key
    })
    return { ...request, key }
  }

  it('keep a non-identifying record after the retention period, not before, with an entry in the workspace audit log', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const due = await closedRequest(workspace.id, ago(25 * 31))
    const kept = await closedRequest(workspace.id, ago(23 * 30))
    const open = await receivedRequest(workspace.id)
    await ownerPool().query(`UPDATE privacy_request SET received_at = $2, submitted_at = $2 WHERE id = $1`, [open.id, ago(1000)])

    const mailsTo = (email: string) => count('SELECT count(*)::int AS n FROM email_message WHERE "to" = $1', [email])
    expect(await mailsTo(due.email)).toBeGreaterThan(0)
    expect(await mailsTo(kept.email)).toBeGreaterThan(0)

    const run = await purge()
    expect(run.counts.closedRequestsMinimised).toBe(1)
    expect(await mailsTo(due.email)).toBe(0)
    expect(await mailsTo(kept.email)).toBeGreaterThan(0)
    const row = (id: string) =>
      one<Record<string, unknown>>(
        `SELECT reference, type, state, subject_name, email, details, relationship, agent_name, received_at IS NOT NULL AS received,
                completed_at IS NOT NULL AS completed, minimised_at IS NOT NULL AS minimised,
                (SELECT count(*)::int FROM request_event e WHERE e.request_id = r.id AND e.body IS NOT NULL) AS bodies,
                (SELECT count(*)::int FROM request_event e WHERE e.request_id = r.id) AS events,
                (SELECT count(*)::int FROM requester_attachment a WHERE a.request_id = r.id) AS attachments,
                (SELECT count(*)::int FROM requester_code c WHERE c.request_id = r.id) AS codes
           FROM privacy_request r WHERE id = $1`,
        [id],
      )
    expect(await row(due.id)).toMatchObject({
      reference: due.reference, type: 'access', state: 'completed', subject_name: '', email: '', details: '', relationship: 'customer',
      agent_name: null, received: true, completed: true, minimised: true, bodies: 0, attachments: 0, codes: 0,
    })
    expect((await row(due.id)).events).toBeGreaterThan(0)
    expect(await objectStore().exists(due.key)).toBe(false)
    expect(await row(kept.id)).toMatchObject({ subject_name: kept.subjectName, email: kept.email, minimised: false, attachments: 1 })
    expect(await objectStore().exists(kept.key)).toBe(true)
    expect(await row(open.id)).toMatchObject({ subject_name: open.subjectName, minimised: false })

    const entry = await one<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_entry WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1`,
      [workspace.id],
    )
    expect(entry).toEqual({ action: 'request.minimise', target_id: due.id })
    // The request page says what happened rather than show an empty name.
    const view = await requestView(member, due.id, { templateId: null, done: null })
    expect(view?.request.minimised).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
    expect((await requestView(member, kept.id, { templateId: null, done: null }))?.request.minimised).toBeNull()
    expect(await verifyWholeChain(ownerPool(), workspace.id)).toMatchObject({ ok: true })

    // A shorter retention, set on the privacy settings page, reaches the other one.
    await ownerPool().query('UPDATE workspace SET closed_request_retention_months = 12 WHERE id = $1', [workspace.id])
    expect((await purge()).counts.closedRequestsMinimised).toBe(1)
    expect(await row(kept.id)).toMatchObject({ subject_name: '', minimised: true })
  })
})

describe('uploaded objects with no row', () => {
  it('are deleted once a day old; objects a row names, and young ones, stay', async () => {
    const { workspace } = await makeWorkspace()
    const request = await receivedRequest(workspace.id)
    const [named, orphan] = await withTenant({ workspaceId: workspace.id, actor: system }, async (tx) => {
      const row = await tx.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })
      const event = await addEvent(tx, row, { kind: 'subject_message', public: true, body: 'Attached.' })
      const saved = await storeRequesterFile(tx, workspace.id, new File([PNG_BYTES], 'id.png'))
      await recordRequesterFile(tx, row, event, saved)
      // Stored, then the form failed before its row was written.
      const interrupted = await storeRequesterFile(tx, workspace.id, new File([PNG_BYTES], 'id.png'))
      return [saved.object.key, interrupted.object.key]
    })
    const document = `workspaces/${workspace.id}/documents/${randomUUID()}`
    await objectStore().put(document, Readable.from([Buffer.from('ciphertext')]))

    expect((await purge()).counts.orphanUploads).toBe(0)
    expect(await objectStore().exists(orphan)).toBe(true)

    const later = await purge({ now: new Date(Date.now() + 2 * DAY_MS) })
    expect(later.counts.orphanUploads).toBeGreaterThanOrEqual(2)
    expect(await objectStore().exists(orphan)).toBe(false)
    expect(await objectStore().exists(document)).toBe(false)
    expect(await objectStore().exists(named)).toBe(true)
  })
})

describe('deleted workspaces', () => {
  const tablesWithWorkspace = async () =>
    (
      await ownerPool().query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
      )
    ).rows.map((row) => row.table)

  it('are purged 30 days after deletion: rows, objects and data keys; their audit log stays and verifies', async () => {
    const gone = await fillWorkspace()
    const stays = await fillWorkspace()
    const id = gone.workspace.id
    const objectsOf = async (workspaceId: string) => {
      const keys: string[] = []
      for await (const object of objectStore().list(`workspaces/${workspaceId}/`)) keys.push(object.key)
      return keys
    }
    expect(await objectsOf(id)).not.toEqual([])
    // Its erasure replay entry (decision 021) is among them: it goes with the workspace.
    expect(await objectsOf(id)).toContainEqual(expect.stringMatching(new RegExp(`^workspaces/${id}/erasure-replay/[0-9a-f-]{36}\\.json$`)))
    await ownerPool().query('UPDATE workspace SET deleted_at = $2 WHERE id = $1', [id, ago(29)])
    expect((await purge()).counts.deletedWorkspaces).toBe(0)
    expect(await count('SELECT count(*)::int AS n FROM workspace_key WHERE workspace_id = $1', [id])).toBe(1)

    await ownerPool().query('UPDATE workspace SET deleted_at = $2 WHERE id = $1', [id, ago(31)])
    const run = await purge()
    expect(run.counts.deletedWorkspaces).toBe(1)
    expect(run.counts.deletedWorkspaceObjects).toBeGreaterThan(0)
    expect(await count('SELECT count(*)::int AS n FROM workspace WHERE id = $1', [id])).toBe(0)
    expect(await objectsOf(id)).toEqual([])
    const left: Record<string, number> = {}
    for (const table of await tablesWithWorkspace()) {
      const n = await count(`SELECT count(*)::int AS n FROM "${table}" WHERE workspace_id = $1`, [id])
      if (n > 0) left[table] = n
    }
    // Only the append-only audit log remains, with its head and checkpoints (decision 023).
    expect(Object.keys(left).sort()).toEqual(['audit_chain_head', 'audit_checkpoint', 'audit_entry'])
    const last = await one<{ action: string; after: Record<string, number> }>(
      'SELECT action, after FROM audit_entry WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1',
      [id],
    )
    expect(last.action).toBe('workspace.purge')
    expect(last.after.dataKeysDestroyed).toBe(1)
    expect(await verifyWholeChain(ownerPool(), id)).toMatchObject({ ok: true })

    // The other workspace lost nothing.
    expect(await count('SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1', [stays.workspace.id])).toBeGreaterThan(0)
    expect(await objectsOf(stays.workspace.id)).not.toEqual([])
  })
})

describe('every run', () => {
  it('is recorded with its counts and a platform audit entry in one go, and a second run purges nothing more', async () => {
    const later = new Date(Date.now() + 2 * DAY_MS)
    const first = await purge({ now: later })
    const second = await purge({ now: later })
    expect(second.counts).toEqual(Object.fromEntries(PURGE_KINDS.map((kind) => [kind, 0])))
    for (const run of [first, second]) {
      const row = await one<{ status: string; trigger: string; counts: unknown; finished: boolean }>(
        'SELECT status, trigger, counts, finished_at IS NOT NULL AS finished FROM retention_purge_run WHERE id = $1',
        [run.id],
      )
      expect(row).toEqual({ status: 'succeeded', trigger: 'command', counts: run.counts, finished: true })
      const entry = await one<{ actor_type: string; after: Record<string, unknown> }>(
        `SELECT actor_type, after FROM audit_entry WHERE workspace_id IS NULL AND action = 'retention.purge' AND target_id = $1`,
        [run.id],
      )
      expect(entry).toEqual({ actor_type: 'system', after: { status: 'succeeded', trigger: 'command', counts: run.counts } })
    }
    expect(await verifyWholeChain(ownerPool(), null)).toMatchObject({ ok: true })
  })

  it('runs from the queue with the payload the operator console sends, audited as that operator', async () => {
    const { owner } = await makeWorkspace()
    await workQueue(queue(), 'retention.purge', { pollingIntervalSeconds: 0.5 })
    await queue().send('retention.purge', { trigger: 'operator', requestedBy: owner.id })
    const row = await eventually(
      () => one<{ id: string; status: string } | undefined>(`SELECT id, status FROM retention_purge_run WHERE trigger = 'operator' AND status = 'succeeded'`),
      { what: 'an operator run' },
    )
    const entry = await one<{ actor_type: string; actor_id: string }>(
      `SELECT actor_type, actor_id FROM audit_entry WHERE workspace_id IS NULL AND target_id = $1`,
      [row!.id],
    )
    expect(entry).toEqual({ actor_type: 'operator', actor_id: owner.id })
  })
})

describe('notification ledgers', () => {
  it('drop digests and reminders sent more than 400 days ago, and keep reminders whose deadline is more recent', async () => {
    const { workspace, owner } = await makeWorkspace()
    const digest = (sentAt: Date, isoWeek: string) =>
      one<{ id: string }>(
        `INSERT INTO digest_sent (id, workspace_id, user_id, iso_week, time_zone, emailed, sent_at) VALUES ($1, $2, $3, $4, 'UTC', false, $5) RETURNING id`,
        [randomUUID(), workspace.id, owner.id, isoWeek, sentAt],
      ).then((row) => row.id)
    const reminder = (sentAt: Date, deadline: Date) =>
      one<{ id: string }>(
        `INSERT INTO reminder_sent (id, workspace_id, subject_type, subject_id, deadline, step, recipients, sent_at)
         VALUES ($1, $2, 'privacy_request', $3, $4, 'overdue', 1, $5) RETURNING id`,
        [randomUUID(), workspace.id, randomUUID(), deadline, sentAt],
      ).then((row) => row.id)
    const oldDigest = await digest(ago(401), '2025-W44')
    const recentDigest = await digest(ago(399), '2025-W45')
    const oldReminder = await reminder(ago(401), ago(402))
    const oldReminderOfRecentDeadline = await reminder(ago(401), ago(10))
    const recentReminder = await reminder(ago(399), ago(399))

    const run = await purge()
    expect(run.counts.notificationLedgers).toBe(2)
    const left = async (table: string, ids: string[]) =>
      (await ownerPool().query(`SELECT id FROM ${table} WHERE id = ANY($1) ORDER BY id`, [ids])).rows.map((row) => row.id).sort()
    expect(await left('digest_sent', [oldDigest, recentDigest])).toEqual([recentDigest])
    expect(await left('reminder_sent', [oldReminder, oldReminderOfRecentDeadline, recentReminder])).toEqual(
      [oldReminderOfRecentDeadline, recentReminder].sort(),
    )
  })
})
