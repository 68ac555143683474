// What an access task collected, kept until the export is built: each collection as one
// encrypted object of JSON lines in object storage, replaced whole if the task runs again, and
// the files a member attached to a manual system's task, each as one encrypted object.
import { Readable } from 'node:stream'
import { chain } from '~/modules/storage/chain'
import type { Tx } from '~/modules/db/tenant.server'
import { type FileKeyMaker, type FileKeyRef, decryptStream, encryptStream, fileKey, openFileKey } from '~/modules/crypto/file-encryption.server'
import { objectStore } from '~/modules/storage/object-store.server'
import type { Collection, JsonLines } from './connectors/connector'

export type CollectionArtifact = {
  name: string
  description: string
  fields: string[]
  rows: number
  object: { key: string; encryption: FileKeyRef }
}

/** A file a member attached to a manual task, checked by its content (task-file-types.ts). */
export type AttachedFile = {
  /** The name it has in the export's folder for its data system. */
  name: string
  contentType: string
  label: string
  bytes: number
  /** Records in a CSV table or JSON list; null for a document or an image. */
  records: number | null
  sha256: string
  object: { key: string; encryption: FileKeyRef }
}

/** What `request_task.artifact` holds for an access task. */
export type TaskArtifact = { collections?: CollectionArtifact[]; files?: AttachedFile[] }

export const taskArtifact = (value: unknown): TaskArtifact => (value && typeof value === 'object' ? (value as TaskArtifact) : {})

type Row = Record<string, unknown>

/** About one encryption record (64 KiB) of text per batch. */
const LINE_BATCH_CHARS = 64 * 1024

/** Where one collection of a task is stored, with the key that encrypts it. */
export type CollectionPlace = { key: string; secret: Buffer; ref: FileKeyRef }

const collectionKey = (owner: { workspaceId: string; taskId: string }, name: string) => `workspaces/${owner.workspaceId}/tasks/${owner.taskId}/${name}.jsonl`

/** The place of a task's collection (needs a tenant transaction for the file key, nothing more). */
export async function collectionPlace(tx: Tx, owner: { workspaceId: string; taskId: string }, name: string): Promise<CollectionPlace> {
  const key = collectionKey(owner, name)
  const { key: secret, ref } = await fileKey(tx, owner.workspaceId, key)
  return { key, secret, ref }
}

/** The same, from a key maker opened once for all of a task's collections (no transaction). */
export function collectionPlaceFrom(keys: FileKeyMaker, owner: { workspaceId: string; taskId: string }, name: string): CollectionPlace {
  const key = collectionKey(owner, name)
  const { key: secret, ref } = keys.make(key)
  return { key, secret, ref }
}

/** Store one collection's rows, streamed and encrypted; returns where they are. */
export async function storeCollection(
  tx: Tx,
  owner: { workspaceId: string; taskId: string },
  collection: Collection,
): Promise<CollectionArtifact> {
  return writeCollection(await collectionPlace(tx, owner, collection.name), collection)
}

/** Write a collection's rows to its place, streamed and encrypted (no transaction needed). */
export async function writeCollection(place: CollectionPlace, collection: Collection): Promise<CollectionArtifact> {
  let rows = 0
  const counted = async function* (batches: AsyncIterable<JsonLines>) {
    for await (const batch of batches) {
      rows += batch.rows
      yield batch.text
    }
  }
  const source = 'lines' in collection ? collection.lines : linesOf(collection.rows)
  await objectStore().put(place.key, chain(Readable.from(counted(source), { objectMode: false }), encryptStream(place.secret, place.key)))
  return { name: collection.name, description: collection.description, fields: [...collection.fields], rows, object: { key: place.key, encryption: place.ref } }
}

/** Rows as JSON lines, in batches of about LINE_BATCH_CHARS: one stream chunk per row would cost more than the row. */
async function* linesOf(rows: AsyncIterable<Row>): AsyncIterable<JsonLines> {
  let text = ''
  let count = 0
  for await (const row of rows) {
    text += `${JSON.stringify(row)}\n`
    count++
    if (text.length >= LINE_BATCH_CHARS) {
      yield { text, rows: count }
      text = ''
      count = 0
    }
  }
  if (count > 0) yield { text, rows: count }
}

/** The key that opens a stored collection or attached file (read inside a tenant transaction). */
export function artifactKey(tx: Tx, workspaceId: string, artifact: Pick<CollectionArtifact, 'object'>): Promise<Buffer> {
  return openFileKey(tx, workspaceId, artifact.object.key, artifact.object.encryption)
}

/** A stored collection's JSON lines, decrypted as they are read (no transaction needed). */
export async function readCollectionLines(artifact: CollectionArtifact, secret: Buffer): Promise<Readable> {
  return chain(await objectStore().get(artifact.object.key), decryptStream(secret, artifact.object.key))
}

/** An attached file's bytes, decrypted as they are read (no transaction needed). */
export async function readAttachedFile(file: AttachedFile, secret: Buffer): Promise<Readable> {
  return chain(await objectStore().get(file.object.key), decryptStream(secret, file.object.key))
}

/** Delete what the task stored (the export holds it now, or the request is gone). */
export async function deleteArtifacts(artifact: TaskArtifact): Promise<void> {
  for (const stored of [...(artifact.collections ?? []), ...(artifact.files ?? [])]) await objectStore().delete(stored.object.key)
}
