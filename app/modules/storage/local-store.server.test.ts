// The local-folder object store: the shared contract, plus what only a folder can show: no
// temporary file outlives a failed write, files are private to the process's user, and the
// sweep removes what a crash left behind without touching writes in progress.
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { failingAfter, objectStoreContract } from '../../../tests/support/object-store-contract'
import { localObjectStore } from './local-store.server'
import type { ObjectStore } from './object-store.server'

let root: string
let store: ObjectStore

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'candor-objects-'))
  store = localObjectStore(root)
})
afterAll(() => rm(root, { recursive: true, force: true }))

const filesUnder = async (folder: string) =>
  (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name)

describe('local object store', () => {
  objectStoreContract(() => store)

  it('keeps objects as files under its folder, readable by this user only', async () => {
    await store.put('workspaces/w1/exports/r1.zip', Readable.from([Buffer.from('zip')]))
    const info = await stat(path.join(root, 'workspaces/w1/exports/r1.zip'))
    expect(info.mode & 0o777).toBe(0o600)
    expect(store.location).toBe(root)
  })

  it('leaves no temporary file behind when the source fails', async () => {
    const folder = 'failing/writes'
    await store.put(`${folder}/kept.zip`, Readable.from([Buffer.from('kept')]))
    await expect(store.put(`${folder}/export.zip`, failingAfter(randomBytes(300_000)))).rejects.toThrow(/crashed/)
    expect(await filesUnder(path.join(root, folder))).toEqual(['kept.zip'])
  })

  it('sweeps temporary files a crash left behind, once they are old, and nothing else', async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'candor-objects-sweep-'))
    const swept = localObjectStore(own)
    await swept.put('exports/done.zip', Readable.from([Buffer.from('complete')]))
    await mkdir(path.join(own, 'exports'), { recursive: true })
    const abandoned = path.join(own, 'exports', `.crashed.zip.${randomBytes(8).toString('hex')}.tmp`)
    const inProgress = path.join(own, 'exports', `.writing.zip.${randomBytes(8).toString('hex')}.tmp`)
    await writeFile(abandoned, 'half an export')
    await writeFile(inProgress, 'half of another')
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    await utimes(abandoned, twoHoursAgo, twoHoursAgo)
    expect(await swept.sweepTemporary()).toBe(1)
    expect((await filesUnder(own)).sort()).toEqual([path.basename(inProgress), 'done.zip'].sort())
    expect(await swept.sweepTemporary(0)).toBe(1)
    expect(await filesUnder(own)).toEqual(['done.zip'])
    expect(await localObjectStore(path.join(own, 'not-created-yet')).sweepTemporary()).toBe(0)
    await rm(own, { recursive: true, force: true })
  })

  it('cannot be reached outside its folder, even through a key that looks like a path', async () => {
    await expect(store.get('../outside.zip')).rejects.toThrow(/Not a valid object key/)
    await expect(store.exists('exports/..')).rejects.toThrow(/Not a valid object key/)
  })
})
