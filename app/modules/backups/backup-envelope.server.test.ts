import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { DecryptionError } from '~/modules/crypto/envelope.server'
import { openBackup, encryptBackup } from './backup-envelope.server'
import { BackupKeyError, newKeyPair, parsePrivateKey, parsePublicKey } from './backup-keys.server'

const pair = () => {
  const { publicText, privateText } = newKeyPair()
  return { publicKey: parsePublicKey(publicText), privateKey: parsePrivateKey(privateText) }
}

async function seal(plain: Buffer, key: ReturnType<typeof pair>['publicKey'], objectKey = 'backups/a') {
  const [cipher, withHeader] = encryptBackup(key, objectKey)
  const [sealed] = await Promise.all([buffer(withHeader), pipeline(Readable.from([plain]), cipher, withHeader)])
  return sealed
}

async function open(sealed: Buffer, keys: ReturnType<typeof pair>['privateKey'][], objectKey = 'backups/a') {
  const source = Readable.from([sealed]).pause()
  const { keyId, plaintext } = await openBackup(source, keys, objectKey)
  return { keyId, plain: await buffer(source.pipe(plaintext)) }
}

describe('backup encryption to a public key', () => {
  const plain = randomBytes(200_000)

  it('opens with the private key of the public key it was sealed to, naming that key', async () => {
    const keys = pair()
    const sealed = await seal(plain, keys.publicKey)
    expect(keys.privateKey.id).toBe(keys.publicKey.id)
    expect(await open(sealed, [pair().privateKey, keys.privateKey])).toEqual({ keyId: keys.publicKey.id, plain })
  })

  it('refuses, naming both keys, when no private key given is the one it was sealed to', async () => {
    const keys = pair()
    const other = pair().privateKey
    await expect(open(await seal(plain, keys.publicKey), [other])).rejects.toThrow(
      new BackupKeyError(
        `It was encrypted to backup key ${keys.publicKey.id}, and the private key given is ${other.id}. ` +
          `Set BACKUP_PRIVATE_KEY to the private key of ${keys.publicKey.id}.`,
      ),
    )
  })

  it.each([
    ['a byte of the body', (sealed: Buffer) => void (sealed[sealed.length - 100]! ^= 1)],
    ['a byte of the ephemeral key in the header', (sealed: Buffer) => void (sealed[20]! ^= 1)],
    ['a byte of the salt in the header', (sealed: Buffer) => void (sealed[60]! ^= 1)],
  ])('fails when %s changed', async (_what, tamper) => {
    const keys = pair()
    const sealed = await seal(plain, keys.publicKey)
    tamper(sealed)
    await expect(open(sealed, [keys.privateKey])).rejects.toThrow(DecryptionError)
  })

  it('fails when cut short at a record boundary or read under another object key', async () => {
    // Its header (77 bytes), then decision 009's header (17) and 64 KiB records with 16-byte tags.
    const keys = pair()
    const sealed = await seal(plain, keys.publicKey)
    await expect(open(sealed.subarray(0, 77 + 17 + 65_552), [keys.privateKey])).rejects.toThrow(/cut short/)
    await expect(open(sealed, [keys.privateKey], 'backups/b')).rejects.toThrow(DecryptionError)
  })

  it('refuses key text that is not a backup key', () => {
    expect(() => parsePublicKey('candor-backup-private:' + 'A'.repeat(43))).toThrow(BackupKeyError)
    expect(() => parsePrivateKey('candor-backup-private:short')).toThrow(/is not a backup key/)
  })
})
