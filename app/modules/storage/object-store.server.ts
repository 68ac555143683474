// Object storage for large files (exports, collected data), always written as streams. A
// local folder (CANDOR_DATA_DIR/objects) by default. Writes are atomic: the object appears
// under its key only once complete (a temporary file renamed into place), so a crash mid-write
// leaves nothing a reader could mistake for the object, and writing a key again replaces it.
import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { env } from '~/modules/config/env.server'

export interface ObjectStore {
  /** Write `body` under `key`, replacing any object there; resolves once it is complete. */
  put(key: string, body: Readable): Promise<{ bytes: number }>
  get(key: string): Promise<Readable>
  /** Remove the object; removing one that is not there is fine. */
  delete(key: string): Promise<void>
  exists(key: string): Promise<boolean>
}

export class ObjectNotFoundError extends Error {}

const KEY = /^[a-z0-9][a-z0-9/_.-]*$/
const TEMPORARY = '.partial-'

function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..' || part.startsWith(TEMPORARY))) {
    throw new Error(`not a valid object key: ${JSON.stringify(key)}`)
  }
  return key
}

export function localObjectStore(root: string): ObjectStore {
  const file = (key: string) => path.join(root, checkKey(key))
  return {
    async put(key, body) {
      const target = file(key)
      await mkdir(path.dirname(target), { recursive: true })
      const partial = path.join(path.dirname(target), `${TEMPORARY}${randomUUID()}`)
      let bytes = 0
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'wx' }))
        await rename(partial, target)
      } catch (error) {
        await rm(partial, { force: true })
        throw error
      }
      return { bytes }
    },
    async get(key) {
      const target = file(key)
      if (!(await this.exists(key))) throw new ObjectNotFoundError(`There is no object ${key}.`)
      return createReadStream(target)
    },
    async delete(key) {
      await rm(file(key), { force: true })
    },
    async exists(key) {
      return stat(file(key)).then(
        (s) => s.isFile(),
        () => false,
      )
    },
  }
}

/** Remove temporary files left by writes that a crash interrupted (older than `ageMs`). */
export async function sweepPartialObjects(root: string, ageMs: number): Promise<number> {
  let removed = 0
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.startsWith(TEMPORARY)) continue
    const full = path.join(entry.parentPath, entry.name)
    const info = await stat(full).catch(() => null)
    if (info && Date.now() - info.mtimeMs > ageMs) {
      await rm(full, { force: true })
      removed++
    }
  }
  return removed
}

export const objectRoot = () => path.resolve(env().CANDOR_DATA_DIR, 'objects')

export function objectStore(): ObjectStore {
  return localObjectStore(objectRoot())
}
