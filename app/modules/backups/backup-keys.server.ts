// The backup key pair (X25519). Backups are encrypted to the public key, so the web and worker
// processes hold only that: a compromised process can write new backups but read none. The
// private key is needed only to restore; it lives outside the database and outside the
// application's environment (docs/decisions/018-backups.md). Outside production, when nothing is
// configured, a pair is generated into <data dir>/backup-key on first use, so `npm start` takes
// real backups with nothing set up.
import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { env } from '~/modules/config/env.server'
import { log } from '~/modules/observability/log.server'

const PUBLIC_PREFIX = 'candor-backup-public:'
const PRIVATE_PREFIX = 'candor-backup-private:'
// DER wrappers of a raw 32-byte X25519 key (RFC 8410), so keys travel as 32 bytes of base64url.
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

export type BackupPublicKey = { id: string; key: KeyObject; raw: Buffer }
export type BackupPrivateKey = { id: string; key: KeyObject; publicKey: BackupPublicKey }

export class BackupKeyError extends Error {}

/** A short public name of a backup key, recorded with each backup (never the key itself). */
const keyIdOf = (rawPublic: Buffer) => createHash('sha256').update(rawPublic).digest('hex').slice(0, 16)

function rawOf(text: string, prefix: string, what: string): Buffer {
  const raw = text.startsWith(prefix) ? Buffer.from(text.slice(prefix.length), 'base64url') : Buffer.alloc(0)
  if (raw.length !== 32) throw new BackupKeyError(`${what} is not a backup key: it should read ${prefix}<43 characters>.`)
  return raw
}

function publicKeyOf(key: KeyObject): BackupPublicKey {
  const raw = Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url')
  return { id: keyIdOf(raw), key, raw }
}

export function parsePublicKey(text: string, what = 'BACKUP_PUBLIC_KEY'): BackupPublicKey {
  const raw = rawOf(text.trim(), PUBLIC_PREFIX, what)
  return publicKeyOf(createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }))
}

export function parsePrivateKey(text: string, what = 'BACKUP_PRIVATE_KEY'): BackupPrivateKey {
  const raw = rawOf(text.trim(), PRIVATE_PREFIX, what)
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' })
  const publicKey = publicKeyOf(createPublicKey(key))
  return { id: publicKey.id, key, publicKey }
}

/** A new pair, as the two lines to keep (`npm run backup:keygen`, and the development default). */
export function newKeyPair(): { publicText: string; privateText: string } {
  // The private key's JWK carries both halves: x (public) and d (private).
  const jwk = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' })
  return { publicText: `${PUBLIC_PREFIX}${jwk.x}`, privateText: `${PRIVATE_PREFIX}${jwk.d}` }
}

const developmentKeyFile = () => path.resolve(env().CANDOR_DATA_DIR, 'backup-key')

/** The development pair: generated once into the data directory, like the development KEK. */
async function developmentKey(): Promise<BackupPrivateKey> {
  const file = developmentKeyFile()
  await mkdir(path.dirname(file), { recursive: true })
  try {
    await writeFile(file, `${newKeyPair().privateText}\n`, { mode: 0o600, flag: 'wx' })
    log('warn', 'BACKUP_PUBLIC_KEY is not set: generated a development backup key pair', { file })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return parsePrivateKey(await readFile(file, 'utf8'), file)
}

/** The key new backups are encrypted to. In production BACKUP_PUBLIC_KEY must be set. */
export async function backupPublicKey(): Promise<BackupPublicKey> {
  const { BACKUP_PUBLIC_KEY, NODE_ENV } = env()
  if (BACKUP_PUBLIC_KEY) return parsePublicKey(BACKUP_PUBLIC_KEY)
  if (NODE_ENV === 'production') {
    throw new BackupKeyError(
      'No backup was taken: BACKUP_PUBLIC_KEY is not set. Make a key pair with `npm run backup:keygen`, ' +
        'set BACKUP_PUBLIC_KEY to its public line, and keep the private line offline (see docs/decisions/018-backups.md).',
    )
  }
  return (await developmentKey()).publicKey
}

/**
 * The private keys a restore may use: BACKUP_PRIVATE_KEY (several, comma-separated, after a
 * rotation), else outside production the development key.
 */
export async function backupPrivateKeys(): Promise<BackupPrivateKey[]> {
  const { BACKUP_PRIVATE_KEY, NODE_ENV } = env()
  if (BACKUP_PRIVATE_KEY) {
    return BACKUP_PRIVATE_KEY.split(',')
      .filter((text) => text.trim())
      .map((text, index) => parsePrivateKey(text, `BACKUP_PRIVATE_KEY (key ${index + 1})`))
  }
  if (NODE_ENV === 'production') {
    throw new BackupKeyError('A restore needs BACKUP_PRIVATE_KEY: the private line of the pair whose public line is BACKUP_PUBLIC_KEY.')
  }
  return [await developmentKey()]
}
