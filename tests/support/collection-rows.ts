// What a task stored for one collection, read back as rows (decrypted, one JSON line each), and
// the rows of a collection a connector produced: for tests that check what was collected.
import { createInterface } from 'node:readline'
import type { Collection } from '~/modules/dsar/connectors/connector'
import { type CollectionArtifact, readCollectionLines } from '~/modules/dsar/task-artifacts.server'

export async function storedRows(artifact: CollectionArtifact, secret: Buffer): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = []
  for await (const line of createInterface({ input: await readCollectionLines(artifact, secret), crlfDelay: Infinity })) {
    if (line) rows.push(JSON.parse(line) as Record<string, unknown>)
  }
  return rows
}

/** A connector's collection as rows, whether it gave them as objects or as JSON lines. */
export async function* rowsOf(collection: Collection): AsyncIterable<Record<string, unknown>> {
  if ('rows' in collection) {
    yield* collection.rows
    return
  }
  // A batch may end inside a line (and inside a character): the bytes are put together first.
  const parts: Buffer[] = []
  for await (const batch of collection.lines) parts.push(Buffer.from(batch.text))
  for (const line of Buffer.concat(parts).toString('utf8').split('\n')) if (line) yield JSON.parse(line) as Record<string, unknown>
}
