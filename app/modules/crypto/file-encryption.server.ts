// Encryption of large files at rest (privacy-request exports and what access tasks collect),
// as streams. Each file gets its own key, derived (HKDF-SHA256) from the workspace's data key,
// a random salt and the file's place, so the row only stores the data key version and salt.
// The stream is cut into 64 KiB records, each sealed with AES-256-GCM under a nonce made of a
// random prefix and the record's number, and the last record is marked as last: a reader gets
// no byte of a record that does not authenticate, and a reordered, truncated or altered file
// fails loudly.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import type { Tx } from '~/modules/db/tenant.server'
import { DecryptionError, dataKey } from './envelope.server'

/** What the database keeps to find a file's key again. */
export type FileKeyRef = { dataKeyVersion: number; salt: string }

const MAGIC = Buffer.from('CNDF1')
const PREFIX_BYTES = 7
const RECORD_BYTES = 64 * 1024
const TAG_BYTES = 16
const LENGTH_BYTES = 4

const derive = (secret: Buffer, salt: Buffer, workspaceId: string, place: string) =>
  Buffer.from(hkdfSync('sha256', secret, salt, `candor:file:${workspaceId}:${place}`, 32))

/** A new key for the file at `place` (an object key), and the reference to store beside it. */
export async function fileKey(tx: Tx, workspaceId: string, place: string): Promise<{ key: Buffer; ref: FileKeyRef }> {
  const { version, key } = await dataKey(tx, workspaceId)
  const salt = randomBytes(16)
  return { key: derive(key, salt, workspaceId, place), ref: { dataKeyVersion: version, salt: salt.toString('base64url') } }
}

/** The key of the file at `place`, from its stored reference. */
export async function openFileKey(tx: Tx, workspaceId: string, place: string, ref: FileKeyRef): Promise<Buffer> {
  const { key } = await dataKey(tx, workspaceId, ref.dataKeyVersion)
  return derive(key, Buffer.from(ref.salt, 'base64url'), workspaceId, place)
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const value = Buffer.alloc(12)
  prefix.copy(value, 0)
  value.writeUInt32BE(index, PREFIX_BYTES)
  value[11] = last ? 1 : 0
  return value
}

/** Plaintext in, sealed records out; `aad` binds the file to its place. */
export function encryptStream(key: Buffer, aad: string): Transform {
  const prefix = randomBytes(PREFIX_BYTES)
  let pending: Buffer = Buffer.alloc(0)
  let index = 0
  const seal = (plain: Buffer, last: boolean) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, index++, last)).setAAD(Buffer.from(aad))
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
    const length = Buffer.alloc(LENGTH_BYTES)
    length.writeUInt32BE(body.length)
    return Buffer.concat([length, body])
  }
  return new Transform({
    construct(callback) {
      this.push(Buffer.concat([MAGIC, prefix]))
      callback()
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
      // Keep at least one byte back: the last record is sealed in flush, marked as last.
      while (pending.length > RECORD_BYTES) {
        this.push(seal(pending.subarray(0, RECORD_BYTES), false))
        pending = pending.subarray(RECORD_BYTES)
      }
      callback()
    },
    flush(callback: TransformCallback) {
      this.push(seal(pending, true))
      callback()
    },
  })
}

/** Sealed records in, plaintext out; throws DecryptionError on any tampering or truncation. */
export function decryptStream(key: Buffer, aad: string): Transform {
  let buffered: Buffer = Buffer.alloc(0)
  let prefix: Buffer | null = null
  let index = 0
  let ended = false
  const fail = (why: string) => new DecryptionError(`This encrypted file cannot be read: ${why}.`)
  const open = (body: Buffer, last: boolean): Buffer | null => {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(prefix!, index, last)).setAAD(Buffer.from(aad))
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()])
    } catch {
      return null
    }
  }
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk
      if (!prefix) {
        if (buffered.length < MAGIC.length + PREFIX_BYTES) return callback()
        if (!buffered.subarray(0, MAGIC.length).equals(MAGIC)) return callback(fail('it is not a Candor encrypted file'))
        prefix = Buffer.from(buffered.subarray(MAGIC.length, MAGIC.length + PREFIX_BYTES))
        buffered = buffered.subarray(MAGIC.length + PREFIX_BYTES)
      }
      while (buffered.length >= LENGTH_BYTES) {
        const length = buffered.readUInt32BE(0)
        if (length < TAG_BYTES || length > RECORD_BYTES + TAG_BYTES) return callback(fail('a record is malformed'))
        if (buffered.length < LENGTH_BYTES + length) break
        if (ended) return callback(fail('it continues after its last record'))
        const body = buffered.subarray(LENGTH_BYTES, LENGTH_BYTES + length)
        buffered = buffered.subarray(LENGTH_BYTES + length)
        // A record is the last one only if it authenticates as such.
        let plain = open(body, false)
        if (!plain) {
          plain = open(body, true)
          ended = plain !== null
        }
        if (!plain) return callback(fail('it was altered, or belongs elsewhere'))
        index++
        this.push(plain)
      }
      callback()
    },
    flush(callback: TransformCallback) {
      if (!prefix || buffered.length > 0 || !ended) return callback(fail('it was cut short'))
      callback()
    },
  })
}
