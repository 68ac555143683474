// A file sent through a form, encrypted on its way into object storage under `key` (decision
// 009: `secret` is the file's own key, `key` its AAD) and hashed as it passes, so the stored
// row can carry the plaintext's SHA-256. Trust documents and requesters' attachments use it.
import { createHash } from 'node:crypto'
import { PassThrough, Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { encryptStream } from '~/modules/crypto/file-encryption.server'
import { objectStore } from './object-store.server'

/** Store `file` encrypted; the SHA-256 (hex) of its plaintext. */
export async function putEncryptedUpload(key: string, secret: Buffer, file: File): Promise<string> {
  const hash = createHash('sha256')
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      done(null, chunk)
    },
  })
  const ciphertext = new PassThrough()
  await Promise.all([
    objectStore().put(key, ciphertext),
    pipeline(Readable.fromWeb(file.stream() as WebReadableStream), hasher, encryptStream(secret, key), ciphertext),
  ])
  return hash.digest('hex')
}
