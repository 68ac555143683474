// The SHA-256 of a token, code or text as lower-case hex: what Candor stores in place of
// anything usable (links, codes, session ids), and the digest of stored files.
import { createHash } from 'node:crypto'

export const sha256Hex = (value: string | Buffer) => createHash('sha256').update(value).digest('hex')
