// Envelope encryption of secrets (TOTP secrets, connector credentials, webhook secrets):
// AES-256-GCM under the workspace's data key, which is itself stored wrapped under the KEK.
// Associated data binds each ciphertext to its workspace, table, column and row, so a
// ciphertext copied elsewhere does not decrypt. Any failure throws; nothing partial is returned.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Tx } from '~/modules/db/tenant.server'
import { type Kek, type Keyring, keyring } from './kek.server'

/** Where a secret lives: decryption succeeds only for the same place. */
export type SecretBinding = { table: string; column: string; rowId: string }

/**
 * Whose data key encrypts a secret: a workspace (its id), or the platform, for secrets that
 * belong to a person rather than a workspace (TOTP secrets). See docs/decisions/006-two-factor.md.
 */
export const PLATFORM = 'platform'
export type KeyOwner = string

export class DecryptionError extends Error {}

const FORMAT = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
}

const dataKeyAad = (workspaceId: string, version: number) => `candor:data-key:${workspaceId}:${version}`
const secretAad = (workspaceId: string, b: SecretBinding) =>
  `candor:secret:${workspaceId}:${b.table}:${b.column}:${b.rowId}`

export type WrappedKeyRow = { workspaceId: string; version: number; kekId: string; wrappedKey: Uint8Array }

/** The data key in `row`, unwrapped by whichever KEK of the keyring wrapped it. */
export function unwrapDataKey(keys: Keyring, row: WrappedKeyRow): Buffer {
  const kek = [keys.current, keys.previous].find((k) => k?.id === row.kekId)
  if (!kek) {
    throw new DecryptionError(
      `The data key of this workspace is wrapped by KEK ${row.kekId}, which is not configured (CANDOR_KEK or CANDOR_KEK_PREVIOUS).`,
    )
  }
  try {
    return open(kek.key, Buffer.from(row.wrappedKey), dataKeyAad(row.workspaceId, row.version))
  } catch {
    throw new DecryptionError('The workspace data key could not be unwrapped: it was altered.')
  }
}

/** `key` wrapped under `kek` for the given workspace and version. */
export function wrapDataKey(
  kek: Kek,
  workspaceId: string,
  version: number,
  key: Buffer,
): Uint8Array<ArrayBuffer> {
  return new Uint8Array(seal(kek.key, key, dataKeyAad(workspaceId, version)))
}

/** The owner's newest data key, created on first use (one creator at a time). */
async function activeDataKey(tx: Tx, owner: KeyOwner): Promise<{ version: number; key: Buffer }> {
  const keys = await keyring()
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`data-key:${owner}`}, 0))`
  const latest = await findKey(tx, owner)
  if (latest) return { version: latest.version, key: unwrapDataKey(keys, latest) }
  const key = randomBytes(32)
  const row = { version: 1, kekId: keys.current.id, wrappedKey: wrapDataKey(keys.current, owner, 1, key) }
  if (owner === PLATFORM) await tx.platformKey.create({ data: row })
  else await tx.workspaceKey.create({ data: { workspaceId: owner, ...row } })
  return { version: 1, key }
}

/** The owner's data key of `version`, or its newest when no version is given. */
async function findKey(tx: Tx, owner: KeyOwner, version?: number): Promise<WrappedKeyRow | null> {
  const row =
    owner === PLATFORM
      ? await tx.platformKey.findFirst({ where: { version }, orderBy: { version: 'desc' } })
      : await tx.workspaceKey.findFirst({ where: { workspaceId: owner, version }, orderBy: { version: 'desc' } })
  return row ? { ...row, workspaceId: owner } : null
}

/**
 * The owner's data key: its newest (created on first use) when no version is given, else that
 * version. For keys derived per file (file-encryption.server.ts); never stored or logged.
 */
export async function dataKey(tx: Tx, owner: KeyOwner, version?: number): Promise<{ version: number; key: Buffer }> {
  if (version === undefined) return activeDataKey(tx, owner)
  const row = await findKey(tx, owner, version)
  if (!row) throw new DecryptionError(`There is no data key version ${version} for this file.`)
  return { version, key: unwrapDataKey(await keyring(), row) }
}

/** Encrypt `plaintext` for `binding` inside a transaction working for `owner` (or any, for PLATFORM). */
export async function encryptSecret(
  tx: Tx,
  owner: KeyOwner,
  binding: SecretBinding,
  plaintext: string,
): Promise<string> {
  const { version, key } = await activeDataKey(tx, owner)
  const sealed = seal(key, Buffer.from(plaintext, 'utf8'), secretAad(owner, binding))
  return `${FORMAT}.${version}.${sealed.toString('base64url')}`
}

export async function decryptSecret(
  tx: Tx,
  owner: KeyOwner,
  binding: SecretBinding,
  ciphertext: string,
): Promise<string> {
  const [format, versionText, body] = ciphertext.split('.')
  const version = Number(versionText)
  if (format !== FORMAT || !Number.isInteger(version) || !body) {
    throw new DecryptionError('This is not a Candor ciphertext.')
  }
  const row = await findKey(tx, owner, version)
  if (!row) throw new DecryptionError(`There is no data key version ${version} for this secret.`)
  const key = unwrapDataKey(await keyring(), row)
  try {
    return open(key, Buffer.from(body, 'base64url'), secretAad(owner, binding)).toString('utf8')
  } catch {
    throw new DecryptionError(
      `The secret in ${binding.table}.${binding.column} could not be decrypted: it was altered or belongs elsewhere.`,
    )
  }
}
