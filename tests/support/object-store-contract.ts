// What every object store promises (local folder, S3), as one suite each store's test runs:
// streamed round trips, replacing and deleting, and atomic writes: a reader never sees a
// half-written object, and a write whose source fails leaves the previous state untouched.
import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { expect, it } from 'vitest'
import { InvalidObjectKeyError, ObjectNotFoundError } from '~/modules/storage/object-key'
import type { ObjectStore } from '~/modules/storage/object-store.server'

const MiB = 1024 * 1024

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of stream) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** `bytes` in 256 KiB chunks, like a file or an HTTP body. */
const streamOf = (bytes: Buffer) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 256 * 1024) yield bytes.subarray(at, at + 256 * 1024)
    })(),
  )

/** A source that sends `bytes`, then fails the way a crashing producer would. */
export const failingAfter = (bytes: Buffer) =>
  Readable.from(
    (async function* () {
      yield* streamOf(bytes)
      throw new Error('the export builder crashed')
    })(),
  )

/** A source that sends `bytes`, then waits for `finish()` before it ends. */
function heldOpen(bytes: Buffer) {
  let finish!: () => void
  let sent = false
  const released = new Promise<void>((resolve) => (finish = resolve))
  const body = Readable.from(
    (async function* () {
      yield* streamOf(bytes)
      sent = true
      await released
    })(),
  )
  return { body, finish, sent: () => sent }
}

const unique = (name: string) => `contract/${randomBytes(4).toString('hex')}/${name}`

/** Register the contract's tests for the store that `store()` returns (called inside a describe). */
export function objectStoreContract(store: () => ObjectStore) {
  it('stores a streamed object and gives it back', async () => {
    const key = unique('export.zip')
    const bytes = randomBytes(3 * MiB + 17)
    expect(await store().exists(key)).toBe(false)
    expect(await store().put(key, streamOf(bytes))).toEqual({ bytes: bytes.length })
    expect(await store().exists(key)).toBe(true)
    expect(sha256(await readAll(await store().get(key)))).toBe(sha256(bytes))
  })

  it('stores an object larger than one upload part (12 MiB) and an empty one', async () => {
    const large = randomBytes(12 * MiB)
    const empty = unique('empty.jsonl')
    expect(await store().put(unique('large.zip'), streamOf(large))).toEqual({ bytes: large.length })
    expect(await store().put(empty, Readable.from([]))).toEqual({ bytes: 0 })
    expect((await readAll(await store().get(empty))).length).toBe(0)
  })

  it('replaces an object written again under the same key', async () => {
    const key = unique('tasks/emails.jsonl')
    await store().put(key, streamOf(Buffer.from('first version\n')))
    await store().put(key, streamOf(Buffer.from('second version\n')))
    expect((await readAll(await store().get(key))).toString()).toBe('second version\n')
  })

  it('deletes, and deleting what is not there is fine', async () => {
    const key = unique('export.zip')
    await store().put(key, streamOf(Buffer.from('zip bytes')))
    await store().delete(key)
    expect(await store().exists(key)).toBe(false)
    await expect(store().get(key)).rejects.toBeInstanceOf(ObjectNotFoundError)
    await store().delete(key)
    await store().delete(unique('never-written.zip'))
  })

  it('says plainly when an object is not there', async () => {
    const key = unique('missing.zip')
    await expect(store().get(key)).rejects.toThrow(ObjectNotFoundError)
    await expect(store().get(key)).rejects.toThrow(`There is no object ${key}`)
  })

  it('keeps keys apart: a prefix or a neighbour is another object', async () => {
    const base = unique('exports')
    await store().put(`${base}/a.zip`, streamOf(Buffer.from('a')))
    await store().put(`${base}/b.zip`, streamOf(Buffer.from('b')))
    expect(await store().exists(base)).toBe(false)
    expect(await store().exists(`${base}/c.zip`)).toBe(false)
    expect((await readAll(await store().get(`${base}/b.zip`))).toString()).toBe('b')
  })

  it('lists the complete objects under a prefix, with when each was written', async () => {
    const base = unique('exports')
    const before = Date.now() - 5_000
    await store().put(`${base}/a.zip`, streamOf(Buffer.from('a')))
    await store().put(`${base}/deeper/b.zip`, streamOf(Buffer.from('b')))
    await store().put(`${base}-neighbour/c.zip`, streamOf(Buffer.from('c')))
    const listed = []
    for await (const object of store().list(`${base}/`)) listed.push(object)
    expect(listed.map((object) => object.key).sort()).toEqual([`${base}/a.zip`, `${base}/deeper/b.zip`])
    for (const object of listed) expect(object.writtenAt.getTime()).toBeGreaterThan(before)
    const none = []
    for await (const object of store().list(unique('nothing/'))) none.push(object)
    expect(none).toEqual([])
  })

  it('shows nothing while an object is being written', async () => {
    const key = unique('export.zip')
    const bytes = randomBytes(9 * MiB) // more than one upload part: parts are sent meanwhile
    const source = heldOpen(bytes)
    const writing = store().put(key, source.body)
    while (!source.sent()) await new Promise((resolve) => setTimeout(resolve, 20))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await store().exists(key)).toBe(false)
    await expect(store().get(key)).rejects.toBeInstanceOf(ObjectNotFoundError)
    source.finish()
    expect(await writing).toEqual({ bytes: bytes.length })
    expect(sha256(await readAll(await store().get(key)))).toBe(sha256(bytes))
  })

  it.each([
    ['at once', 0],
    ['after some bytes', 100 * 1024],
    ['after more than one upload part', 10 * MiB],
  ])('leaves no object when the source fails %s', async (_when, size) => {
    const key = unique('export.zip')
    await expect(store().put(key, failingAfter(randomBytes(size)))).rejects.toThrow('the export builder crashed')
    expect(await store().exists(key)).toBe(false)
    await expect(store().get(key)).rejects.toBeInstanceOf(ObjectNotFoundError)
  })

  it('keeps the previous object when a replacing write fails', async () => {
    const key = unique('export.zip')
    await store().put(key, streamOf(Buffer.from('the complete export')))
    await expect(store().put(key, failingAfter(randomBytes(10 * MiB)))).rejects.toThrow('the export builder crashed')
    expect((await readAll(await store().get(key))).toString()).toBe('the complete export')
  })

  it.each(['../escape.zip', 'exports/../../etc/passwd', '/absolute.zip', 'Upper.zip', 'a//b.zip', 'a/./b', 'a/.hidden', 'trailing/', '', 'space .zip', 'a\\b.zip', `${'x'.repeat(513)}`])(
    'refuses the key %j everywhere, and stops the source of a refused write',
    async (key) => {
      const body = Readable.from([Buffer.from('data')])
      await expect(store().put(key, body)).rejects.toBeInstanceOf(InvalidObjectKeyError)
      expect(body.destroyed).toBe(true)
      await expect(store().get(key)).rejects.toBeInstanceOf(InvalidObjectKeyError)
      await expect(store().exists(key)).rejects.toBeInstanceOf(InvalidObjectKeyError)
      await expect(store().delete(key)).rejects.toBeInstanceOf(InvalidObjectKeyError)
    },
  )
}
