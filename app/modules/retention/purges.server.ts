// What retention.purge removes, one step per kind, in this order (decision 023). Each step is
// idempotent: it selects only what is still due, so a second run finds nothing, and a run cut
// short leaves whole batches done and the rest for the next run.
import { recordAuditAsOwner } from '~/modules/audit/record.server'
import { IDLE_TIMEOUT_MS } from '~/modules/auth/sessions.server'
import { BEARER_TOKEN_SQL, redactedMessage } from '~/modules/email/bearer-tokens'
import { objectStore } from '~/modules/storage/object-store.server'
import type { PurgeContext } from './purge-run.server'
import {
  DELETED_WORKSPACE_KEPT_DAYS,
  EMAIL_BODY_KEPT_DAYS,
  EMAIL_BODY_REMOVED,
  EMAIL_LINKS_KEPT_MS,
  NOTIFICATION_LEDGER_KEPT_DAYS,
  ORPHAN_UPLOAD_AGE_MS,
  PURGE_BATCH_REQUESTS,
  PURGE_BATCH_ROWS,
  WEBHOOK_DELIVERY_KEPT_DAYS,
  daysBefore,
} from './retention-policy'

const SYSTEM = { type: 'system', reason: 'retention.purge' } as const

/** Expired, idle-expired and revoked sessions: none can be used again. */
async function purgeSessions({ client, now, inBatches }: PurgeContext): Promise<void> {
  const idleSince = new Date(now.getTime() - IDLE_TIMEOUT_MS)
  await inBatches('sessions', PURGE_BATCH_ROWS, async () => {
    const { rowCount } = await client.query(
      `DELETE FROM session WHERE id IN (
         SELECT id FROM session WHERE expires_at < $1 OR last_seen_at < $2 OR revoked_at IS NOT NULL LIMIT $3)`,
      [now, idleSince, PURGE_BATCH_ROWS],
    )
    return rowCount ?? 0
  })
}

/**
 * Messages delivered to the development outbox, or failed, keep their links a day; messages sent
 * through the provider lost them on delivery (email/delivery.server.ts), and rows stored before
 * that rule lose them here. A queued message keeps them: it has yet to be sent.
 */
async function redactEmailLinks({ client, now, inBatches }: PurgeContext): Promise<void> {
  const before = new Date(now.getTime() - EMAIL_LINKS_KEPT_MS)
  // Walked in id order, so a row the pattern finds and the redaction leaves alone is passed once.
  let after = '00000000-0000-0000-0000-000000000000'
  await inBatches('emailLinksRedacted', PURGE_BATCH_ROWS, async () => {
    const { rows } = await client.query<{ id: string; text: string; html: string | null; headers: unknown }>(
      `SELECT id, text, html, headers FROM email_message
        WHERE status <> 'queued' AND created_at < $1 AND id > $4
          AND (text ~ $2 OR html ~ $2 OR headers::text ~ $2)
        ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [before, BEARER_TOKEN_SQL, PURGE_BATCH_ROWS, after],
    )
    after = rows.at(-1)?.id ?? after
    const redacted = rows.map(redactedMessage)
    // One statement per batch, not one per message.
    await client.query(
      `UPDATE email_message m SET text = v.text, html = v.html, headers = v.headers::jsonb
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v (id, text, html, headers)
        WHERE m.id = v.id`,
      [
        rows.map((row) => row.id),
        redacted.map((r) => r.text),
        redacted.map((r) => r.html),
        redacted.map((r) => (r.headers === null ? null : JSON.stringify(r.headers))),
      ],
    )
    return rows.length
  })
}

/** After 30 days a stored e-mail keeps who it went to, its subject and its dates; not its body. */
async function removeOldEmailBodies({ client, now, inBatches }: PurgeContext): Promise<void> {
  await inBatches('emailBodiesRemoved', PURGE_BATCH_ROWS, async () => {
    const { rowCount } = await client.query(
      `UPDATE email_message SET text = $1, html = NULL, headers = NULL WHERE id IN (
         SELECT id FROM email_message WHERE status <> 'queued' AND created_at < $2 AND text <> $1 LIMIT $3)`,
      [EMAIL_BODY_REMOVED, daysBefore(now, EMAIL_BODY_KEPT_DAYS), PURGE_BATCH_ROWS],
    )
    return rowCount ?? 0
  })
}

/** A delivery's payload copies the subject's name and e-mail: kept 30 days, then deleted. */
async function purgeWebhookDeliveries({ client, now, inBatches }: PurgeContext): Promise<void> {
  await inBatches('webhookDeliveries', PURGE_BATCH_ROWS, async () => {
    const { rowCount } = await client.query(
      `DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM webhook_delivery WHERE created_at < $1 LIMIT $2)`,
      [daysBefore(now, WEBHOOK_DELIVERY_KEPT_DAYS), PURGE_BATCH_ROWS],
    )
    return rowCount ?? 0
  })
}

/** Digests sent and reminders sent, once past NOTIFICATION_LEDGER_KEPT_DAYS (by send and by deadline). */
async function purgeNotificationLedgers({ client, now, inBatches }: PurgeContext): Promise<void> {
  const before = daysBefore(now, NOTIFICATION_LEDGER_KEPT_DAYS)
  await inBatches('notificationLedgers', PURGE_BATCH_ROWS, async () => {
    const digests = await client.query(
      `DELETE FROM digest_sent WHERE id IN (SELECT id FROM digest_sent WHERE sent_at < $1 LIMIT $2)`,
      [before, PURGE_BATCH_ROWS],
    )
    const reminders = await client.query(
      `DELETE FROM reminder_sent WHERE id IN (SELECT id FROM reminder_sent WHERE sent_at < $1 AND deadline < $1 LIMIT $2)`,
      [before, PURGE_BATCH_ROWS],
    )
    return (digests.rowCount ?? 0) + (reminders.rowCount ?? 0)
  })
}

// Where a request's, a task's and a document's objects are named (each row's `object` or the
// task's artifact), for one workspace and a list of candidate keys.
const REFERENCED_KEYS = `
  SELECT object->>'key' AS key FROM trust_document WHERE workspace_id = $1 AND object->>'key' = ANY($2)
  UNION SELECT object->>'key' FROM requester_attachment WHERE workspace_id = $1 AND object->>'key' = ANY($2)
  UNION SELECT item->'object'->>'key' FROM request_task t,
    jsonb_array_elements(CASE WHEN jsonb_typeof(t.artifact->'files') = 'array' THEN t.artifact->'files' ELSE '[]' END
      || CASE WHEN jsonb_typeof(t.artifact->'collections') = 'array' THEN t.artifact->'collections' ELSE '[]' END) item
   WHERE t.workspace_id = $1 AND item->'object'->>'key' = ANY($2)`

/** The object store's prefixes that uploads and task collections use, per workspace (exports: dsar.expire). */
const UPLOAD_PREFIXES = ['documents/', 'requester-attachments/', 'tasks/'] as const

/**
 * Objects stored under an upload prefix that no row names, untouched for a day: an upload (or a
 * task's collection) stored and then never saved, because the process or the database failed in between.
 */
async function deleteOrphanUploads({ client, now, count }: PurgeContext): Promise<void> {
  const { rows: workspaces } = await client.query<{ id: string }>('SELECT id FROM workspace WHERE deleted_at IS NULL ORDER BY id')
  for (const { id } of workspaces) {
    const idle: string[] = []
    for (const prefix of UPLOAD_PREFIXES) {
      for await (const object of objectStore().list(`workspaces/${id}/${prefix}`)) {
        if (now.getTime() - object.writtenAt.getTime() >= ORPHAN_UPLOAD_AGE_MS) idle.push(object.key)
      }
    }
    for (let i = 0; i < idle.length; i += PURGE_BATCH_ROWS) {
      const keys = idle.slice(i, i + PURGE_BATCH_ROWS)
      const { rows } = await client.query<{ key: string }>(REFERENCED_KEYS, [id, keys])
      const referenced = new Set(rows.map((row) => row.key))
      const orphans = keys.filter((key) => !referenced.has(key))
      for (const key of orphans) await objectStore().delete(key)
      await count('orphanUploads', orphans.length)
    }
  }
}

/**
 * A closed request past its workspace's retention keeps a record for accountability (reference,
 * type, law, dates, outcome, the tasks' states and erasure receipts) and loses everything that
 * identifies or describes the person: name, e-mail, details, agent, the timeline's message
 * bodies, attachments, export, codes, read markers, webhook payloads and the e-mails sent to them. Its objects go first;
 * then one transaction per batch changes the rows, with an entry in each workspace's audit log.
 */
async function minimiseClosedRequests({ client, now, inBatches }: PurgeContext): Promise<void> {
  await inBatches('closedRequestsMinimised', PURGE_BATCH_REQUESTS, async () => {
    const { rows } = await client.query<{ id: string; workspace_id: string; reference: string }>(
      `SELECT r.id, r.workspace_id, r.reference FROM privacy_request r JOIN workspace w ON w.id = r.workspace_id
        WHERE r.minimised_at IS NULL AND r.state IN ('completed', 'rejected', 'duplicate') AND w.deleted_at IS NULL
          AND coalesce(r.completed_at, r.rejected_at, r.updated_at) < $1::timestamptz - make_interval(months => w.closed_request_retention_months)
        ORDER BY r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
      [now, PURGE_BATCH_REQUESTS],
    )
    if (rows.length === 0) return 0
    const ids = rows.map((row) => row.id)
    const { rows: objects } = await client.query<{ key: string }>(
      `SELECT object->>'key' AS key FROM requester_attachment WHERE request_id = ANY($1)
       UNION SELECT object->>'key' FROM request_export WHERE request_id = ANY($1) AND object ? 'key'
       UNION SELECT item->'object'->>'key' FROM request_task t,
         jsonb_array_elements(CASE WHEN jsonb_typeof(t.artifact->'files') = 'array' THEN t.artifact->'files' ELSE '[]' END
           || CASE WHEN jsonb_typeof(t.artifact->'collections') = 'array' THEN t.artifact->'collections' ELSE '[]' END) item
        WHERE t.request_id = ANY($1)`,
      [ids],
    )
    // Deleting an object twice is fine: a run killed after this still finds the request due.
    for (const { key } of objects) if (key) await objectStore().delete(key)
    for (const table of ['requester_attachment', 'request_export', 'requester_code', 'request_read', 'webhook_delivery']) {
      await client.query(`DELETE FROM ${table} WHERE request_id = ANY($1)`, [ids])
    }
    // The e-mails Candor sent the requester name them too, unless another request of theirs in
    // the workspace is still kept whole (its e-mails cannot be told apart by address).
    await client.query(
      `DELETE FROM email_message m USING privacy_request r
        WHERE r.id = ANY($1) AND m.workspace_id = r.workspace_id AND m."to" = r.email
          AND NOT EXISTS (SELECT 1 FROM privacy_request o WHERE o.workspace_id = r.workspace_id AND o.email = r.email
                           AND o.minimised_at IS NULL AND NOT (o.id = ANY($1)))`,
      [ids],
    )
    await client.query('UPDATE request_event SET body = NULL WHERE request_id = ANY($1) AND body IS NOT NULL', [ids])
    await client.query(`UPDATE request_task SET artifact = NULL, note = NULL, last_error = NULL WHERE request_id = ANY($1)`, [ids])
    await client.query(
      `UPDATE privacy_request SET subject_name = '', email = '', details = '', agent_name = NULL,
              agent_authority = NULL, time_zone = NULL, extension_reason = NULL, rejection_reason = NULL,
              attention_reason = NULL, minimised_at = $2
        WHERE id = ANY($1)`,
      [ids, now],
    )
    for (const row of rows) {
      await recordAuditAsOwner(client, { workspaceId: row.workspace_id, actor: SYSTEM }, {
        action: 'request.minimise',
        target: { type: 'privacy_request', id: row.id },
        after: { reference: row.reference, minimisedAt: now.toISOString() },
      })
    }
    return rows.length
  })
}

// The big tables of a workspace, emptied in batches before the workspace row's own delete
// cascades over the rest; each before what it refers to with RESTRICT or NO ACTION.
const WORKSPACE_BATCH_TABLES = [
  { table: 'webhook_delivery', order: 'id' },
  { table: 'email_message', order: 'id' },
  { table: 'request_task', order: 'id' },
  // A duplicate refers to the request it repeats: duplicates first.
  { table: 'privacy_request', order: '(duplicate_of_id IS NULL), id' },
  { table: 'dpa_signature', order: 'id' },
  { table: 'trust_document_request', order: 'id' },
] as const

/**
 * Workspaces deleted 30 days ago: their objects, then their rows in batches, then in one
 * transaction their data keys (crypto-shredding: what a backup still holds of them can no longer
 * be decrypted once the KEK-wrapped keys are gone from every backup too), the workspace row with
 * everything that cascades from it, and a last entry in their audit log, which stays (decision 023).
 */
async function purgeDeletedWorkspaces({ client, now, untilDone, once, count }: PurgeContext): Promise<void> {
  const { rows: workspaces } = await client.query<{ id: string; slug: string; deleted_at: Date }>(
    'SELECT id, slug, deleted_at FROM workspace WHERE deleted_at < $1 ORDER BY deleted_at',
    [daysBefore(now, DELETED_WORKSPACE_KEPT_DAYS)],
  )
  for (const workspace of workspaces) {
    let objects = 0
    for await (const object of objectStore().list(`workspaces/${workspace.id}/`)) {
      await objectStore().delete(object.key)
      objects++
    }
    await count('deletedWorkspaceObjects', objects)
    for (const { table, order } of WORKSPACE_BATCH_TABLES) {
      await untilDone(PURGE_BATCH_ROWS, async () => {
        const { rowCount } = await client.query(
          `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE workspace_id = $1 ORDER BY ${order} LIMIT $2)`,
          [workspace.id, PURGE_BATCH_ROWS],
        )
        return rowCount ?? 0
      })
    }
    await once('deletedWorkspaces', async () => {
      const { rowCount: keys } = await client.query('DELETE FROM workspace_key WHERE workspace_id = $1', [workspace.id])
      await client.query('DELETE FROM audit_verification WHERE workspace_id = $1', [workspace.id])
      const { rowCount } = await client.query('DELETE FROM workspace WHERE id = $1 AND deleted_at IS NOT NULL', [workspace.id])
      if (!rowCount) return 0
      await recordAuditAsOwner(client, { workspaceId: workspace.id, actor: SYSTEM }, {
        action: 'workspace.purge',
        target: { type: 'workspace', id: workspace.id },
        before: { slug: workspace.slug, deletedAt: workspace.deleted_at.toISOString() },
        after: { dataKeysDestroyed: keys ?? 0, objectsDeleted: objects },
      })
      return 1
    })
  }
}

/** The steps, in order: the cheap ones first, then those that reach the object store. */
export const PURGES: readonly ((context: PurgeContext) => Promise<void>)[] = [
  purgeSessions,
  redactEmailLinks,
  removeOldEmailBodies,
  purgeWebhookDeliveries,
  purgeNotificationLedgers,
  minimiseClosedRequests,
  deleteOrphanUploads,
  purgeDeletedWorkspaces,
]
