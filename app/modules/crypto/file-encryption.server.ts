// Encryption at rest of large files (privacy-request exports, what access tasks collect), as
// streams: never whole in memory. Each file has its own key, derived with HKDF-SHA256 from the
// workspace's data key, a random salt and the file's place; the database row keeps only the data
// key's version and the salt (FileKeyRef). The stream is a header and 64 KiB records, each sealed
// with AES-256-GCM; a record's number is in its nonce and "is this the last one" in its
// associated data, so altered, reordered, truncated or extended files all fail, and a reader
// receives a record's plaintext only after the record authenticated.
// Format and reasons: docs/decisions/009-encrypted-object-storage.md.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import type { Tx } from '~/modules/db/tenant.server'
import { DecryptionError, type KeyOwner, type SecretBinding, dataKey } from './envelope.server'

/**
 * Where a file lives, bound into its key: its object key, or the table, column and row that
 * hold it. A key derived for one place does not open a file at another.
 */
export type FilePlace = string | SecretBinding

/** What the database keeps beside a file to derive its key again (JSON-safe). */
export type FileKeyRef = { dataKeyVersion: number; salt: string }

const MAGIC = Buffer.from('CNDF')
const FORMAT_VERSION = 1
const PREFIX_BYTES = 8
/** magic (4) | format version (1) | record size, uint32 BE (4) | nonce prefix (8) */
const HEADER_BYTES = MAGIC.length + 1 + 4 + PREFIX_BYTES
const RECORD_BYTES = 64 * 1024
const TAG_BYTES = 16
const KEY_BYTES = 32
const SALT_BYTES = 32
// Readers accept other record sizes within these bounds (a later writer may choose another);
// the upper one bounds what a reader buffers.
const MIN_RECORD_BYTES = 1024
const MAX_RECORD_BYTES = 1024 * 1024
const MAX_RECORDS = 2 ** 32

function derive(dataKeyBytes: Buffer, salt: Buffer, owner: KeyOwner, place: FilePlace): Buffer {
  const where = typeof place === 'string' ? { object: place } : { table: place.table, column: place.column, row: place.rowId }
  const info = `candor:file:v1:${JSON.stringify({ owner, ...where })}`
  try {
    return Buffer.from(hkdfSync('sha256', dataKeyBytes, salt, info, KEY_BYTES))
  } finally {
    // The data key is needed only for this derivation: do not leave it in memory.
    dataKeyBytes.fill(0)
  }
}

/**
 * A new key for the file at `place`, under `owner`'s newest data key (created on first use),
 * and the reference to store beside the file. Call inside a transaction working for `owner`.
 */
export async function fileKey(tx: Tx, owner: KeyOwner, place: FilePlace): Promise<{ key: Buffer; ref: FileKeyRef }> {
  const { version, key } = await dataKey(tx, owner)
  const salt = randomBytes(SALT_BYTES)
  return { key: derive(key, salt, owner, place), ref: { dataKeyVersion: version, salt: salt.toString('base64url') } }
}

/**
 * New file keys for several files written outside a transaction (the collections of a task in
 * a customer's system): the data key is read once, each file still gets its own salt and key.
 * `close()` wipes the data key; call it when the files are written.
 */
export async function fileKeyMaker(tx: Tx, owner: KeyOwner): Promise<FileKeyMaker> {
  const { version, key } = await dataKey(tx, owner)
  return {
    make(place) {
      const salt = randomBytes(SALT_BYTES)
      return { key: derive(Buffer.from(key), salt, owner, place), ref: { dataKeyVersion: version, salt: salt.toString('base64url') } }
    },
    close: () => void key.fill(0),
  }
}
export type FileKeyMaker = { make(place: FilePlace): { key: Buffer; ref: FileKeyRef }; close(): void }

/** The key of the file at `place`, derived again from its stored reference. */
export async function openFileKey(tx: Tx, owner: KeyOwner, place: FilePlace, ref: FileKeyRef): Promise<Buffer> {
  const salt = Buffer.from(ref.salt, 'base64url')
  if (salt.length !== SALT_BYTES || !Number.isInteger(ref.dataKeyVersion)) {
    throw new DecryptionError('This file key reference is malformed (salt or data key version).')
  }
  const { key } = await dataKey(tx, owner, ref.dataKeyVersion)
  return derive(key, salt, owner, place)
}

function checkKey(key: Buffer) {
  if (key.length !== KEY_BYTES) throw new Error(`A file key is ${KEY_BYTES} bytes, not ${key.length}.`)
}

const nonceOf = (prefix: Buffer, index: number) => {
  const nonce = Buffer.alloc(12)
  prefix.copy(nonce, 0)
  nonce.writeUInt32BE(index, PREFIX_BYTES)
  return nonce
}

/** header | final flag (1) | the caller's associated data */
const recordAad = (header: Buffer, last: boolean, aad: Buffer) => Buffer.concat([header, Buffer.of(last ? 1 : 0), aad])

/** Plaintext in, the encrypted file out; `aad` (e.g. the object key) must be given again to read it. */
export function encryptStream(key: Buffer, aad: string): Transform {
  checkKey(key)
  const header = Buffer.alloc(HEADER_BYTES)
  MAGIC.copy(header, 0)
  header[MAGIC.length] = FORMAT_VERSION
  header.writeUInt32BE(RECORD_BYTES, MAGIC.length + 1)
  const prefix = randomBytes(PREFIX_BYTES)
  prefix.copy(header, HEADER_BYTES - PREFIX_BYTES)
  const associated = Buffer.from(aad, 'utf8')
  let index = 0
  let pending: Buffer[] = []
  let pendingBytes = 0

  const seal = (plain: Buffer, last: boolean): Buffer => {
    if (index >= MAX_RECORDS) throw new Error('This file is too large for one encrypted stream.')
    const cipher = createCipheriv('aes-256-gcm', key, nonceOf(prefix, index++))
    cipher.setAAD(recordAad(header, last, associated))
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  }

  return new Transform({
    construct(callback) {
      this.push(header)
      callback()
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk)
        pendingBytes += chunk.length
        // Hold back at least one byte: whether a record is the last is known only at the end,
        // so the last record (0 to 64 KiB) is sealed in flush.
        if (pendingBytes > RECORD_BYTES) {
          let joined = Buffer.concat(pending, pendingBytes)
          while (joined.length > RECORD_BYTES) {
            this.push(seal(joined.subarray(0, RECORD_BYTES), false))
            joined = joined.subarray(RECORD_BYTES)
          }
          pending = [joined]
          pendingBytes = joined.length
        }
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
    flush(callback: TransformCallback) {
      try {
        this.push(seal(Buffer.concat(pending, pendingBytes), true))
        pending = []
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
  })
}

/**
 * The encrypted file in, plaintext out. Any alteration, truncation, reordering, a wrong key or
 * wrong `aad` fails the stream with a DecryptionError; no byte of a record that did not
 * authenticate is ever passed on.
 */
export function decryptStream(key: Buffer, aad: string): Transform {
  checkKey(key)
  const associated = Buffer.from(aad, 'utf8')
  let header: Buffer | undefined
  let recordBytes = 0
  let index = 0
  let pending: Buffer[] = []
  let pendingBytes = 0

  const fail = (why: string) => new DecryptionError(`This encrypted file cannot be read: ${why}.`)

  const readHeader = (bytes: Buffer): Buffer => {
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw fail('it is not a Candor encrypted file')
    const version = bytes[MAGIC.length]
    if (version !== FORMAT_VERSION) throw fail(`it uses format version ${version}, which this version of Candor does not read`)
    recordBytes = bytes.readUInt32BE(MAGIC.length + 1)
    if (recordBytes < MIN_RECORD_BYTES || recordBytes > MAX_RECORD_BYTES) throw fail('its header is malformed')
    return Buffer.from(bytes.subarray(0, HEADER_BYTES))
  }

  const open = (sealed: Buffer, last: boolean): Buffer | null => {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(header!.subarray(HEADER_BYTES - PREFIX_BYTES), index))
    decipher.setAAD(recordAad(header!, last, associated))
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    // update() hands out plaintext before the tag is checked: it stays here unless final() passes.
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES))
    try {
      decipher.final()
    } catch {
      return null
    }
    index++
    return plain
  }

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk)
        pendingBytes += chunk.length
        if (!header) {
          if (pendingBytes < HEADER_BYTES) return callback()
          const joined = Buffer.concat(pending, pendingBytes)
          header = readHeader(joined)
          pending = [joined.subarray(HEADER_BYTES)]
          pendingBytes -= HEADER_BYTES
        }
        // A full record followed by more bytes is not the last one.
        const sealedBytes = recordBytes + TAG_BYTES
        if (pendingBytes > sealedBytes) {
          let joined = Buffer.concat(pending, pendingBytes)
          while (joined.length > sealedBytes) {
            const plain = open(joined.subarray(0, sealedBytes), false)
            if (!plain) throw fail(`record ${index + 1} was altered, moved, or belongs to another file or key`)
            this.push(plain)
            joined = joined.subarray(sealedBytes)
          }
          pending = [joined]
          pendingBytes = joined.length
        }
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!header) throw fail(pendingBytes ? 'it is not a Candor encrypted file' : 'it is empty')
        const last = Buffer.concat(pending, pendingBytes)
        pending = []
        if (last.length < TAG_BYTES) throw fail('it was cut short')
        const plain = open(last, true)
        if (!plain) {
          // A whole record that opens as "not the last" means records are missing after it.
          const truncated = last.length === recordBytes + TAG_BYTES && open(last, false) !== null
          throw fail(truncated ? 'it was cut short' : `record ${index + 1} was altered, moved, or belongs to another file or key`)
        }
        this.push(plain)
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
  })
}
