// Without RESEND_API_KEY, e-mail goes through the real queue into the local outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { deliverEmail } from '~/modules/email/delivery.server'
import { queueEmail } from '~/modules/email/email.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { startWorkers } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'

const system = { type: 'system', reason: 'test' } as const

beforeAll(async () => {
  delete process.env.RESEND_API_KEY
  await startQueue({ supervise: false })
})
afterAll(() => stopQueue({ graceMs: 1000 }))

const message = (id: string) =>
  ownerPool()
    .query('SELECT * FROM email_message WHERE id = $1', [id])
    .then((r) => r.rows[0])
const jobsFor = (id: string) =>
  ownerPool()
    .query("SELECT name, data FROM pgboss.job WHERE data->>'messageId' = $1", [id])
    .then((r) => r.rows)

describe('queueing an e-mail', () => {
  it('stores the message and its delivery job in the same transaction', async () => {
    const { workspace } = await makeWorkspace()
    const { messageId } = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      queueEmail(tx, workspace.id, { to: 'dana@example.com', subject: 'Your request', text: 'Hello' }),
    )
    expect(await message(messageId)).toMatchObject({
      status: 'queued',
      to: 'dana@example.com',
      workspace_id: workspace.id,
    })
    expect(await jobsFor(messageId)).toEqual([
      { name: 'email.send', data: { messageId, workspaceId: workspace.id } },
    ])
  })

  it('leaves neither message nor job when the transaction rolls back', async () => {
    const { workspace } = await makeWorkspace()
    let messageId = ''
    await expect(
      withTenant({ workspaceId: workspace.id, actor: system }, async (tx) => {
        ;({ messageId } = await queueEmail(tx, workspace.id, {
          to: 'dana@example.com',
          subject: 'Never sent',
          text: 'Hello',
        }))
        throw new Error('the change that caused the e-mail failed')
      }),
    ).rejects.toThrow('failed')
    expect(messageId).not.toBe('')
    expect(await message(messageId)).toBeUndefined()
    expect(await jobsFor(messageId)).toEqual([])
  })

  it('refuses an invalid address with a clear message and stores nothing', async () => {
    const { workspace } = await makeWorkspace()
    await expect(
      withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
        queueEmail(tx, workspace.id, { to: 'not-an-address', subject: 'x', text: 'y' }),
      ),
    ).rejects.toThrow(/Enter a valid e-mail address/)
    const { rows } = await ownerPool().query(
      'SELECT count(*)::int AS n FROM email_message WHERE workspace_id = $1',
      [workspace.id],
    )
    expect(rows[0].n).toBe(0)
  })

  it("cannot queue an e-mail in another workspace's name", async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    await expect(
      withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
        queueEmail(tx, b.workspace.id, { to: 'dana@example.com', subject: 'x', text: 'y' }),
      ),
    ).rejects.toThrow(/row-level security/)
  })
})

describe('the email.send job without a provider', () => {
  it('delivers the message into the outbox', async () => {
    const boss = await startQueue({ supervise: false })
    await startWorkers(boss, { pollingIntervalSeconds: 0.5 })
    const { workspace } = await makeWorkspace()
    const { messageId } = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      queueEmail(tx, workspace.id, { to: 'lee@example.com', subject: 'Welcome', text: 'Hi Lee' }),
    )
    const delivered = await eventually(
      async () => {
        const row = await message(messageId)
        return row.status === 'outbox' && row
      },
      { what: 'the message to reach the outbox' },
    )
    expect(delivered.delivered_at).toBeInstanceOf(Date)
    expect(delivered.attempts).toBe(1)
  })
})

describe('the outbox', () => {
  it('keeps a subject and sender name stored with line breaks as the one line they would be sent as', async () => {
    const { workspace } = await makeWorkspace()
    const { messageId } = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      queueEmail(tx, workspace.id, { to: 'dana@example.com', subject: 'Hello', text: 'Hello' }),
    )
    // As a row stored before the rule (or written around queueEmail) would be.
    await ownerPool().query('UPDATE email_message SET subject = $2, "from" = $3 WHERE id = $1', [
      messageId,
      'Your signed DPA with Alpha Ltd\r\nBcc: x@evil.example',
      'Alpha Ltd\r\nBcc: x@evil.example <no-reply@candor.localhost>',
    ])
    expect(await deliverEmail({ messageId, workspaceId: workspace.id })).toBe('outbox')
    expect(await message(messageId)).toMatchObject({
      status: 'outbox',
      subject: 'Your signed DPA with Alpha Ltd Bcc: x@evil.example',
      from: 'Alpha Ltd Bcc: x@evil.example <no-reply@candor.localhost>',
    })
  })

  it('refuses a message whose address would end its header line, and says why', async () => {
    const { workspace } = await makeWorkspace()
    const { messageId } = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      queueEmail(tx, workspace.id, { to: 'dana@example.com', subject: 'Hello', text: 'Hello' }),
    )
    await ownerPool().query('UPDATE email_message SET "to" = $2 WHERE id = $1', [messageId, 'dana@example.com\nBcc: x@evil.example'])
    await expect(deliverEmail({ messageId, workspaceId: workspace.id })).rejects.toThrow(/not sent/)
    expect(await message(messageId)).toMatchObject({ status: 'queued', last_error: expect.stringMatching(/line break/) })
  })
})
