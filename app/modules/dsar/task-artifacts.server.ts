// What an access task collected, kept until the export is built: each collection as one
// encrypted object of JSON lines in object storage, replaced whole if the task runs again.
import { Readable } from 'node:stream'
import { chain } from '~/modules/storage/chain'
import { createInterface } from 'node:readline'
import type { Tx } from '~/modules/db/tenant.server'
import { type FileKeyRef, decryptStream, encryptStream, fileKey, openFileKey } from '~/modules/crypto/file-encryption.server'
import { objectStore } from '~/modules/storage/object-store.server'
import type { Collection } from './connectors/connector'

export type CollectionArtifact = {
  name: string
  description: string
  fields: string[]
  rows: number
  object: { key: string; encryption: FileKeyRef }
}

type Row = Record<string, unknown>

/** Store one collection's rows, streamed and encrypted; returns where they are. */
export async function storeCollection(
  tx: Tx,
  owner: { workspaceId: string; taskId: string },
  collection: Collection,
): Promise<CollectionArtifact> {
  const key = `workspaces/${owner.workspaceId}/tasks/${owner.taskId}/${collection.name}.jsonl`
  const { key: secret, ref } = await fileKey(tx, owner.workspaceId, key)
  let rows = 0
  const lines = Readable.from(
    (async function* () {
      for await (const row of collection.rows) {
        rows++
        yield `${JSON.stringify(row)}\n`
      }
    })(),
  )
  await objectStore().put(key, chain(lines, encryptStream(secret, key)))
  return { name: collection.name, description: collection.description, fields: [...collection.fields], rows, object: { key, encryption: ref } }
}

/** The key that opens a stored collection (read inside a tenant transaction). */
export function artifactKey(tx: Tx, workspaceId: string, artifact: CollectionArtifact): Promise<Buffer> {
  return openFileKey(tx, workspaceId, artifact.object.key, artifact.object.encryption)
}

/** The rows of a stored collection, decrypted as they are read (no transaction needed). */
export async function* readCollection(artifact: CollectionArtifact, secret: Buffer): AsyncIterable<Row> {
  const plain = chain(await objectStore().get(artifact.object.key), decryptStream(secret, artifact.object.key))
  for await (const line of createInterface({ input: plain, crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line) as Row
  }
}

/** Delete what the task stored (the export holds it now, or the request is gone). */
export async function deleteArtifacts(artifacts: CollectionArtifact[]): Promise<void> {
  for (const artifact of artifacts) await objectStore().delete(artifact.object.key)
}
