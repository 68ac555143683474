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
import { objectStore } from '~/modules/storage/object-store.server'
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
        ? `it has no record of ${which === 'latest' ? 'any succeeded backup' : `backup ${which}`}`
        : `it could not be read: ${(error as Error).message}`
  }
  return { from: 'store', backup: await findStoredBackup(which, keys), catalogueProblem }
}

/** `which` (an id or `latest`: the one written last) among the objects under `backups/`. */
export async function findStoredBackup(which: string, keys: BackupPrivateKey[]): Promise<StoredBackup> {
  const store = objectStore()
  const listed = []
  for await (const object of store.list('backups/')) if (BACKUP_KEY.test(object.key)) listed.push(object)
  const object =
    which === 'latest'
      ? listed.sort((a, b) => b.writtenAt.getTime() - a.writtenAt.getTime())[0]
      : listed.find((o) => o.key === `backups/${which}`)
  if (!object) {
    throw new BackupNotFoundError(
      which === 'latest' ? `There is no backup in ${store.location} (under backups/).` : `There is no backup ${which} in ${store.location}.`,
    )
  }
  const id = BACKUP_KEY.exec(object.key)![1]!
  const { keyId, head } = await readHead(object.key, keys).catch((error: Error) => {
    throw new BackupNotFoundError(`Backup ${id} in ${store.location} cannot be read: ${error.message}`, { cause: error })
  })
  if (head.backupId !== id) {
    throw new BackupNotFoundError(`The object ${object.key} holds backup ${head.backupId}: it was moved or replaced.`)
  }
  return { id, objectKey: object.key, keyId, schemaVersion: head.schemaVersion, sha256: null, rowCounts: null, writtenAt: object.writtenAt }
}

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
