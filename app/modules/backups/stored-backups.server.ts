// A restore when the catalogue is lost with the database (decision 021): the backup is found
// in the object store itself. Its objects are listed under `backups/` with the time each was
// written; the chosen one's head frame (decrypted with the private key the restore has anyway)
// says its id and schema version. What cannot be checked without the catalogue is the stored
// object's SHA-256; the AEAD still authenticates every record, and the object's own frames
// carry every table's row count.
import type pg from 'pg'
import { createGunzip } from 'node:zlib'
import { ownerPool } from '~/modules/db/owner.server'
import { chain } from '~/modules/storage/chain'
import { type ListedObject, objectStore } from '~/modules/storage/object-store.server'
import { openBackup } from './backup-envelope.server'
import type { BackupPrivateKey } from './backup-keys.server'
import { type BackupRow, BackupNotFoundError, BackupNotRestorableError, findSucceededBackup } from './catalogue.server'
import type { RestoreSource } from './restore.server'
import { FRAME, type SnapshotHead, jsonOf, readFrames } from './snapshot-frames'

export type StoredBackup = RestoreSource & { writtenAt: Date }

/** The backup a restore uses, and where it was found. */
export type BackupToRestore =
  | { from: 'catalogue'; backup: BackupRow }
  | { from: 'store'; backup: StoredBackup; catalogueProblem: string }

const BACKUP_KEY = /^backups\/([0-9a-f-]{36})$/

/**
 * `which` (a backup id or `latest`) from the catalogue; from the object store when the
 * catalogue cannot be read (database unreachable, not migrated) or does not know it (an empty
 * database). A backup the catalogue knows as failed or running is refused, not looked for.
 */
export async function backupToRestore(
  which: string,
  keys: BackupPrivateKey[],
  catalogue: Pick<pg.Pool, 'query'> = ownerPool(),
): Promise<BackupToRestore> {
  let catalogueProblem: string
  try {
    return { from: 'catalogue', backup: await findSucceededBackup(which, catalogue) }
  } catch (error) {
    if (error instanceof BackupNotRestorableError) throw error
    catalogueProblem =
      error instanceof BackupNotFoundError
        ? `has no record of ${which === 'latest' ? 'any succeeded backup' : `backup ${which}`}`
        : `could not be read: ${(error as Error).message}`
  }
  const backup = await findStoredBackup(which, keys).catch((error: Error) => {
    throw new BackupNotFoundError(`${error.message.replace(/\.$/, '')}; and the catalogue (DATABASE_URL) ${catalogueProblem}.`, { cause: error })
  })
  return { from: 'store', backup, catalogueProblem }
}

/**
 * `which` (an id or `latest`) among the objects under `backups/`. The latest is the one written
 * last; the store's times may have a resolution of a second, so among backups written in the
 * same second the one whose snapshot came last (the largest xmax) is the latest.
 */
export async function findStoredBackup(which: string, keys: BackupPrivateKey[]): Promise<StoredBackup> {
  const store = objectStore()
  const listed: ListedObject[] = []
  for await (const object of store.list('backups/')) if (BACKUP_KEY.test(object.key)) listed.push(object)
  const newest = Math.max(...listed.map((o) => o.writtenAt.getTime()))
  const candidates = which === 'latest' ? listed.filter((o) => o.writtenAt.getTime() === newest) : listed.filter((o) => o.key === `backups/${which}`)
  if (candidates.length === 0) {
    throw new BackupNotFoundError(
      which === 'latest' ? `There is no backup in ${store.location} (under backups/).` : `There is no backup ${which} in ${store.location}.`,
    )
  }
  const read = []
  for (const object of candidates) read.push(await describe(object, keys))
  return read.reduce((a, b) => (snapshotEnd(b.snapshot) > snapshotEnd(a.snapshot) ? b : a)).backup
}

async function describe(object: ListedObject, keys: BackupPrivateKey[]): Promise<{ backup: StoredBackup; snapshot: string }> {
  const id = BACKUP_KEY.exec(object.key)![1]!
  const { keyId, head } = await readHead(object.key, keys).catch((error: Error) => {
    throw new BackupNotFoundError(`Backup ${id} in ${objectStore().location} cannot be read: ${error.message}`, { cause: error })
  })
  if (head.backupId !== id) {
    throw new BackupNotFoundError(`The object ${object.key} holds backup ${head.backupId}: it was moved or replaced.`)
  }
  return {
    backup: { id, objectKey: object.key, keyId, schemaVersion: head.schemaVersion, sha256: null, rowCounts: null, writtenAt: object.writtenAt },
    snapshot: head.snapshot,
  }
}

/** The xmax of a pg_current_snapshot() text (`xmin:xmax:xip,…`): transaction ids only grow. */
const snapshotEnd = (snapshot: string) => BigInt(snapshot.split(':')[1] ?? '0')

/** The key id and head frame of a stored backup: only its first records are decrypted. */
async function readHead(objectKey: string, keys: BackupPrivateKey[]): Promise<{ keyId: string; head: SnapshotHead }> {
  const stored = await objectStore().get(objectKey)
  try {
    const opened = await openBackup(stored, keys, objectKey)
    const plaintext = chain(chain(stored, opened.plaintext), createGunzip())
    try {
      for await (const frame of readFrames(plaintext)) {
        if (frame.type !== FRAME.head) break
        return { keyId: opened.keyId, head: jsonOf<SnapshotHead>(frame) }
      }
      throw new Error('it does not start with its description.')
    } finally {
      plaintext.destroy()
    }
  } finally {
    stored.destroy()
  }
}
