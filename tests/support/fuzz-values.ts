// Hostile values for the input fuzz test: NUL and control characters, overlong and oddly encoded
// text, huge and malformed numbers, header injection, markup. A value is either text (encoded by
// the sender) or `raw`, already percent-encoded bytes sent as they are (bad UTF-8, say).
export type FuzzValue = string | { raw: string }

const CONTROLS = [0, 1, 7, 8, 11, 12, 27, 31, 127].map((code) => String.fromCharCode(code))

export const FUZZ_TEXT: FuzzValue[] = [
  '\u0000',
  'Alpha\u0000Ltd',
  ...CONTROLS.map((c) => `x${c}y`),
  'Alpha Ltd\r\nBcc: victim@evil.example',
  'line\rbreak',
  '',
  ' ',
  '\t\t',
  'a'.repeat(201),
  'a'.repeat(5_000),
  'ü'.repeat(60_000),
  '😀'.repeat(3_000),
  '\u202eevil\u202c',
  '\ufeffbom',
  '\ud800',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  'javascript:alert(1)',
  '%00',
  '%s%n%x',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '2147483648',
  '-2147483649',
  'NaN',
  'Infinity',
  '0x7fffffff',
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  'a@b',
  `${'a'.repeat(300)}@example.com`,
  '"quoted local"@example.com',
  'user@[127.0.0.1]',
  'user@exa mple.com',
  'true',
  'null',
  '[]',
  '{}',
  { raw: '%C3%28' },
  { raw: '%FF%FE%FD' },
  { raw: '%E0%A4%A' },
  { raw: '%' },
  { raw: '%ED%A0%80' },
  { raw: '%F4%90%80%80' },
  { raw: '%C0%AF' },
]

/** Values that end up in a path segment of a route (a slug, a token, a reference, an id). */
export const FUZZ_PATH: FuzzValue[] = [
  { raw: '%00' },
  { raw: 'x%00' },
  { raw: '%0A' },
  { raw: '%C3%28' },
  { raw: '%E0%A4%A' },
  { raw: '%2e%2e' },
  { raw: '%2F%2F' },
  'a'.repeat(3_000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '99999999999999999999',
  '-1',
  'PR-0',
  '<script>',
  "'",
  '😀',
  'ACME',
  'null',
]

/** JSON values for API bodies: every JSON type, nesting, NUL escapes and huge numbers. */
export const FUZZ_JSON: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  [],
  {},
  ['access'],
  { nested: { deeper: ['x'] } },
  '\u0000',
  'x\u0000',
  '\u0007',
  'a'.repeat(10_000),
  '<script>alert(1)</script>',
  'Alpha\r\nBcc: victim@evil.example',
  '\ud800',
  '',
]

/** A small deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

/** `value` percent-encoded for a form body or a path (raw values are already encoded). */
export function encodeFuzz(value: FuzzValue): string {
  if (typeof value !== 'string') return value.raw
  // encodeURIComponent throws on a lone surrogate: send its UTF-8 bytes as a decoder would see them.
  return value.replace(/[\s\S]/gu, (c) => {
    try {
      return encodeURIComponent(c)
    } catch {
      return '%ED%A0%80'
    }
  })
}

/** The bytes of `value` for a multipart body: text as UTF-8, raw escapes as the bytes they name. */
export function fuzzBytes(value: FuzzValue): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8')
  const bytes: number[] = []
  for (let i = 0; i < value.raw.length; i++) {
    const hex = value.raw.slice(i + 1, i + 3)
    if (value.raw[i] === '%' && /^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else bytes.push(value.raw.charCodeAt(i))
  }
  return Buffer.from(bytes)
}
