// The erasure replay list's keyed hashes, with real HMAC and HKDF: one person's address hashes
// the same whatever its case, differs from the plain digest anyone could compute, changes with
// the KEK, and a list hashed under a KEK that is not given is refused, naming that KEK.
import { createHash, randomBytes } from 'node:crypto'
import { expect, it } from 'vitest'
import { kekIdOf } from './kek.server'
import { currentSubjectHasher, subjectHasherOf } from './subject-hash.server'

const current = randomBytes(32)
const previous = randomBytes(32)
// Read on first use of the keyring: this file's own keys.
process.env.CANDOR_KEK = current.toString('base64')
process.env.CANDOR_KEK_PREVIOUS = previous.toString('base64')

it('hashes an address under a key derived from the KEK, the same whatever its case, never the plain digest', async () => {
  const hasher = await currentSubjectHasher()
  expect(hasher.version).toBe(`v1:${kekIdOf(current)}`)
  const hash = hasher.hashEmail('noor@customer.example')
  expect(hash).toMatch(/^[0-9a-f]{64}$/)
  expect(hasher.hashEmail('Noor@Customer.EXAMPLE')).toBe(hash)
  expect(hash).not.toBe(createHash('sha256').update('noor@customer.example').digest('hex'))
  expect(hasher.hashEmail('noor@customer.exampl')).not.toBe(hash)
})

it('reads hashes made under the previous KEK, and refuses a KEK it was not given, naming it', async () => {
  const old = await subjectHasherOf(`v1:${kekIdOf(previous)}`)
  expect(old.hashEmail('noor@customer.example')).not.toBe((await currentSubjectHasher()).hashEmail('noor@customer.example'))
  expect((await subjectHasherOf(`v1:${kekIdOf(current)}`)).hashEmail('a@b.example')).toBe((await currentSubjectHasher()).hashEmail('a@b.example'))
  const unknown = kekIdOf(randomBytes(32))
  await expect(subjectHasherOf(`v1:${unknown}`)).rejects.toThrow(
    `erasure replay entries were hashed under the KEK ${unknown}, which is neither CANDOR_KEK (${kekIdOf(current)}) nor CANDOR_KEK_PREVIOUS (${kekIdOf(previous)})`,
  )
})
