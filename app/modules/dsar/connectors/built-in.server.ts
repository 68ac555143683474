// The built-in data system: what Candor itself holds about a data subject in this workspace —
// their earlier privacy requests, the e-mails sent to them, their subscription to the trust
// page's sub-processor notices with any objections they made, and the trust center's records of
// them (document requests, DPA signatures, vulnerability reports: trust-records.server.ts). The record of the current request
// is kept: it is the proof that the request was answered (GDPR Art. 17(3)(b) and (e); CCPA Regs
// §7101).
import { CLOSED_STATES } from '~/modules/dsar/request-kinds'
import { redactWebhookPayloads } from '~/modules/webhooks/emit.server'
import type { Collection, ConnectorContext, DataSystemConnector, ErasureReceipt, Subject } from './connector'
import { copyJsonLines } from './copy-json-lines.server'
import { eraseTrustRecords, trustCollections } from './trust-records.server'
import { deleteRequesterAttachments } from '../requester-attachment.server'

export const ERASED_NAME = '[erased]'

/**
 * Every column `erase` (with eraseTrustRecords) finds a subject by: their e-mail, always stored in
 * lower case. A restore looks a subject up by these to erase them again (decision 021), so a
 * column `erase` starts matching on belongs here too.
 */
export const SUBJECT_EMAIL_COLUMNS = [
  { table: 'privacy_request', column: 'email' },
  { table: 'email_message', column: 'to' },
  { table: 'subprocessor_subscriber', column: 'email' },
  { table: 'subprocessor_objection', column: 'email' },
  { table: 'trust_document_request', column: 'email' },
  { table: 'dpa_signature', column: 'signer_email' },
  { table: 'vulnerability_report', column: 'reporter_email' },
] as const
const ERASED_EMAIL = 'erased@erased.invalid'

async function* collect(ctx: ConnectorContext, subject: Subject): AsyncIterable<Collection> {
  yield {
    name: 'privacy_requests',
    description: 'The privacy requests you made to this company through its privacy portal.',
    fields: ['reference', 'type', 'jurisdiction', 'state', 'submitted_at', 'received_at', 'completed_at', 'details'],
    lines: copyJsonLines(ctx.workspaceId, 'privacy_request', { column: 'email', value: subject.email }, [
      { key: 'reference', column: 'reference' },
      { key: 'type', column: 'type' },
      { key: 'jurisdiction', column: 'jurisdiction' },
      { key: 'state', column: 'state' },
      { key: 'submitted_at', column: 'submitted_at', time: true },
      { key: 'received_at', column: 'received_at', time: true },
      { key: 'completed_at', column: 'completed_at', time: true },
      { key: 'details', column: 'details' },
    ]),
  }
  yield {
    name: 'emails',
    description: 'The e-mails this company sent you through Candor.',
    fields: ['sent_at', 'subject', 'status', 'text'],
    lines: copyJsonLines(ctx.workspaceId, 'email_message', { column: 'to', value: subject.email }, [
      { key: 'sent_at', column: 'created_at', time: true },
      { key: 'subject', column: 'subject' },
      { key: 'status', column: 'status' },
      { key: 'text', column: 'text' },
    ]),
  }
  yield {
    name: 'subprocessor_notices',
    description: 'Your subscription to notices of changes to the companies that process data for this company.',
    fields: ['subscribed_at', 'confirmed_at', 'unsubscribed_at'],
    rows: subscriptionRows(ctx, subject),
  }
  yield {
    name: 'subprocessor_objections',
    description: 'The objections you made to announced changes of those companies.',
    fields: ['objected_at', 'sub_processor', 'reason'],
    rows: objectionRows(ctx, subject),
  }
  yield* trustCollections(ctx, subject)
}

async function* subscriptionRows(ctx: ConnectorContext, subject: Subject) {
  const subscriptions = await ctx.tx.subprocessorSubscriber.findMany({
    where: { email: subject.email },
    select: { requestedAt: true, confirmedAt: true, unsubscribedAt: true },
  })
  for (const s of subscriptions) {
    yield {
      subscribed_at: s.requestedAt.toISOString(),
      confirmed_at: s.confirmedAt?.toISOString() ?? null,
      unsubscribed_at: s.unsubscribedAt?.toISOString() ?? null,
    }
  }
}

async function* objectionRows(ctx: ConnectorContext, subject: Subject) {
  const objections = await ctx.tx.subprocessorObjection.findMany({
    where: { email: subject.email },
    select: { createdAt: true, reason: true, change: { select: { name: true } } },
  })
  for (const o of objections) yield { objected_at: o.createdAt.toISOString(), sub_processor: o.change.name, reason: o.reason }
}

async function erase(ctx: ConnectorContext, subject: Subject): Promise<ErasureReceipt> {
  const { tx } = ctx
  // Queued e-mails (this request's own confirmations among them) are still to be delivered.
  const emails = await tx.emailMessage.deleteMany({
    where: { to: subject.email, status: { in: ['sent', 'outbox', 'failed'] } },
  })
  const earlier = await tx.privacyRequest.findMany({
    where: { email: subject.email, id: { not: subject.requestId }, state: { in: [...CLOSED_STATES] } },
    select: { id: true },
  })
  const ids = earlier.map((r) => r.id)
  await tx.requestEvent.updateMany({ where: { requestId: { in: ids }, body: { not: null } }, data: { body: null } })
  // Files they attached to answers (identity information) go with those requests' details.
  await deleteRequesterAttachments(tx, ids)
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
  // The workspace keeps that an objection was made, not by whom or why.
  const objections = await tx.subprocessorObjection.updateMany({
    where: { email: subject.email },
    data: { email: ERASED_EMAIL, reason: '', subscriberId: null },
  })
  const subscriptions = await tx.subprocessorSubscriber.deleteMany({ where: { email: subject.email } })
  // The copies of those requests sent to the workspace's webhooks lose the same details.
  await redactWebhookPayloads(tx, ids)
  const trust = await eraseTrustRecords(ctx, subject)
  return {
    system: ctx.systemName,
    erasedAt: new Date().toISOString(),
    items: [
      { what: 'E-mails sent to you', count: emails.count },
      { what: 'Your earlier, closed privacy requests (kept only as a dated record without your details)', count: ids.length },
      { what: 'Your subscription to sub-processor change notices', count: subscriptions.count },
      { what: 'Your objections to sub-processor changes (kept only as a count)', count: objections.count },
      ...trust.items,
    ],
    kept: trust.kept,
  }
}

export const builtInConnector: DataSystemConnector = { collect, erase }
