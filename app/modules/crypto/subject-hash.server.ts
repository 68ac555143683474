// Keyed hashes of a data subject's identifiers (HMAC-SHA256), for the erasure replay list: a
// restore can recognise an erased person among restored rows without the list ever naming them.
// The key is derived from the KEK with HKDF and never stored: a restore that lost the database
// still has it (it needs the KEK anyway to read the restored secrets), a dump of the list alone
// cannot be tested against guessed addresses. Its version names the KEK it came from, so a list
// written before a KEK rotation is read with CANDOR_KEK_PREVIOUS (decision 021).
import { createHmac, hkdfSync } from 'node:crypto'
import { type Kek, keyring } from './kek.server'

const INFO = 'candor:erasure-replay:v1'

export type SubjectHasher = {
  /** `v1:<KEK id>`: stored with every hash it made. */
  version: string
  hashEmail(email: string): string
}

export class SubjectHashKeyMissingError extends Error {}

function hasherFrom(kek: Kek): SubjectHasher {
  const key = Buffer.from(hkdfSync('sha256', kek.key, Buffer.alloc(0), INFO, 32))
  return {
    version: `v1:${kek.id}`,
    // Every table the built-in erasure matches stores e-mails in lower case (a CHECK).
    hashEmail: (email) => createHmac('sha256', key).update(email.toLowerCase()).digest('hex'),
  }
}

/** The hasher for new entries: under the current KEK. */
export async function currentSubjectHasher(): Promise<SubjectHasher> {
  return hasherFrom((await keyring()).current)
}

/** The hasher that made hashes of `version`, from CANDOR_KEK or CANDOR_KEK_PREVIOUS. */
export async function subjectHasherOf(version: string): Promise<SubjectHasher> {
  const { current, previous } = await keyring()
  const kek = [current, previous].find((k) => k && `v1:${k.id}` === version)
  if (!kek) {
    throw new SubjectHashKeyMissingError(
      `erasure replay entries were hashed under the KEK ${version.replace(/^v1:/, '')}, which is neither CANDOR_KEK (${current.id}) ` +
        `nor CANDOR_KEK_PREVIOUS${previous ? ` (${previous.id})` : ''}: set CANDOR_KEK_PREVIOUS to that key and run the restore again.`,
    )
  }
  return hasherFrom(kek)
}
