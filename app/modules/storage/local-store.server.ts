// The object store in a local folder (the default, and what development and tests use). An
// object is written to a temporary file beside its final place, flushed to disk, then renamed
// over it: rename is atomic, so a reader sees the old object or the complete new one, never
// half of one. A crash leaves only the temporary file, whose name (starting with a dot) no
// valid key can reach; sweepTemporary() removes those once nobody has written them for a while.
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { ObjectNotFoundError, checkObjectKey } from './object-key'
import type { ObjectStore } from './object-store.server'

const TEMPORARY = /^\..+\.[0-9a-f]{16}\.tmp$/
const HOUR = 60 * 60 * 1000

// ENOTDIR: a key below another object's key (`a/b` when `a` is an object) is not there either.
const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')

/** Make what was written under `file` (a file or a folder's entries) survive a power cut. */
async function flushToDisk(file: string): Promise<void> {
  const handle = await open(file, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export function localObjectStore(root: string): ObjectStore {
  const fileOf = (key: string) => path.join(root, checkObjectKey(key))

  async function write(target: string, body: Readable): Promise<{ bytes: number }> {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`)
    const file = createWriteStream(temporary, { flags: 'wx', mode: 0o600 })
    try {
      await pipeline(body, file)
      await flushToDisk(temporary)
      await rename(temporary, target)
      await flushToDisk(path.dirname(target))
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
    return { bytes: file.bytesWritten }
  }

  return {
    location: root,

    async put(key, body) {
      try {
        return await write(fileOf(key), body)
      } catch (error) {
        // Without an error: a caller that piped into `body` may have no 'error' listener on it.
        body.destroy()
        throw error
      }
    },

    async get(key) {
      const file = fileOf(key)
      const handle = await open(file, 'r').catch((error: unknown) => {
        throw isMissing(error) ? new ObjectNotFoundError(key) : error
      })
      // Opened before reading: a delete or a replacing put from now on does not affect this read.
      if (!(await handle.stat()).isFile()) {
        await handle.close()
        throw new ObjectNotFoundError(key)
      }
      return handle.createReadStream()
    },

    async delete(key) {
      await rm(fileOf(key), { force: true })
    },

    async exists(key) {
      const file = fileOf(key)
      return stat(file).then(
        (info) => info.isFile(),
        (error: unknown) => {
          if (isMissing(error)) return false
          throw error
        },
      )
    },

    async *list(prefix) {
      // Only the folder the prefix names is read; the rest of the prefix filters its keys.
      const folder = path.join(root, prefix.slice(0, prefix.lastIndexOf('/') + 1))
      const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
        if (isMissing(error)) return []
        throw error
      })
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue
        const file = path.join(entry.parentPath, entry.name)
        const key = path.relative(root, file).split(path.sep).join('/')
        if (!key.startsWith(prefix)) continue
        const info = await stat(file).catch(() => null)
        if (info) yield { key, writtenAt: info.mtime }
      }
    },

    async sweepTemporary(olderThanMs = HOUR) {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
        if (isMissing(error)) return []
        throw error
      })
      let removed = 0
      for (const entry of entries) {
        if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue
        // A write in progress keeps touching its file: only long-idle ones were abandoned.
        const file = path.join(entry.parentPath, entry.name)
        const info = await stat(file).catch(() => null)
        if (info && Date.now() - info.mtimeMs >= olderThanMs) {
          await rm(file, { force: true })
          removed++
        }
      }
      return removed
    },
  }
}
