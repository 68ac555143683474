// PDF, PNG and JPEG recognised from their first bytes (a browser's declared type and a file's
// name are claims; the bytes are not). Trust documents, a manual task's files and a requester's
// attachment each accept these, among others of their own. Pure.

export type SignedKind = 'pdf' | 'png' | 'jpeg'

const SIGNATURES: [SignedKind, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
]

export const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte)

/** Which of PDF, PNG or JPEG the bytes begin as (at least 8 of them), or null. */
export function signedKindOf(head: Uint8Array): SignedKind | null {
  return SIGNATURES.find(([, magic]) => startsWith(head, magic))?.[0] ?? null
}
