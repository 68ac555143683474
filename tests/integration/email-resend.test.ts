// With RESEND_API_KEY, e-mail is sent with the real Resend SDK to a local stand-in for
// Resend's API: success, provider errors, retries, giving up, and a stop in mid-send.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { EmailDeliveryError, deliverEmail } from '~/modules/email/delivery.server'
import { queueEmail } from '~/modules/email/email.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { startWorkers } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { providerError, startResendStandIn } from '../support/resend-stand-in'

const system = { type: 'system', reason: 'test' } as const
let resend: Awaited<ReturnType<typeof startResendStandIn>>

beforeAll(async () => {
  resend = await startResendStandIn()
  process.env.RESEND_API_KEY = 're_test_1234567890'
  process.env.RESEND_BASE_URL = resend.url
  process.env.EMAIL_FROM = 'Acme Privacy <privacy@acme.example>'
  await startQueue({ supervise: false })
})
afterAll(async () => {
  await stopQueue({ graceMs: 1000 })
  await resend.close()
})
beforeEach(() => {
  resend.received.length = 0
})

async function queued(subject = 'Your privacy request') {
  const { workspace } = await makeWorkspace()
  const { messageId } = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
    queueEmail(tx, workspace.id, { to: 'sam@example.com', subject, text: 'We received it.' }),
  )
  return { messageId, job: { messageId, workspaceId: workspace.id } }
}

const message = (id: string) =>
  ownerPool()
    .query('SELECT * FROM email_message WHERE id = $1', [id])
    .then((r) => r.rows[0])

async function fastRetries(retryLimit: number) {
  await startQueue({ supervise: false })
  await queue().updateQueue('email.send', {
    name: 'email.send',
    retryLimit,
    retryDelay: 1,
    retryBackoff: false,
  })
}

describe('delivery through Resend', () => {
  it('sends the message with its id as the idempotency key and records the provider id', async () => {
    const { messageId, job } = await queued()
    expect(await deliverEmail(job)).toBe('sent')
    expect(resend.received).toHaveLength(1)
    const [request] = resend.received
    expect(request).toMatchObject({ method: 'POST', path: '/emails' })
    expect(request!.headers.authorization).toBe('Bearer re_test_1234567890')
    expect(request!.headers['idempotency-key']).toBe(`email-message-${messageId}`)
    expect(request!.body).toMatchObject({
      from: 'Acme Privacy <privacy@acme.example>',
      to: 'sam@example.com',
      subject: 'Your privacy request',
      text: 'We received it.',
    })
    expect(await message(messageId)).toMatchObject({ status: 'sent', last_error: null })
    expect((await message(messageId)).provider_id).toMatch(/[0-9a-f-]{36}/)
  })

  it('passes the message’s extra headers (one-click unsubscribe) to Resend', async () => {
    const { workspace } = await makeWorkspace()
    const headers = {
      'List-Unsubscribe': '<https://candor.example/t/acme/subprocessors/unsubscribe/abc>, <mailto:privacy@acme.example?subject=unsubscribe%20abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    }
    const { messageId } = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      queueEmail(tx, workspace.id, { to: 'sam@example.com', subject: 'A notice', text: 'Hello', headers }),
    )
    expect(await deliverEmail({ messageId, workspaceId: workspace.id })).toBe('sent')
    expect(resend.received[0]!.body.headers).toEqual(headers)
    // A header value that would start another header is refused before anything is stored.
    await expect(
      withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
        queueEmail(tx, workspace.id, { to: 'sam@example.com', subject: 's', text: 't', headers: { 'List-Id': 'x\r\nBcc: eve@example.com' } }),
      ),
    ).rejects.toThrow()
  })

  it('does not send a delivered message twice', async () => {
    const { job } = await queued()
    await deliverEmail(job)
    expect(await deliverEmail(job)).toBe('already-delivered')
    expect(resend.received).toHaveLength(1)
  })

  it('records a provider error on the message and throws so the job retries', async () => {
    resend.replyTo('Refused', providerError(500))
    const { messageId, job } = await queued('Refused')
    await expect(deliverEmail(job)).rejects.toThrow(EmailDeliveryError)
    expect(await message(messageId)).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'internal_server_error: Resend is having a bad day',
    })
  })
})

describe('the email.send job', () => {
  it('retries after a provider error and then delivers', async () => {
    await fastRetries(3)
    await startWorkers(queue(), { pollingIntervalSeconds: 0.5 })
    resend.replyTo('Retried', providerError(503))
    const { messageId } = await queued('Retried')
    const sent = await eventually(
      async () => {
        const row = await message(messageId)
        return row.status === 'sent' && row
      },
      { what: 'the retried message to be sent' },
    )
    expect(sent.attempts).toBe(2)
    expect(sent.last_error).toBeNull()
    expect(resend.received.filter((r) => r.body.subject === 'Retried')).toHaveLength(2)
  })

  it('marks the message failed when every retry failed', async () => {
    await fastRetries(1)
    await startWorkers(queue(), { pollingIntervalSeconds: 0.5 })
    resend.replyTo('Doomed', providerError(500), providerError(500))
    const { messageId } = await queued('Doomed')
    const failed = await eventually(
      async () => {
        const row = await message(messageId)
        return row.status === 'failed' && row
      },
      { what: 'the message to be marked failed' },
    )
    expect(failed.attempts).toBe(2)
    expect(failed.last_error).toMatch(/bad day/)
  })

  it('is retried, not lost, when the process stops in the middle of a send', async () => {
    await fastRetries(3)
    await startWorkers(queue(), { pollingIntervalSeconds: 0.5 })
    resend.replyTo('Interrupted', 'hang')
    const { messageId } = await queued('Interrupted')
    await eventually(async () => resend.received.some((r) => r.body.subject === 'Interrupted'), {
      what: 'the send to start',
    })
    // SIGTERM runs this: running jobs get the grace period, then are failed for a retry.
    await stopQueue({ graceMs: 1000 })
    const { rows } = await ownerPool().query(
      "SELECT state FROM pgboss.job WHERE name = 'email.send' AND data->>'messageId' = $1",
      [messageId],
    )
    expect(rows).toEqual([{ state: 'retry' }])

    await startWorkers(await startQueue({ supervise: false }), { pollingIntervalSeconds: 0.5 })
    await eventually(async () => (await message(messageId)).status === 'sent', {
      what: 'the retried send after the restart',
    })
    const sends = resend.received.filter((r) => r.body.subject === 'Interrupted')
    expect(sends).toHaveLength(2)
    // Same idempotency key both times: Resend delivers the message once.
    expect(new Set(sends.map((r) => r.headers['idempotency-key'])).size).toBe(1)
    resend.releaseHeld()
  })
})
