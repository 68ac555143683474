// The built-in data system: what Candor itself holds about a data subject in this workspace —
// their earlier privacy requests and the e-mails sent to them. (Trust-page subscriptions join
// when the trust center stores them.) The record of the current request is kept: it is the
// proof that the request was answered (GDPR Art. 17(3)(b) and (e); CCPA Regs §7101).
import { redactWebhookPayloads } from '~/modules/webhooks/emit.server'
import type { Collection, ConnectorContext, DataSystemConnector, ErasureReceipt, Subject } from './connector'

const BATCH = 1000
export const ERASED_NAME = '[erased]'

/** Rows of a keyset-paged query, BATCH at a time: memory stays flat whatever the count. */
async function* pages<T extends { id: string }>(next: (afterId: string | undefined) => Promise<T[]>) {
  let afterId: string | undefined
  for (;;) {
    const page = await next(afterId)
    yield* page
    if (page.length < BATCH) return
    afterId = page[page.length - 1]!.id
  }
}

const after = (afterId: string | undefined) => (afterId ? { id: { gt: afterId } } : {})

async function* collect(ctx: ConnectorContext, subject: Subject): AsyncIterable<Collection> {
  const { tx } = ctx
  yield {
    name: 'privacy_requests',
    description: 'The privacy requests you made to this company through its privacy portal.',
    fields: ['reference', 'type', 'jurisdiction', 'state', 'submitted_at', 'received_at', 'completed_at', 'details'],
    rows: (async function* () {
      for await (const r of pages((afterId) =>
        tx.privacyRequest.findMany({
          where: { email: subject.email, ...after(afterId) },
          orderBy: { id: 'asc' },
          take: BATCH,
        }),
      )) {
        yield {
          reference: r.reference,
          type: r.type,
          jurisdiction: r.jurisdiction,
          state: r.state,
          submitted_at: r.submittedAt.toISOString(),
          received_at: r.receivedAt?.toISOString() ?? null,
          completed_at: r.completedAt?.toISOString() ?? null,
          details: r.details,
        }
      }
    })(),
  }
  yield {
    name: 'emails',
    description: 'The e-mails this company sent you through Candor.',
    fields: ['sent_at', 'subject', 'status', 'text'],
    rows: (async function* () {
      for await (const m of pages((afterId) =>
        tx.emailMessage.findMany({
          where: { to: subject.email, ...after(afterId) },
          orderBy: { id: 'asc' },
          take: BATCH,
          select: { id: true, createdAt: true, subject: true, status: true, text: true },
        }),
      )) {
        yield { sent_at: m.createdAt.toISOString(), subject: m.subject, status: m.status, text: m.text }
      }
    })(),
  }
}

async function erase(ctx: ConnectorContext, subject: Subject): Promise<ErasureReceipt> {
  const { tx } = ctx
  // Queued e-mails (this request's own confirmations among them) are still to be delivered.
  const emails = await tx.emailMessage.deleteMany({
    where: { to: subject.email, status: { in: ['sent', 'outbox', 'failed'] } },
  })
  const earlier = await tx.privacyRequest.findMany({
    where: { email: subject.email, id: { not: subject.requestId }, state: { in: ['completed', 'rejected'] } },
    select: { id: true },
  })
  const ids = earlier.map((r) => r.id)
  await tx.requestEvent.updateMany({ where: { requestId: { in: ids }, body: { not: null } }, data: { body: null } })
  for (const id of ids) {
    await tx.privacyRequest.update({
      where: { id },
      data: {
        subjectName: ERASED_NAME,
        email: `erased-${id}@erased.invalid`,
        details: '',
        agentName: null,
        agentAuthority: null,
      },
    })
  }
  // The copies of those requests sent to the workspace's webhooks lose the same details.
  await redactWebhookPayloads(tx, ids)
  return {
    system: ctx.systemName,
    erasedAt: new Date().toISOString(),
    items: [
      { what: 'E-mails sent to you', count: emails.count },
      { what: 'Your earlier, closed privacy requests (kept only as a dated record without your details)', count: ids.length },
    ],
  }
}

export const builtInConnector: DataSystemConnector = { collect, erase }
