// The erasure replay list (decision 021): every completed built-in erasure, as a row of
// `erasure_replay` and as a small object in the object store (under the workspace's prefix, so
// purging a deleted workspace takes it too: `workspaces/<id>/erasure-replay/<id>.json`), both
// written in the erasure's own transaction. The object is what a restore reads when the
// database is lost; the row travels inside every later backup and tells a restore that the
// backup already holds the erasure. Neither names the person: keyed hashes and counts only.
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { z } from 'zod'
import { currentSubjectHasher } from '~/modules/crypto/subject-hash.server'
import type { Tx } from '~/modules/db/tenant.server'
import type { ErasureReceipt } from '~/modules/dsar/connectors/connector'
import { objectStore } from '~/modules/storage/object-store.server'

const replayEntry = z.object({
  format: z.literal(1),
  /** The erasure task's id. */
  id: z.uuid(),
  workspaceId: z.uuid(),
  requestId: z.uuid(),
  erasedAt: z.iso.datetime(),
  keyVersion: z.string().regex(/^v1:[0-9a-f]{16}$/),
  subjectHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1),
  receipt: z.array(z.object({ what: z.string(), count: z.number().int().nonnegative() })),
})

export type ReplayEntry = z.infer<typeof replayEntry>

/** Where a workspace's entries are in the object store. */
export const replayPrefix = (workspaceId: string) => `workspaces/${workspaceId}/erasure-replay/`

export const replayObjectKey = (workspaceId: string, id: string) => `${replayPrefix(workspaceId)}${id}.json`

/** The entry's id, read from its object key; undefined for anything else. */
export const replayIdOf = (key: string) => /^workspaces\/[0-9a-f-]{36}\/erasure-replay\/([0-9a-f-]{36})\.json$/.exec(key)?.[1]

/**
 * Record a built-in erasure that has just run in `tx` (the erasure task's transaction). The
 * object is written before the transaction commits: a crash after the commit must not lose the
 * entry; an entry whose transaction then rolls back names an erasure that was under way, and the
 * task's retry writes it again under the same key.
 */
export async function recordErasureReplay(
  tx: Tx,
  erasure: { taskId: string; workspaceId: string; requestId: string; email: string; receipt: ErasureReceipt },
): Promise<void> {
  const hasher = await currentSubjectHasher()
  const entry: ReplayEntry = {
    format: 1,
    id: erasure.taskId,
    workspaceId: erasure.workspaceId,
    requestId: erasure.requestId,
    erasedAt: erasure.receipt.erasedAt,
    keyVersion: hasher.version,
    subjectHashes: [hasher.hashEmail(erasure.email)],
    receipt: erasure.receipt.items.map(({ what, count }) => ({ what, count })),
  }
  await objectStore().put(replayObjectKey(entry.workspaceId, entry.id), Readable.from([Buffer.from(JSON.stringify(entry))]))
  await insertReplayRow(tx, entry)
}

/** The entry as a row of `erasure_replay`; an entry already there is left as it is. */
export async function insertReplayRow(tx: Tx, entry: ReplayEntry): Promise<void> {
  await tx.erasureReplay.createMany({
    data: [
      {
        id: entry.id,
        workspaceId: entry.workspaceId,
        requestId: entry.requestId,
        erasedAt: new Date(entry.erasedAt),
        keyVersion: entry.keyVersion,
        subjectHashes: entry.subjectHashes,
        receipt: entry.receipt,
      },
    ],
    skipDuplicates: true,
  })
}

/** Read one entry from the object store; an object that is not a valid entry is an error naming it. */
export async function readReplayEntry(key: string): Promise<ReplayEntry> {
  const text = (await buffer(await objectStore().get(key))).toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const parsed = replayEntry.safeParse(json)
  if (!parsed.success || key !== replayObjectKey(parsed.data.workspaceId, parsed.data.id)) {
    throw new Error(`the erasure replay entry ${key} is not readable: it was altered or is not an entry.`)
  }
  return parsed.data
}
