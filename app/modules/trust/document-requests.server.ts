// Visitors and gated documents: a request with name, work e-mail and company, the NDA accepted
// (its version, the SHA-256 of its exact text, time, IP and user agent recorded); approval by a
// member (told by e-mail that a request waits), or at once when the e-mail's domain is on the
// workspace's list — the link goes to that address only, so whoever uses it proved they read its
// mail; a time-limited link (random token, stored as SHA-256); every download audited. Public
// documents download without asking, audited and limited per address.
import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import { type AuditScope, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type PublicWorkspace, type Tx, withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { type RateLimit, type Refusal, consumeRateLimit, firstRefusal } from '~/modules/security/rate-limit.server'
import { readContent } from './content'
import { type AccessRequestInput, domainOf } from './document-forms'
import { accessDeniedMail, accessGrantedMail, accessRevokedMail, requestReceivedMail } from './document-mail'
import { tellMembersOfRequest } from './document-request-notice.server'
import { DocumentActionError, type DocumentObject, currentNda, documentSettings, openDocument, sha256Hex } from './documents.server'
import { isUuid } from '~/modules/formats/uuid'

export const DOCUMENT_LIMITS = {
  /** Request forms sent from one address. */
  requestPerIp: { name: 'documents.request.ip', limit: 10, windowSeconds: 60 * 60 },
  /** Requests for one workspace from one e-mail address: nobody is mail-bombed through the form. */
  requestPerEmail: { name: 'documents.request.email', limit: 5, windowSeconds: 24 * 60 * 60 },
  /** Downloads of public documents from one address (each one is an audit entry). */
  publicDownloadPerIp: { name: 'documents.download.ip', limit: 30, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>

/** Visitors in the audit log: the public forms and links, never a member. */
export const REQUESTER = { type: 'system', reason: 'document requester' } as const
const AUTO_APPROVAL = { type: 'system', reason: 'document auto-approval' } as const
const PUBLIC_VISITOR = { type: 'system', reason: 'trust page visitor' } as const

const TOKEN = /^[A-Za-z0-9_-]{43}$/
const DAY_MS = 24 * 60 * 60 * 1000

export const documentLinks = (origin: string, slug: string) => ({
  trustPage: `${origin}/t/${slug}`,
  request: (documentId: string) => `${origin}/t/${slug}/documents/${documentId}/request`,
  publicDownload: (documentId: string) => `${origin}/t/${slug}/documents/${documentId}/download`,
  access: (token: string) => `${origin}/t/${slug}/documents/access/${token}`,
  accessDownload: (token: string) => `${origin}/t/${slug}/documents/access/${token}/download`,
})

/** A gated document open for requests, with the NDA to accept; null when there is none. */
export async function requestableDocument(slug: string, documentId: string) {
  if (!isUuid(documentId)) return null
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const document = await tx.trustDocument.findFirst({
      where: { id: documentId, removedAt: null, visibility: 'gated' },
      select: { id: true, title: true, description: true },
    })
    if (!document) return null
    const nda = await currentNda(tx)
    if (nda) return { workspace, document, nda: { id: nda.id, number: nda.number, text: nda.text, sha256: nda.sha256 }, contactEmail: null }
    // No NDA to accept: the page says whom to ask instead, from the published trust page.
    const published = await tx.trustPageVersion.findFirst({ orderBy: { number: 'desc' }, select: { content: true } })
    const contactEmail = published ? readContent(published.content, workspace.name).contact.email || null : null
    return { workspace, document, nda: null, contactEmail }
  }).then((found) => found ?? null)
}

export type AccessRequestResult =
  | { outcome: 'pending' | 'approved' }
  | { outcome: 'nda_changed' }
  | Refusal
  | { outcome: 'no_document' }

/**
 * A visitor asks for a gated document. When the e-mail's domain is on the workspace's list the
 * request is approved at once and the link e-mailed to that address; otherwise it waits.
 */
export async function requestDocumentAccess(
  slug: string,
  documentId: string,
  input: AccessRequestInput,
  origin: RequestOrigin & { publicOrigin: string },
): Promise<AccessRequestResult> {
  if (!isUuid(documentId)) return { outcome: 'no_document' }
  const perIp = await firstRefusal([[DOCUMENT_LIMITS.requestPerIp, origin.ip ?? 'unknown', 'address']])
  if (perIp) return perIp
  const result = await withPublicWorkspace(slug, async (tx, workspace): Promise<AccessRequestResult> => {
    const document = await tx.trustDocument.findFirst({ where: { id: documentId, removedAt: null, visibility: 'gated' } })
    if (!document) return { outcome: 'no_document' }
    const nda = await currentNda(tx)
    // The text the visitor read must be the one recorded: a newer one is shown again.
    if (!nda || nda.id !== input.ndaVersionId) return { outcome: 'nda_changed' }
    const perEmail = await firstRefusal([[DOCUMENT_LIMITS.requestPerEmail, `${workspace.id}:${input.email}`, 'email']])
    if (perEmail) return perEmail
    const now = new Date()
    const created = await tx.trustDocumentRequest.create({
      data: {
        workspaceId: workspace.id,
        documentId,
        name: input.name,
        email: input.email,
        company: input.company,
        ndaVersionId: nda.id,
        ndaSha256: nda.sha256,
        ndaAcceptedAt: now,
        ip: origin.ip ?? null,
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
        publicOrigin: origin.publicOrigin,
      },
    })
    await recordAudit(tx, { workspaceId: workspace.id, actor: REQUESTER, origin }, {
      action: 'trust_document_request.create',
      target: { type: 'trust_document_request', id: created.id },
      after: { documentId, ndaVersion: nda.number, ndaSha256: nda.sha256, acceptedAt: now.toISOString() },
    })
    const settings = await documentSettings(tx)
    if (settings.autoApproveDomains.includes(domainOf(input.email))) {
      await approve(tx, workspace, created, document.title, settings.linkDays, { workspaceId: workspace.id, actor: AUTO_APPROVAL, origin }, null)
      return { outcome: 'approved' }
    }
    const mail = requestReceivedMail({ workspaceName: workspace.name, documentTitle: document.title, name: input.name, trustPageUrl: documentLinks(origin.publicOrigin, slug).trustPage })
    await queueEmail(tx, workspace.id, { to: input.email, ...mail }, { branded: true })
    await tellMembersOfRequest(tx, workspace, { documentId, documentTitle: document.title, company: input.company, publicOrigin: origin.publicOrigin })
    return { outcome: 'pending' }
  })
  return result ?? { outcome: 'no_document' }
}

type RequestRow = { id: string; email: string; name: string; publicOrigin: string }

/** Approve inside `tx`: a fresh token (only its hash is kept), the expiry, the e-mail, the audit entry. */
async function approve(
  tx: Tx,
  workspace: Pick<PublicWorkspace, 'id' | 'slug' | 'name'>,
  request: RequestRow,
  documentTitle: string,
  linkDays: number,
  scope: AuditScope,
  decidedBy: string | null,
) {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + linkDays * DAY_MS)
  await tx.trustDocumentRequest.update({
    where: { id: request.id },
    data: { state: 'approved', autoApproved: scope.actor === AUTO_APPROVAL, decidedAt: new Date(), decidedBy, accessTokenHash: sha256Hex(token), accessExpiresAt: expiresAt },
  })
  const mail = accessGrantedMail({
    workspaceName: workspace.name,
    documentTitle,
    name: request.name,
    accessUrl: documentLinks(request.publicOrigin, workspace.slug).access(token),
    expiresAt,
  })
  await queueEmail(tx, workspace.id, { to: request.email, ...mail }, { branded: true })
  await recordAudit(tx, scope, {
    action: 'trust_document_request.approve',
    target: { type: 'trust_document_request', id: request.id },
    before: { state: 'pending' },
    after: { state: 'approved', expiresAt: expiresAt.toISOString() },
  })
}

export type Decision = { kind: 'approve' } | { kind: 'deny'; reason: string } | { kind: 'revoke' }

/** A member approves or denies a pending request, or withdraws an approved one's link. */
export async function decideRequest(member: Member, requestId: string, decision: Decision, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    await tx.$queryRaw`SELECT id FROM trust_document_request WHERE id = ${requestId}::uuid FOR UPDATE`
    const request = await tx.trustDocumentRequest.findUnique({ where: { id: requestId }, include: { document: true } })
    if (!request) throw new DocumentActionError('This request is not there. Reload the page.')
    const scope = { ...member.tenant, origin }
    const userId = member.tenant.actor.type === 'user' ? member.tenant.actor.userId : null
    const common = { workspaceName: member.workspace.name, documentTitle: request.document.title, name: request.name }
    switch (decision.kind) {
      case 'approve': {
        if (request.state !== 'pending') throw new DocumentActionError('This request was decided already.')
        if (request.document.removedAt) throw new DocumentActionError('This document was removed: there is nothing to give access to.')
        const settings = await documentSettings(tx)
        await approve(tx, member.workspace, request, request.document.title, settings.linkDays, scope, userId)
        return
      }
      case 'deny': {
        if (request.state !== 'pending') throw new DocumentActionError('This request was decided already.')
        await tx.trustDocumentRequest.update({
          where: { id: requestId },
          data: { state: 'denied', decidedAt: new Date(), decidedBy: userId, denyReason: decision.reason || null },
        })
        const mail = accessDeniedMail({ ...common, reason: decision.reason, trustPageUrl: documentLinks(request.publicOrigin, member.workspace.slug).trustPage })
        await queueEmail(tx, member.workspace.id, { to: request.email, ...mail }, { branded: true })
        await recordAudit(tx, scope, {
          action: 'trust_document_request.deny',
          target: { type: 'trust_document_request', id: requestId },
          before: { state: 'pending' },
          after: { state: 'denied', reason: decision.reason },
        })
        return
      }
      case 'revoke': {
        if (request.state !== 'approved') throw new DocumentActionError('Only an approved request has a link to withdraw.')
        await tx.trustDocumentRequest.update({ where: { id: requestId }, data: { state: 'revoked', decidedAt: new Date(), decidedBy: userId } })
        await queueEmail(tx, member.workspace.id, { to: request.email, ...accessRevokedMail(common) }, { branded: true })
        await recordAudit(tx, scope, {
          action: 'trust_document_request.revoke',
          target: { type: 'trust_document_request', id: requestId },
          before: { state: 'approved' },
          after: { state: 'revoked' },
        })
        return
      }
    }
  })
}

export type AccessState =
  | { state: 'open'; requestId: string; name: string; document: { title: string; description: string; fileName: string; contentType: string; bytes: number }; expiresAt: Date }
  | { state: 'expired' | 'revoked' | 'removed'; documentTitle: string; documentId: string }
  | { state: 'unknown' }

async function findAccess(tx: Tx, token: string) {
  if (!TOKEN.test(token)) return null
  return tx.trustDocumentRequest.findUnique({ where: { accessTokenHash: sha256Hex(token) }, include: { document: true } })
}

function stateOf(request: NonNullable<Awaited<ReturnType<typeof findAccess>>>, now: Date): AccessState {
  const closed = { documentTitle: request.document.title, documentId: request.documentId }
  if (request.state === 'revoked') return { state: 'revoked', ...closed }
  if (request.document.removedAt) return { state: 'removed', ...closed }
  if (request.state !== 'approved' || !request.accessExpiresAt || request.accessExpiresAt <= now) return { state: 'expired', ...closed }
  const { document } = request
  return {
    state: 'open',
    requestId: request.id,
    name: request.name,
    document: { title: document.title, description: document.description, fileName: document.fileName, contentType: document.contentType, bytes: Number(document.bytes) },
    expiresAt: request.accessExpiresAt,
  }
}

/** What an access link's page shows (reading it changes nothing). */
export async function accessState(slug: string, token: string): Promise<{ workspace: PublicWorkspace; access: AccessState } | null> {
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const request = await findAccess(tx, token)
    return { workspace, access: request ? stateOf(request, new Date()) : ({ state: 'unknown' } as const) }
  })
}

export type Download = { open: () => Promise<Readable>; fileName: string; contentType: string; bytes: number }

/** Download through an access link: counted and audited with the requester as actor. */
export async function downloadWithAccess(slug: string, token: string, origin: RequestOrigin): Promise<Download | AccessState | null> {
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const request = await findAccess(tx, token)
    if (!request) return { state: 'unknown' } as const
    const state = stateOf(request, new Date())
    if (state.state !== 'open') return state
    await tx.trustDocumentRequest.update({ where: { id: request.id }, data: { downloads: { increment: 1 } } })
    await recordAudit(tx, { workspaceId: workspace.id, actor: REQUESTER, origin }, {
      action: 'trust_document.download',
      target: { type: 'trust_document_request', id: request.id },
      after: { documentId: request.documentId, sha256: request.document.sha256 },
    })
    return {
      open: await openDocument(tx, workspace.id, request.document.object as DocumentObject),
      fileName: request.document.fileName,
      contentType: request.document.contentType,
      bytes: Number(request.document.bytes),
    }
  })
}

/** Download a public document: audited as an anonymous visitor with their address; limited per address. */
export async function downloadPublic(
  slug: string,
  documentId: string,
  origin: RequestOrigin,
): Promise<Download | { outcome: 'rate_limited'; retryAfterSeconds: number } | null> {
  if (!isUuid(documentId)) return null
  const perIp = await consumeRateLimit(DOCUMENT_LIMITS.publicDownloadPerIp, origin.ip ?? 'unknown')
  if (!perIp.allowed) return { outcome: 'rate_limited', retryAfterSeconds: perIp.retryAfterSeconds }
  const found = await withPublicWorkspace(slug, async (tx, workspace) => {
    const document = await tx.trustDocument.findFirst({ where: { id: documentId, removedAt: null, visibility: 'public' } })
    if (!document) return null
    await recordAudit(tx, { workspaceId: workspace.id, actor: PUBLIC_VISITOR, origin }, {
      action: 'trust_document.download',
      target: { type: 'trust_document', id: document.id },
      after: { sha256: document.sha256 },
    })
    return {
      open: await openDocument(tx, workspace.id, document.object as DocumentObject),
      fileName: document.fileName,
      contentType: document.contentType,
      bytes: Number(document.bytes),
    }
  })
  return found ?? null
}
