// The key-encryption key (KEK): it wraps every workspace's data key and exists only in this
// process's memory. In production it comes from CANDOR_KEK; in development and tests, when
// unset, one is generated into <data dir>/kek with a warning (losing that file loses every
// secret encrypted under it). During a rotation CANDOR_KEK_PREVIOUS still unwraps old keys.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { env } from '~/modules/config/env.server'
import { log } from '~/modules/observability/log.server'

export type Kek = { id: string; key: Buffer }

/** A short public name for a KEK (stored next to what it wrapped), never the key itself. */
export const kekIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16)

/** The KEK that wraps new data keys, and the one being rotated away from (if any). */
export type Keyring = { current: Kek; previous?: Kek }

let loaded: Promise<Keyring> | undefined

export function keyring(): Promise<Keyring> {
  loaded ??= loadKeyring()
  return loaded
}

const asKek = (key: Buffer): Kek => ({ id: kekIdOf(key), key })

async function loadKeyring(): Promise<Keyring> {
  const { CANDOR_KEK, CANDOR_KEK_PREVIOUS, CANDOR_DATA_DIR } = env()
  const current = CANDOR_KEK
    ? Buffer.from(CANDOR_KEK, 'base64')
    : await readOrCreateDevKek(path.resolve(CANDOR_DATA_DIR, 'kek'))
  return {
    current: asKek(current),
    ...(CANDOR_KEK_PREVIOUS ? { previous: asKek(Buffer.from(CANDOR_KEK_PREVIOUS, 'base64')) } : {}),
  }
}

async function readOrCreateDevKek(file: string): Promise<Buffer> {
  await mkdir(path.dirname(file), { recursive: true })
  try {
    await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    log('warn', 'CANDOR_KEK is not set: generated a development key', { file })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key in base64`)
  return key
}
