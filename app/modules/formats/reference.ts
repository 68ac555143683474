// References people read aloud and retype: a letter for the kind ("R" a privacy request, "V" a
// vulnerability report), a dash and eight characters from an alphabet without look-alikes.

/** Human-friendly, unambiguous: no 0/O, 1/I/L, U. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'

export type ReferenceKind = 'R' | 'V'

/** A privacy request's reference as written, e.g. R-7K3Q9XHM (upper case only): R- and REFERENCE_ALPHABET. */
export const REQUEST_REFERENCE = /^R-[2-9A-HJKMNP-TV-Z]{8}$/
