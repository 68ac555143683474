// Erasures are not undone by a restore (decision 021). Inside the restore's transaction, after
// the data is loaded and checked and before anything can read it, every entry of the erasure
// replay list (read from the object store, which outlives the database, for each restored
// workspace) that the restored database does not hold is applied again: the subject is found among the restored rows by the
// keyed hashes of their e-mail, and the built-in erasure runs for them as it ran the first time,
// as candor_app for that one workspace. A request the backup holds gets its erasure task done.
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { recordAudit } from '~/modules/audit/record.server'
import { type SubjectHasher, subjectHasherOf } from '~/modules/crypto/subject-hash.server'
import { APP_ROLE } from '~/modules/db/client.server'
import type { Tx } from '~/modules/db/tenant.server'
import { SUBJECT_EMAIL_COLUMNS, builtInConnector } from '~/modules/dsar/connectors/built-in.server'
import type { ErasureReceipt } from '~/modules/dsar/connectors/connector'
import { completeTask } from '~/modules/dsar/tasks.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { type ReplayEntry, insertReplayRow, readReplayEntry, replayIdOf, replayPrefix } from './erasure-replay-list.server'
import { quoteName } from './schema-shape.server'

export type ReplaySummary = {
  /** Entries in the object store's list, of the workspaces the backup holds. */
  listed: number
  /** Entries the restored database already holds: the backup was taken after those erasures. */
  inBackup: number
  /** Entries applied again to the restored database. */
  reapplied: number
  /** Of those, the ones whose subject had rows in the backup (the others found nothing to erase). */
  subjectsFound: number
  /** Erasure tasks of requests in the backup marked done by the replay. */
  tasksCompleted: number
}

const ACTOR = { type: 'system', reason: 'backup.restore' } as const
const PAGE = 5000

/**
 * Apply again, in `db`'s open transaction, every listed erasure the restored data lacks. Only the
 * workspaces the backup holds are looked at: a workspace created after it has nothing to erase.
 */
export async function replayErasures(db: pg.Client, backupId: string): Promise<ReplaySummary> {
  const summary: ReplaySummary = { listed: 0, inBackup: 0, reapplied: 0, subjectsFound: 0, tasksCompleted: 0 }
  const held = await replayIdsHeld(db)
  const { rows: workspaces } = await db.query<{ id: string }>('SELECT id FROM workspace ORDER BY id')
  const tx = prismaOn(db)
  try {
    for (const { id: workspaceId } of workspaces) {
      const pending: ReplayEntry[] = []
      for await (const object of objectStore().list(replayPrefix(workspaceId))) {
        const id = replayIdOf(object.key)
        if (!id) continue
        summary.listed++
        if (held.has(id)) summary.inBackup++
        else pending.push(await readReplayEntry(object.key))
      }
      if (pending.length === 0) continue
      // As the application works: candor_app, row-level security on, one workspace.
      await db.query(`SET LOCAL ROLE ${APP_ROLE}`)
      await db.query(`SELECT set_config('app.workspace_id', $1, true)`, [workspaceId])
      const subjects = await subjectsOf(db, pending)
      for (const entry of pending.sort((a, b) => a.erasedAt.localeCompare(b.erasedAt))) {
        const outcome = await replayOne(tx, workspaceId, entry, subjects.get(entry.id) ?? new Set(), backupId)
        summary.reapplied++
        if (outcome.subjectFound) summary.subjectsFound++
        if (outcome.taskCompleted) summary.tasksCompleted++
      }
      await db.query(`SELECT set_config('app.workspace_id', '', true)`)
      await db.query('RESET ROLE')
    }
  } finally {
    await tx.$disconnect()
  }
  return summary
}

async function replayOne(tx: Tx, workspaceId: string, entry: ReplayEntry, emails: Set<string>, backupId: string) {
  const task = await tx.requestTask.findUnique({ where: { id: entry.id }, include: { request: true, dataSystem: true } })
  const open = task && task.state !== 'done' ? task : undefined
  if (open) emails.add(open.request.email)
  const ctx = { tx, workspaceId, systemName: task?.dataSystem.name ?? 'Candor' }
  const receipts: ErasureReceipt[] = []
  for (const email of emails) {
    receipts.push(await builtInConnector.erase(ctx, { requestId: entry.requestId, email, name: open?.request.subjectName ?? '' }))
  }
  const receipt = receipts.length ? receipts.reduce(sumReceipts) : undefined
  if (open && receipt) await completeTask(tx, { workspaceId, actor: ACTOR }, open, { receipt })
  await insertReplayRow(tx, entry)
  await recordAudit(tx, { workspaceId, actor: ACTOR }, {
    action: 'request.erasure.replay',
    target: { type: 'privacy_request', id: entry.requestId },
    after: {
      backupId,
      erasedAt: entry.erasedAt,
      subjectFound: emails.size > 0,
      erased: (receipt?.items ?? []).map(({ what, count }) => ({ what, count })),
    },
  })
  return { subjectFound: emails.size > 0, taskCompleted: Boolean(open) }
}

const sumReceipts = (a: ErasureReceipt, b: ErasureReceipt): ErasureReceipt => ({
  ...b,
  items: b.items.map((item, index) => ({ what: item.what, count: item.count + (a.items[index]?.count ?? 0) })),
})

/** The ids of the entries the restored database holds (none when its schema predates the list). */
async function replayIdsHeld(db: pg.Client): Promise<Set<string>> {
  const { rows: table } = await db.query<{ exists: boolean }>(`SELECT to_regclass('public.erasure_replay') IS NOT NULL AS exists`)
  if (!table[0]!.exists) return new Set()
  const { rows } = await db.query<{ id: string }>('SELECT id FROM erasure_replay')
  return new Set(rows.map((r) => r.id))
}

/**
 * Each entry's subject, as the e-mails stored in this workspace whose keyed hash the entry
 * holds. Every stored address is hashed once, a page at a time: memory stays flat.
 */
async function subjectsOf(db: pg.Client, entries: ReplayEntry[]): Promise<Map<string, Set<string>>> {
  const hashers = new Map<string, SubjectHasher>()
  for (const entry of entries) if (!hashers.has(entry.keyVersion)) hashers.set(entry.keyVersion, await subjectHasherOf(entry.keyVersion))
  const wanted = new Map<string, string[]>()
  for (const entry of entries) {
    for (const hash of entry.subjectHashes) wanted.set(`${entry.keyVersion}:${hash}`, [...(wanted.get(`${entry.keyVersion}:${hash}`) ?? []), entry.id])
  }
  const found = new Map<string, Set<string>>()
  for (const { table, column } of SUBJECT_EMAIL_COLUMNS) {
    let after = ''
    for (;;) {
      const { rows } = await db.query<{ email: string }>(
        `SELECT DISTINCT ${quoteName(column)} AS email FROM ${quoteName(table)} WHERE ${quoteName(column)} > $1 ORDER BY 1 LIMIT ${PAGE}`,
        [after],
      )
      for (const { email } of rows) {
        for (const [version, hasher] of hashers) {
          for (const id of wanted.get(`${version}:${hasher.hashEmail(email)}`) ?? []) {
            found.set(id, (found.get(id) ?? new Set()).add(email.toLowerCase()))
          }
        }
      }
      if (rows.length < PAGE) break
      after = rows.at(-1)!.email
    }
  }
  return found
}

/**
 * A Prisma client whose every query runs on `db`, inside the restore's open transaction, so the
 * built-in erasure's own code runs there. It may not open a transaction of its own (that would
 * commit the restore's half-way), so the pool it is given has no connection to hand out.
 */
function prismaOn(db: pg.Client): PrismaClient {
  const pool = new pg.Pool({ max: 1 })
  pool.query = db.query.bind(db) as typeof pool.query
  pool.connect = (() => Promise.reject(new Error('the erasure replay runs inside the restore\'s transaction and opens none of its own.'))) as typeof pool.connect
  return new PrismaClient({ adapter: new PrismaPg(pool) })
}
