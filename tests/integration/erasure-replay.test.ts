// Erasures are not undone by a restore, and a restore works without the catalogue: real
// PostgreSQL, real erasure tasks, a real S3 API (s3rver) as the object store, so this file's
// backups and replay entries are its own. A person erased after the backup is absent from the
// restored database; the replay list names no one; a lost catalogue database still restores the
// latest backup, found in the store.
import { randomBytes, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBackup } from '~/modules/backups/backup.server'
import { backupPrivateKeys, newKeyPair, parsePrivateKey } from '~/modules/backups/backup-keys.server'
import { backupRow } from '~/modules/backups/catalogue.server'
import { replayObjectKey } from '~/modules/backups/erasure-replay-list.server'
import { restoreBackup } from '~/modules/backups/restore.server'
import { backupToRestore } from '~/modules/backups/stored-backups.server'
import { sha256Hex } from '~/modules/crypto/sha256'
import { ownerPool } from '~/modules/db/owner.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { subscribe } from '~/modules/trust/subprocessor-subscribers.server'
import { rowsAt, scratchDatabases } from '../support/database-url'
import { makeWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'
import { startS3StandIn } from '../support/s3-stand-in'
import { addEmailsTo } from '../support/subject-records'

// Before anything reads the environment: this file's object store is its own bucket.
const s3 = await startS3StandIn('candor-erasure-replay')
Object.assign(process.env, s3.env)

const emptyDatabase = scratchDatabases()

beforeAll(() => startQueue({ supervise: false }))
afterAll(async () => {
  await stopQueue({ graceMs: 0 })
  await s3.stop()
})

/** Carry out a request's erasure task in the built-in data system, as the dsar.task job does. */
async function eraseNow(workspaceId: string, requestId: string): Promise<string> {
  const { rows } = await ownerPool().query('SELECT id FROM request_task WHERE request_id = $1', [requestId])
  await runTask({ workspaceId, taskId: rows[0].id })
  return rows[0].id
}

/** The tables of the database at `url` whose rows mention `text` anywhere, with how many. */
async function tablesMentioning(url: string, text: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT quote_ident(relname) AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
    )
    const found: Record<string, number> = {}
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name} t WHERE strpos(t::text, $1) > 0`, [text])
      if (rows[0]!.n > 0) found[name] = rows[0]!.n
    }
    return found
  } finally {
    await client.end()
  }
}

describe('a restore from a backup taken before an erasure', () => {
  it('erases the person again before the data can be used: their e-mail appears nowhere in the restored database', async () => {
    expect(objectStore().location).toMatch(/^s3:\/\/candor-erasure-replay/)
    const { workspace } = await makeWorkspace()
    const noor = `noor_${randomUUID().slice(0, 8)}@customer.example`
    const sam = `sam_${randomUUID().slice(0, 8)}@customer.example`
    const ada = `ada_${randomUUID().slice(0, 8)}@customer.example`

    // Before the backup. Noor: an earlier request (answered), e-mails, a subscription to notices.
    const earlier = await receivedRequest(workspace.id, { type: 'access', email: noor })
    await ownerPool().query(`UPDATE privacy_request SET state = 'completed', completed_at = now() WHERE id = $1`, [earlier.id])
    await addEmailsTo(workspace.id, noor, 3)
    await subscribe(workspace.slug, noor, { ip: randomUUID(), publicOrigin: 'https://trust.example' })
    // Sam asked for erasure before the backup; it is carried out only after it.
    const samRequest = await receivedRequest(workspace.id, { type: 'erasure', email: sam })
    await addEmailsTo(workspace.id, sam, 2)
    // Ada was erased before the backup: the backup already holds her erasure.
    const adaRequest = await receivedRequest(workspace.id, { type: 'erasure', email: ada })
    const adaTask = await eraseNow(workspace.id, adaRequest.id)
    // The e-mails so far were delivered (by the e-mail job, which does not run here); an erasure
    // keeps only those still waiting to be sent.
    await ownerPool().query(`UPDATE email_message SET status = 'outbox' WHERE status = 'queued' AND workspace_id = $1`, [workspace.id])

    const backup = await runBackup()

    // After the backup: Noor asks for erasure, and both erasures are carried out.
    const noorRequest = await receivedRequest(workspace.id, { type: 'erasure', email: noor })
    const noorTask = await eraseNow(workspace.id, noorRequest.id)
    const samTask = await eraseNow(workspace.id, samRequest.id)
    // Live, only her erasure request and its own e-mails (still to be delivered) name her.
    expect(Object.keys(await tablesMentioning(process.env.DATABASE_URL!, noor)).sort()).toEqual(['email_message', 'privacy_request'])

    // The replay list: a row and an object per erasure, naming no one.
    const { rows: entries } = await ownerPool().query(
      'SELECT id, request_id, key_version, subject_hashes, receipt FROM erasure_replay WHERE workspace_id = $1 ORDER BY erased_at',
      [workspace.id],
    )
    expect(entries.map((e) => e.id)).toEqual([adaTask, noorTask, samTask])
    expect(entries[1]).toMatchObject({ request_id: noorRequest.id, key_version: expect.stringMatching(/^v1:[0-9a-f]{16}$/) })
    expect(entries[1].receipt).toContainEqual({ what: 'E-mails sent to you', count: expect.any(Number) })
    for (const entry of entries) {
      const object = (await buffer(await objectStore().get(replayObjectKey(workspace.id, entry.id)))).toString()
      expect(JSON.parse(object)).toMatchObject({ id: entry.id, subjectHashes: entry.subject_hashes, receipt: entry.receipt })
      for (const email of [noor, sam, ada]) {
        for (const text of [object, JSON.stringify(entry)]) {
          expect(text).not.toContain(email)
          expect(text).not.toContain(email.split('@')[0])
          // Keyed: not the plain digest anyone could compute from a guessed address.
          expect(text).not.toContain(sha256Hex(email))
        }
      }
    }

    const into = await emptyDatabase()
    const summary = await restoreBackup((await backupRow(backup.id))!, into, await backupPrivateKeys())
    expect(summary.erasures).toEqual({ listed: 3, inBackup: 1, reapplied: 2, subjectsFound: 2, tasksCompleted: 1 })
    expect(summary.chainsIntact).toBe(true)

    // Noor's request was filed after the backup; what the backup held of her is gone.
    expect(await tablesMentioning(into, noor)).toEqual({})
    expect(await tablesMentioning(into, noor.split('@')[0]!)).toEqual({})
    // Sam's request is in the backup: kept (the proof it was answered), its task done, erased.
    expect(await tablesMentioning(into, sam)).toEqual({ privacy_request: 1 })
    const [samRestored] = await rowsAt(
      into,
      `SELECT r.erased_primary_at IS NOT NULL AS erased, t.state, t.receipt IS NOT NULL AS receipt
         FROM privacy_request r JOIN request_task t ON t.request_id = r.id WHERE r.id = '${samRequest.id}'`,
    )
    expect(samRestored).toEqual({ erased: true, state: 'done', receipt: true })
    // The restored list is whole again, and each re-applied erasure is in the workspace's audit log.
    expect((await rowsAt(into, `SELECT id FROM erasure_replay ORDER BY erased_at`)).map((r) => r.id)).toEqual([adaTask, noorTask, samTask])
    const replayed = await rowsAt(
      into,
      `SELECT target_id, actor_id FROM audit_entry WHERE action = 'request.erasure.replay' ORDER BY seq`,
    )
    expect(replayed).toEqual([
      { target_id: noorRequest.id, actor_id: 'backup.restore' },
      { target_id: samRequest.id, actor_id: 'backup.restore' },
    ])
    // The restored database is as the application expects it: forced row-level security.
    const [forced] = await rowsAt(into, `SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'erasure_replay'`)
    expect(forced).toEqual({ forced: true })
  })
})

describe('a replay entry the restore cannot apply', () => {
  it('refuses the whole restore, naming the KEK it needs, and leaves the database empty for another try', async () => {
    const { workspace } = await makeWorkspace()
    const backup = await runBackup()
    const unknownKek = randomBytes(8).toString('hex')
    const id = randomUUID()
    const entry = {
      format: 1,
      id,
      workspaceId: workspace.id,
      requestId: randomUUID(),
      erasedAt: new Date().toISOString(),
      keyVersion: `v1:${unknownKek}`,
      subjectHashes: [randomBytes(32).toString('hex')],
      receipt: [],
    }
    await objectStore().put(replayObjectKey(workspace.id, id), Readable.from([Buffer.from(JSON.stringify(entry))]))
    try {
      const into = await emptyDatabase()
      await expect(restoreBackup((await backupRow(backup.id))!, into, await backupPrivateKeys())).rejects.toThrow(
        new RegExp(`^Backup ${backup.id} was not restored: erasure replay entries were hashed under the KEK ${unknownKek}, which is neither CANDOR_KEK`),
      )
      expect(await rowsAt(into, 'SELECT count(*)::int AS n FROM workspace')).toEqual([{ n: 0 }])
    } finally {
      await objectStore().delete(replayObjectKey(workspace.id, id))
    }
  })
})

describe('a restore without the catalogue', () => {
  it('finds the latest backup in the object store when the catalogue database is gone, and restores it', async () => {
    const { workspace } = await makeWorkspace()
    const older = await runBackup()
    const latest = await runBackup()
    const keys = await backupPrivateKeys()

    const gone = new pg.Pool({ connectionString: 'postgres://candor@127.0.0.1:1/gone', connectionTimeoutMillis: 2000 })
    gone.on('error', () => {})
    const chosen = await backupToRestore('latest', keys, gone)
    await gone.end()
    expect(chosen).toMatchObject({
      from: 'store',
      catalogueProblem: expect.stringMatching(/^could not be read: .*ECONNREFUSED/),
      backup: { id: latest.id, objectKey: latest.objectKey, keyId: latest.keyId, schemaVersion: latest.schemaVersion, sha256: null, rowCounts: null },
    })

    const into = await emptyDatabase()
    const summary = await restoreBackup(chosen.backup, into, keys)
    // Without the catalogue, the counts are checked against the backup's own frames; they are the catalogue's.
    expect(summary.rowCounts).toEqual((await backupRow(latest.id))!.rowCounts)
    expect(summary.chainsIntact).toBe(true)
    expect(await rowsAt(into, `SELECT id FROM workspace WHERE id = '${workspace.id}'`)).toEqual([{ id: workspace.id }])

    // An empty database as the catalogue (a new one, before the restore): an older backup by id.
    const blank = new pg.Pool({ connectionString: await emptyDatabase() })
    const byId = await backupToRestore(older.id, keys, blank)
    await blank.end()
    expect(byId).toMatchObject({ from: 'store', catalogueProblem: expect.stringContaining('"backup" does not exist'), backup: { id: older.id } })

    // With the catalogue there, it is used.
    expect(await backupToRestore('latest', keys)).toMatchObject({ from: 'catalogue', backup: { id: latest.id, sha256: latest.sha256 } })
    // Without the right private key, the store's backup cannot be read, and says which key it needs.
    const other = parsePrivateKey(newKeyPair().privateText)
    const unreachable = new pg.Pool({ connectionString: 'postgres://candor@127.0.0.1:1/gone', connectionTimeoutMillis: 2000 })
    unreachable.on('error', () => {})
    await expect(backupToRestore(latest.id, [other], unreachable)).rejects.toThrow(
      `Backup ${latest.id} in ${objectStore().location} cannot be read: It was encrypted to backup key ${latest.keyId}`,
    )
    await unreachable.end()
  })
})
