import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BEARER_TOKEN_SQL, redactBearerTokens, redactedMessage } from './bearer-tokens'

// The pattern the purge gives PostgreSQL reads the same in JavaScript.
const holdsBearerToken = (text: string) => new RegExp(BEARER_TOKEN_SQL).test(text)

const token = () => randomBytes(32).toString('base64url')

describe('redactBearerTokens', () => {
  it('replaces every token of a link, in a path or a query, and leaves the rest of the text as it was', () => {
    const a = token()
    const b = token()
    const text = `Download it: https://candor.example/t/acme/documents/access/${a}\nUnsubscribe: https://candor.example/u?token=${b}.`
    expect(redactBearerTokens(text)).toBe('Download it: https://candor.example/t/acme/documents/access/redacted\nUnsubscribe: https://candor.example/u?token=redacted.')
    expect(holdsBearerToken(text)).toBe(true)
    expect(holdsBearerToken(redactBearerTokens(text))).toBe(false)
  })

  it('leaves UUIDs, references, codes and longer runs alone', () => {
    const text = `Request ${randomUUID()} (REF-2026-ABCD), code 123456, ${'x'.repeat(44)} and ${'y'.repeat(42)}.`
    expect(redactBearerTokens(text)).toBe(text)
    expect(holdsBearerToken(text)).toBe(false)
    expect(holdsBearerToken(token())).toBe(true)
  })

  it('redacts the HTML and the List-Unsubscribe header of a message too', () => {
    const t = token()
    const message = redactedMessage({ text: `a ${t}`, html: `<a href="https://x.example/${t}">b</a>`, headers: { 'List-Unsubscribe': `<https://x.example/u/${t}>` } })
    expect(message).toEqual({ text: 'a redacted', html: '<a href="https://x.example/redacted">b</a>', headers: { 'List-Unsubscribe': '<https://x.example/u/redacted>' } })
  })
})
