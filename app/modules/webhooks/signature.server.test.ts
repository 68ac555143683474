import { describe, expect, it } from 'vitest'
import { signWebhook, verifyWebhookSignature } from './signature.server'

const secret = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG'
const body = JSON.stringify({ id: 'f3b0', type: 'request.received', data: { reference: 'R-ABCDEFGH' } })
const now = Date.UTC(2026, 10, 24, 9, 0, 0)

describe('webhook signatures', () => {
  it('verifies what was signed, with the time and the HMAC in the header', () => {
    const header = signWebhook(secret, body, now)
    expect(header).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/)
    expect(header.startsWith(`t=${now / 1000},`)).toBe(true)
    expect(verifyWebhookSignature(secret, header, body, 300, now)).toBe(true)
    expect(verifyWebhookSignature(secret, header, Buffer.from(body), 300, now + 299_000)).toBe(true)
  })

  it.each([
    ['another body', (h: string) => [secret, h, body.replace('R-ABCDEFGH', 'R-ABCDEFGX')]],
    ['another secret', (h: string) => [`${secret}x`, h, body]],
    ['a changed time', (h: string) => [secret, h.replace(/^t=(\d+)/, (_, t) => `t=${Number(t) + 1}`), body]],
    ['a changed signature', (h: string) => [secret, h.replace(/.$/, (c) => (c === '0' ? '1' : '0')), body]],
    ['no signature', () => [secret, `t=${now / 1000}`, body]],
    ['no time', (h: string) => [secret, h.replace(/^t=\d+,/, ''), body]],
    ['a short signature', () => [secret, `t=${now / 1000},v1=abcd`, body]],
    ['garbage', () => [secret, 'hello', body]],
    ['an empty header', () => [secret, '', body]],
  ])('refuses %s', (_, change) => {
    const [s, h, b] = change(signWebhook(secret, body, now)) as [string, string, string]
    expect(verifyWebhookSignature(s, h, b, 300, now)).toBe(false)
  })

  it('refuses a signature older or newer than the tolerance (a replay)', () => {
    const header = signWebhook(secret, body, now)
    expect(verifyWebhookSignature(secret, header, body, 300, now + 301_000)).toBe(false)
    expect(verifyWebhookSignature(secret, header, body, 300, now - 301_000)).toBe(false)
    expect(verifyWebhookSignature(secret, header, body, 600, now + 301_000)).toBe(true)
  })

  it('accepts any one of several v1 values (as while a secret is being rolled)', () => {
    const header = signWebhook(secret, body, now)
    const other = signWebhook('whsec_other', body, now).split(',')[1]
    expect(verifyWebhookSignature(secret, `${header.split(',')[0]},${other},${header.split(',')[1]}`, body, 300, now)).toBe(true)
  })
})
