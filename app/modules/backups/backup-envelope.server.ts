// The encryption of a backup object, age-style: an X25519 key agreement between a fresh
// (ephemeral) key pair and the backup public key gives, through HKDF-SHA256, a file key used
// once; the body is the chunked AES-256-GCM stream of decision 009 (64 KiB records, counter
// nonces, a last-record flag), so truncation, reordering and any changed byte fail.
//
//   header  "CNDB" | 0x01 (format) | key id (8 bytes) | ephemeral public key (32) | salt (32)
//   body    encryptStream(file key, aad = the object key)
//
// The header is bound into the file key's HKDF info, so a changed header derives another key.
import { createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto'
import { type Readable, Transform } from 'node:stream'
import { DecryptionError } from '~/modules/crypto/envelope.server'
import { decryptStream, encryptStream } from '~/modules/crypto/file-encryption.server'
import type { BackupPrivateKey, BackupPublicKey } from './backup-keys.server'
import { BackupKeyError } from './backup-keys.server'

const MAGIC = Buffer.from('CNDB')
const FORMAT_VERSION = 1
const KEY_ID_BYTES = 8
const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + 32 + 32
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')

function fileKeyOf(shared: Buffer, salt: Buffer, header: Buffer, recipient: Buffer): Buffer {
  const info = Buffer.concat([Buffer.from('candor:backup:v1:'), header, recipient])
  try {
    return Buffer.from(hkdfSync('sha256', shared, salt, info, 32))
  } finally {
    shared.fill(0)
  }
}

/**
 * Plaintext in, the encrypted backup object out, readable only with `recipient`'s private key:
 * two stages for a pipeline (the body's encryption, then the header put in front of it).
 */
export function encryptBackup(recipient: BackupPublicKey, objectKey: string): [Transform, Transform] {
  const ephemeral = generateKeyPairSync('x25519')
  const ephemeralRaw = Buffer.from(ephemeral.publicKey.export({ format: 'jwk' }).x!, 'base64url')
  const salt = randomBytes(32)
  const header = Buffer.concat([MAGIC, Buffer.of(FORMAT_VERSION), Buffer.from(recipient.id, 'hex'), ephemeralRaw, salt])
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient.key })
  const withHeader = new Transform({
    construct(callback) {
      this.push(header)
      callback()
    },
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk)
    },
  })
  return [encryptStream(fileKeyOf(shared, salt, header, recipient.raw), objectKey), withHeader]
}

/** Read the header from `source` (paused); what follows it is put back, as the body's start. */
async function readHeader(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  while (length < HEADER_BYTES) {
    const chunk = source.read() as Buffer | null
    if (chunk) {
      chunks.push(chunk)
      length += chunk.length
      continue
    }
    if (source.readableEnded || source.destroyed) throw new DecryptionError('This backup object is empty or cut short.')
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        source.off('readable', done).off('end', done).off('error', failed)
        resolve()
      }
      const failed = (error: Error) => {
        source.off('readable', done).off('end', done)
        reject(error)
      }
      source.once('readable', done).once('end', done).once('error', failed)
    })
  }
  const joined = Buffer.concat(chunks, length)
  if (length > HEADER_BYTES) source.unshift(joined.subarray(HEADER_BYTES))
  return joined.subarray(0, HEADER_BYTES)
}

/**
 * The key id a backup object was encrypted to and a decrypting stream for the rest of
 * `source`. Refuses with BackupKeyError when none of `keys` is that key.
 */
export async function openBackup(
  source: Readable,
  keys: BackupPrivateKey[],
  objectKey: string,
): Promise<{ keyId: string; plaintext: Transform }> {
  const header = await readHeader(source)
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new DecryptionError('This object is not a Candor backup.')
  }
  if (header[MAGIC.length] !== FORMAT_VERSION) {
    throw new DecryptionError(`This backup uses format version ${header[MAGIC.length]}, which this version of Candor does not read.`)
  }
  let offset = MAGIC.length + 1
  const keyId = header.subarray(offset, (offset += KEY_ID_BYTES)).toString('hex')
  const ephemeralRaw = header.subarray(offset, (offset += 32))
  const salt = header.subarray(offset, (offset += 32))
  const key = keys.find((candidate) => candidate.id === keyId)
  if (!key) {
    throw new BackupKeyError(
      `It was encrypted to backup key ${keyId}, and the private key${keys.length === 1 ? '' : 's'} given ` +
        `${keys.length === 1 ? 'is' : 'are'} ${keys.map((k) => k.id).join(', ') || 'none'}. ` +
        `Set BACKUP_PRIVATE_KEY to the private key of ${keyId}.`,
    )
  }
  const ephemeral = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, ephemeralRaw]), format: 'der', type: 'spki' })
  const shared = diffieHellman({ privateKey: key.key, publicKey: ephemeral })
  return { keyId, plaintext: decryptStream(fileKeyOf(shared, Buffer.from(salt), header, key.publicKey.raw), objectKey) }
}
