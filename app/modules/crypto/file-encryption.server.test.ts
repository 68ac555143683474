// The encrypted file format, with real AES-256-GCM: round trips at the record boundaries, and
// every way a stored export could be damaged or swapped failing loudly without leaking a byte
// of an unauthenticated record. The keys here are random; deriving them from a workspace's data
// key is covered in tests/integration/encrypted-objects.test.ts.
import { createHash, randomBytes } from 'node:crypto'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { DecryptionError } from './envelope.server'
import { decryptStream, encryptStream } from './file-encryption.server'

const KiB = 1024
const MB = 1000 * 1000
const HEADER = 17
const TAG = 16
const RECORD = 64 * KiB
const place = 'workspaces/0b6f0d6e-8f7e-4a57-9a43-3a3c1c1e2f10/exports/request.zip'

function chunks(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size))
  return parts
}

async function collect(source: Readable): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of source) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

const encrypt = (plain: Buffer, key: Buffer, aad = place, chunkSize = 4099) =>
  collect(Readable.from(chunks(plain, chunkSize)).pipe(encryptStream(key, aad)))

/** What a reader received before the stream failed, and how it failed. */
async function decrypt(sealed: Buffer, key: Buffer, aad = place, chunkSize = 5003) {
  const received: Buffer[] = []
  let error: unknown
  try {
    await pipeline(
      Readable.from(chunks(sealed, chunkSize)),
      decryptStream(key, aad),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          received.push(chunk)
          done()
        },
      }),
    )
  } catch (caught) {
    error = caught
  }
  return { plain: Buffer.concat(received), error }
}

async function expectRefused(sealed: Buffer, key: Buffer, message: RegExp, aad = place) {
  const { plain, error } = await decrypt(sealed, key, aad)
  expect(error).toBeInstanceOf(DecryptionError)
  expect((error as Error).message).toMatch(message)
  return plain
}

const records = (bytes: number) => Math.max(1, Math.ceil(bytes / RECORD))

describe('encryptStream / decryptStream', () => {
  it.each([
    ['nothing', 0],
    ['one byte', 1],
    ['exactly one record', 64 * KiB],
    ['one record and one byte', 64 * KiB + 1],
    ['5 MB', 5 * MB],
  ])('round-trips %s, in any chunking', async (_name, bytes) => {
    const key = randomBytes(32)
    const plain = randomBytes(bytes)
    const sealed = await encrypt(plain, key)
    expect(sealed.length).toBe(HEADER + plain.length + records(bytes) * TAG)
    expect(sealed.subarray(0, 4).toString()).toBe('CNDF')
    expect((await decrypt(sealed, key)).plain.equals(plain)).toBe(true)
    if (bytes <= RECORD + 1) {
      // Byte by byte in and out: record boundaries do not depend on how the stream is cut.
      const again = await encrypt(plain, key, place, 1)
      const { plain: opened, error } = await decrypt(again, key, place, 1)
      expect(error).toBeUndefined()
      expect(opened.equals(plain)).toBe(true)
    }
  })

  it('never writes the same ciphertext twice for the same file', async () => {
    const key = randomBytes(32)
    const plain = Buffer.from('Subject: Ada Lovelace, ada@example.com, +44 20 7946 0000\n'.repeat(100))
    const [first, second] = await Promise.all([encrypt(plain, key), encrypt(plain, key)])
    expect(first.equals(second)).toBe(false)
    expect(first.includes(Buffer.from('Lovelace'))).toBe(false)
  })

  describe('refuses a damaged or misplaced file', () => {
    // Three records: two full ones and a last one of 100 bytes.
    const key = randomBytes(32)
    const plain = randomBytes(2 * RECORD + 100)
    const sealedRecord = RECORD + TAG
    const record = (sealed: Buffer, n: number) => sealed.subarray(HEADER + n * sealedRecord, HEADER + (n + 1) * sealedRecord)

    it('with one byte changed, passing on only the records before it', async () => {
      const sealed = await encrypt(plain, key)
      const tampered = Buffer.from(sealed)
      tampered[HEADER + sealedRecord + 1234]! ^= 0x01
      const received = await expectRefused(tampered, key, /record 2 was altered/)
      // The first record authenticated and was passed on; nothing of the second one was.
      expect(received.equals(plain.subarray(0, RECORD))).toBe(true)
    })

    it('with an altered tag, header or record size', async () => {
      const sealed = await encrypt(plain, key)
      const tag = Buffer.from(sealed)
      tag[tag.length - 1]! ^= 0x80
      expect((await expectRefused(tag, key, /record 3 was altered/)).length).toBe(2 * RECORD)
      const prefix = Buffer.from(sealed)
      prefix[HEADER - 1]! ^= 0x01
      expect((await expectRefused(prefix, key, /record 1 was altered/)).length).toBe(0)
      const size = Buffer.from(sealed)
      size.writeUInt32BE(32 * KiB, 5)
      expect((await expectRefused(size, key, /record 1 was altered/)).length).toBe(0)
      const version = Buffer.from(sealed)
      version[4] = 2
      await expectRefused(version, key, /format version 2/)
    })

    it('cut short: the last record, part of it, or all but the header', async () => {
      const sealed = await encrypt(plain, key)
      const withoutLast = sealed.subarray(0, HEADER + 2 * sealedRecord)
      expect((await expectRefused(withoutLast, key, /cut short/)).length).toBe(RECORD)
      const partOfLast = sealed.subarray(0, sealed.length - 1)
      expect((await expectRefused(partOfLast, key, /record 3 was altered/)).length).toBe(2 * RECORD)
      await expectRefused(sealed.subarray(0, HEADER + 5), key, /cut short/)
      await expectRefused(sealed.subarray(0, 10), key, /not a Candor encrypted file/)
      await expectRefused(Buffer.alloc(0), key, /it is empty/)
    })

    it('with records swapped, repeated or appended', async () => {
      const sealed = await encrypt(plain, key)
      const header = sealed.subarray(0, HEADER)
      const last = sealed.subarray(HEADER + 2 * sealedRecord)
      const swapped = Buffer.concat([header, record(sealed, 1), record(sealed, 0), last])
      expect((await expectRefused(swapped, key, /record 1 was altered/)).length).toBe(0)
      const repeated = Buffer.concat([header, record(sealed, 0), record(sealed, 0), last])
      expect((await expectRefused(repeated, key, /record 2 was altered/)).length).toBe(RECORD)
      const appended = Buffer.concat([sealed, randomBytes(40)])
      expect((await expectRefused(appended, key, /record 3 was altered/)).length).toBe(2 * RECORD)
    })

    it('under another key, another place, or spliced from another file', async () => {
      const sealed = await encrypt(plain, key)
      await expectRefused(sealed, randomBytes(32), /record 1 was altered/)
      await expectRefused(sealed, key, /record 1 was altered/, `${place}.old`)
      // Same key and place, another encryption: its records do not fit this file's header.
      const other = await encrypt(plain, key)
      const spliced = Buffer.concat([sealed.subarray(0, HEADER + sealedRecord), other.subarray(HEADER + sealedRecord)])
      expect((await expectRefused(spliced, key, /record 2 was altered/)).length).toBe(RECORD)
      await expectRefused(randomBytes(500), key, /not a Candor encrypted file/)
    })
  })

  it('refuses a key that is not 32 bytes', () => {
    expect(() => encryptStream(randomBytes(16), place)).toThrow(/32 bytes/)
    expect(() => decryptStream(Buffer.alloc(0), place)).toThrow(/32 bytes/)
  })

  it('streams 200 MB through encryption and back with flat memory', async () => {
    const key = randomBytes(32)
    const total = 200 * MB
    const block = randomBytes(64 * KiB + 7) // an odd size, so chunks straddle records
    const source = Readable.from(
      (function* () {
        for (let sent = 0; sent < total; sent += block.length) yield block.subarray(0, Math.min(block.length, total - sent))
      })(),
    )
    const used = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage()
      return heapUsed + arrayBuffers
    }
    const before = used()
    let peak = before
    let received = 0
    const expected = createHash('sha256')
    for (let sent = 0; sent < total; sent += block.length) expected.update(block.subarray(0, Math.min(block.length, total - sent)))
    const actual = createHash('sha256')
    await pipeline(
      source,
      encryptStream(key, place),
      decryptStream(key, place),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          actual.update(chunk)
          received += chunk.length
          if (received % (8 * RECORD) < chunk.length) peak = Math.max(peak, used())
          done()
        },
      }),
    )
    expect(received).toBe(total)
    expect(actual.digest('hex')).toBe(expected.digest('hex'))
    // Holding the file would cost 200 MB or more; streaming holds a few records at a time, plus
    // garbage the collector has not reclaimed yet (35-45 MB measured here, hence the margin).
    expect(peak - before).toBeLessThan(100 * MB)
  }, 60_000)
})
