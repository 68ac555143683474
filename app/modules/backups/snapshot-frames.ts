// The plaintext inside a backup (before compression and encryption): a sequence of frames,
// each `type (1 byte) | length (uint32 BE) | payload`. A table is a `table` frame (its name and
// columns), `data` frames holding PostgreSQL's COPY text output as it came, and an `end` frame
// with its row count; `sequences` and a closing `done` follow. Framing lets the restore stream
// each table's bytes into COPY … FROM STDIN without parsing rows.

export const FRAME = {
  /** JSON SnapshotHead: what the backup holds. */
  head: 0x48,
  /** JSON { table, columns }. */
  table: 0x54,
  /** COPY text bytes of the current table. */
  data: 0x44,
  /** JSON { table, rows }. */
  end: 0x45,
  /** JSON SequenceValue[]. */
  sequences: 0x51,
  /** JSON { rowCounts }: the stream is complete. */
  done: 0x5a,
} as const

export type FrameType = (typeof FRAME)[keyof typeof FRAME]
export type Frame = { type: FrameType; payload: Buffer }

export type SnapshotHead = { format: 1; backupId: string; schemaVersion: string; snapshot: string; tables: string[] }
export type SequenceValue = { name: string; value: string; isCalled: boolean }

const PREFIX_BYTES = 5
/** Larger than any frame a writer makes (data frames are about 64 KiB): bounds what a reader buffers. */
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024
const TYPES = new Set<number>(Object.values(FRAME))

export class SnapshotFormatError extends Error {}

export function frame(type: FrameType, payload: Buffer | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload))
  const prefix = Buffer.alloc(PREFIX_BYTES)
  prefix[0] = type
  prefix.writeUInt32BE(body.length, 1)
  return Buffer.concat([prefix, body])
}

/** The frames of a snapshot stream, as they arrive; a stream that stops mid-frame fails. */
export async function* readFrames(source: AsyncIterable<Buffer>): AsyncGenerator<Frame> {
  let pending: Buffer = Buffer.alloc(0)
  for await (const chunk of source) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
    let offset = 0
    while (pending.length - offset >= PREFIX_BYTES) {
      const type = pending[offset]!
      const length = pending.readUInt32BE(offset + 1)
      if (!TYPES.has(type) || length > MAX_PAYLOAD_BYTES) throw new SnapshotFormatError('The backup holds a malformed frame.')
      if (pending.length - offset - PREFIX_BYTES < length) break
      yield { type: type as FrameType, payload: pending.subarray(offset + PREFIX_BYTES, offset + PREFIX_BYTES + length) }
      offset += PREFIX_BYTES + length
    }
    pending = pending.subarray(offset)
  }
  if (pending.length) throw new SnapshotFormatError('The backup ends in the middle of a frame.')
}

export const jsonOf = <T>(frame: Frame): T => JSON.parse(frame.payload.toString('utf8')) as T
