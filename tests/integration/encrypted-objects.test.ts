// Files encrypted at rest end to end: a key derived from a real workspace's data key (real
// PostgreSQL, real KEK), a streamed export encrypted into each object store (local folder and a
// local S3 server) and read back; what the store holds reveals none of the subject's data, and
// the stored reference opens the file only at its own place, in its own workspace.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnv } from '~/modules/config/env.server'
import { DecryptionError } from '~/modules/crypto/envelope.server'
import { type FileKeyRef, decryptStream, encryptStream, fileKey, openFileKey } from '~/modules/crypto/file-encryption.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { localObjectStore } from '~/modules/storage/local-store.server'
import { type ObjectStore, objectStoreFor } from '~/modules/storage/object-store.server'
import { makeWorkspace } from '../support/factories'
import { readAll } from '../support/object-store-contract'
import { startS3StandIn } from '../support/s3-stand-in'

const system = { type: 'system', reason: 'test' } as const
const inTenant = <T>(workspaceId: string, work: Parameters<typeof withTenant<T>>[1]) =>
  withTenant({ workspaceId, actor: system }, work)

/** A data subject's export: a few MB of JSON lines naming them again and again. */
function subjectExport() {
  const subject = { name: faker.person.fullName(), email: faker.internet.email().toLowerCase(), phone: '+44 20 7946 0958' }
  const lines: string[] = []
  for (let i = 0; lines.length < 20_000; i++) {
    lines.push(`${JSON.stringify({ i, ...subject, note: faker.lorem.sentence(), at: new Date(2026, 0, 1 + (i % 300)) })}\n`)
  }
  return { subject, plain: Buffer.from(lines.join('')) }
}

/** Encrypt `plain` into `store` the way the export job does: one pipeline feeding one put. */
async function storeEncrypted(store: ObjectStore, key: string, secret: Buffer, plain: Buffer) {
  const ciphertext = new PassThrough()
  const [{ bytes }] = await Promise.all([
    store.put(key, ciphertext),
    pipeline(Readable.from([plain.subarray(0, 1_000_000), plain.subarray(1_000_000)]), encryptStream(secret, key), ciphertext),
  ])
  return bytes
}

/** Read and decrypt an object; pipeline (not pipe) closes the object's stream when decryption fails. */
async function open(store: ObjectStore, key: string, secret: Buffer): Promise<Buffer> {
  const parts: Buffer[] = []
  await pipeline(await store.get(key), decryptStream(secret, key), async (plain: AsyncIterable<Buffer>) => {
    for await (const part of plain) parts.push(part)
  })
  return Buffer.concat(parts)
}

let s3: Awaited<ReturnType<typeof startS3StandIn>>
let folder: string
const stores: Record<string, () => ObjectStore> = {}

beforeAll(async () => {
  s3 = await startS3StandIn()
  folder = await mkdtemp(path.join(tmpdir(), 'candor-encrypted-objects-'))
  const s3Store = objectStoreFor(parseEnv(s3.env))
  const local = localObjectStore(folder)
  stores['local folder'] = () => local
  stores['S3'] = () => s3Store
})
afterAll(async () => {
  await s3?.stop()
  await rm(folder, { recursive: true, force: true })
})

/** Every file under `root`, concatenated: what someone with the disk (or the bucket's files) sees. */
async function everythingStoredUnder(root: string): Promise<Buffer> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
  return Buffer.concat(await Promise.all(files.map((file) => readFile(file))))
}

describe.each(['local folder', 'S3'])('an export encrypted into the %s', (storeName) => {
  it('round-trips under a key derived from the workspace data key, and the store holds no plaintext', async () => {
    const store = stores[storeName]!()
    const { workspace } = await makeWorkspace()
    const key = `workspaces/${workspace.id}/exports/${faker.string.uuid()}.zip`
    const { subject, plain } = subjectExport()

    const { key: secret, ref } = await inTenant(workspace.id, (tx) => fileKey(tx, workspace.id, key))
    const bytes = await storeEncrypted(store, key, secret, plain)
    expect(bytes).toBe(17 + plain.length + Math.ceil(plain.length / 65536) * 16)

    // What the database keeps (a JSON column) is enough to open the file again.
    const stored = JSON.parse(JSON.stringify(ref)) as FileKeyRef
    expect(stored).toEqual({ dataKeyVersion: 1, salt: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) })
    const reopened = await inTenant(workspace.id, (tx) => openFileKey(tx, workspace.id, key, stored))
    expect(reopened.equals(secret)).toBe(true)
    expect((await open(store, key, reopened)).equals(plain)).toBe(true)

    const raw = await readAll(await store.get(key))
    const onDisk = await everythingStoredUnder(storeName === 'S3' ? s3.directory : folder)
    for (const secretText of [subject.email, subject.name, subject.phone, '"email"']) {
      expect(raw.includes(Buffer.from(secretText))).toBe(false)
      expect(onDisk.includes(Buffer.from(secretText))).toBe(false)
    }
  })
})

describe('file keys', () => {
  it('are new for every file, and neither the data key nor another file key', async () => {
    const { workspace } = await makeWorkspace()
    const key = `workspaces/${workspace.id}/exports/a.zip`
    const [first, second] = await inTenant(workspace.id, async (tx) => [
      await fileKey(tx, workspace.id, key),
      await fileKey(tx, workspace.id, key),
    ])
    expect(first.key.equals(second.key)).toBe(false)
    expect(first.ref.salt).not.toBe(second.ref.salt)
    const { rows } = await ownerPool().query('SELECT wrapped_key FROM workspace_key WHERE workspace_id = $1', [workspace.id])
    expect(rows).toHaveLength(1)
    expect((rows[0].wrapped_key as Buffer).includes(first.key.subarray(0, 8))).toBe(false)
  })

  it('open a file only at its own place, in its own workspace', async () => {
    const store = localObjectStore(folder)
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const key = `workspaces/${a.workspace.id}/exports/${faker.string.uuid()}.zip`
    const { plain } = subjectExport()
    const { key: secret, ref } = await inTenant(a.workspace.id, (tx) => fileKey(tx, a.workspace.id, key))
    await storeEncrypted(store, key, secret, plain)

    // The same reference, read for another place or workspace, derives another key.
    const elsewhere = await inTenant(a.workspace.id, (tx) => openFileKey(tx, a.workspace.id, `${key}.copy`, ref))
    await inTenant(b.workspace.id, (tx) => fileKey(tx, b.workspace.id, 'b')) // b gets its data key
    const otherWorkspace = await inTenant(b.workspace.id, (tx) => openFileKey(tx, b.workspace.id, key, ref))
    for (const wrong of [elsewhere, otherWorkspace]) {
      await expect(open(store, key, wrong)).rejects.toThrow(DecryptionError)
    }
    // A row-bound place is another place too.
    const rowBound = await inTenant(a.workspace.id, (tx) =>
      openFileKey(tx, a.workspace.id, { table: 'request_export', column: 'object', rowId: key }, ref),
    )
    await expect(open(store, key, rowBound)).rejects.toThrow(/cannot be read/)

    await expect(
      inTenant(a.workspace.id, (tx) => openFileKey(tx, a.workspace.id, key, { ...ref, dataKeyVersion: 9 })),
    ).rejects.toThrow(/no data key version 9/)
    await expect(
      inTenant(a.workspace.id, (tx) => openFileKey(tx, a.workspace.id, key, { ...ref, salt: randomBytes(4).toString('base64url') })),
    ).rejects.toThrow(/malformed/)
  })
})
