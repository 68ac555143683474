// No value can add a header to an e-mail Candor sends. A DPA legal name of
// `Alpha Ltd\r\nBcc: x@evil.example` was stored and used as a subject; here such values go
// through the e-mail module (queueEmail stores the message, deliverEmail hands it to the real
// Resend SDK, talking to a local stand-in) and neither the stored row nor the request Resend
// receives holds a line break or another control character in a header.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { deliverEmail } from '~/modules/email/delivery.server'
import { queueEmail } from '~/modules/email/email.server'
import { isOneLine } from '~/modules/formats/one-line'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { makeWorkspace } from '../support/factories'
import { startResendStandIn } from '../support/resend-stand-in'

const system = { type: 'system', reason: 'test' } as const
let resend: Awaited<ReturnType<typeof startResendStandIn>>

beforeAll(async () => {
  resend = await startResendStandIn()
  process.env.RESEND_API_KEY = 're_test_1234567890'
  process.env.RESEND_BASE_URL = resend.url
  await startQueue({ supervise: false })
})
afterAll(async () => {
  await stopQueue({ graceMs: 0 })
  await resend.close()
})
beforeEach(() => {
  resend.received.length = 0
})

async function queued(input: { subject: string; headers?: Record<string, string> }) {
  const { workspace } = await makeWorkspace()
  const { messageId } = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
    queueEmail(tx, workspace.id, { to: 'sam@example.com', text: 'Hello', ...input }),
  )
  return { messageId, job: { messageId, workspaceId: workspace.id } }
}

const row = async (id: string) =>
  (await ownerPool().query('SELECT "to", "from", subject, headers, status FROM email_message WHERE id = $1', [id])).rows[0]

describe('a subject built from a value with line breaks', () => {
  it.each([
    ['Alpha Ltd\r\nBcc: x@evil.example', 'Your signed DPA with Alpha Ltd Bcc: x@evil.example'],
    ['Alpha Ltd\nBcc: x@evil.example', 'Your signed DPA with Alpha Ltd Bcc: x@evil.example'],
    ['Alpha Ltd\rBcc: x@evil.example', 'Your signed DPA with Alpha Ltd Bcc: x@evil.example'],
    ['Alpha\u0000Ltd\u0085\u2028Bcc:\tx@evil.example', 'Your signed DPA with Alpha Ltd Bcc: x@evil.example'],
  ])('%j is stored and sent on one line', async (legalName, expected) => {
    const { messageId, job } = await queued({ subject: `Your signed DPA with ${legalName}` })
    const stored = await row(messageId)
    expect(stored.subject).toBe(expected)
    expect(await deliverEmail(job)).toBe('sent')
    const [sent] = resend.received
    expect(sent!.body.subject).toBe(expected)
    for (const field of ['from', 'to', 'subject']) expect(isOneLine(String(sent!.body[field]))).toBe(true)
  })
})

describe('a message stored before this rule (or written around the module)', () => {
  it('goes out with its subject and sender name on one line', async () => {
    const { messageId, job } = await queued({ subject: 'Hello' })
    await ownerPool().query('UPDATE email_message SET subject = $2, "from" = $3 WHERE id = $1', [
      messageId,
      'Your signed DPA with Alpha Ltd\r\nBcc: x@evil.example',
      'Alpha Ltd\r\nBcc: x@evil.example <no-reply@candor.localhost>',
    ])
    expect(await deliverEmail(job)).toBe('sent')
    const [sent] = resend.received
    expect(sent!.body).toMatchObject({
      subject: 'Your signed DPA with Alpha Ltd Bcc: x@evil.example',
      from: 'Alpha Ltd Bcc: x@evil.example <no-reply@candor.localhost>',
      to: 'sam@example.com',
    })
  })

  it.each([
    ['an address', '"to" = $2', 'sam@example.com\r\nBcc: x@evil.example'],
    ['the sender’s address', '"from" = $2', 'Candor <no-reply@candor.localhost\r\nBcc: x@evil.example>'],
    ['an extra header', 'headers = $2', JSON.stringify({ 'List-Id': 'news\r\nBcc: x@evil.example' })],
  ])('is not sent at all when %s would end its line', async (_what, assignment, value) => {
    const { messageId, job } = await queued({ subject: 'Hello' })
    await ownerPool().query(`UPDATE email_message SET ${assignment} WHERE id = $1`, [messageId, value])
    await expect(deliverEmail(job)).rejects.toThrow(/e-mail/i)
    expect(resend.received).toHaveLength(0)
    expect((await row(messageId)).status).toBe('queued')
  })
})

describe('extra headers given to queueEmail', () => {
  it.each(['x\r\nBcc: x@evil.example', 'x\nBcc: x@evil.example', 'x\u0000y', 'x\u2028Bcc: x@evil.example'])(
    'refuses the value %j before anything is stored',
    async (value) => {
      const before = (await ownerPool().query('SELECT count(*)::int AS n FROM email_message')).rows[0].n
      await expect(queued({ subject: 'A notice', headers: { 'List-Id': value } })).rejects.toThrow()
      expect((await ownerPool().query('SELECT count(*)::int AS n FROM email_message')).rows[0].n).toBe(before)
    },
  )
})
