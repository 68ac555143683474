// New references (server only: node:crypto); their shapes are in reference.ts.
import { randomInt } from 'node:crypto'
import { REFERENCE_ALPHABET, type ReferenceKind } from './reference'

export function newReference(kind: ReferenceKind): string {
  let body = ''
  for (let i = 0; i < 8; i++) body += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]
  return `${kind}-${body}`
}
