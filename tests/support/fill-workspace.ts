// A workspace with rows in every table that has a workspace_id (and objects in the store): the
// tenant-isolation test proves none leaks, the retention purge that none outlives the workspace.
// Extend it when a new workspace table appears.
import { randomUUID } from 'node:crypto'
import { withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { encryptSecret } from '~/modules/crypto/envelope.server'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { confirmRequest, fileRequest, fileRequestByApi } from '~/modules/dsar/file-request.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { runTrustChecks } from '~/modules/trust/checks.server'
import { advanceCheckpoint } from '~/modules/audit/chain-status.server'
import { requestFullVerification } from '~/modules/audit/full-verification.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { signInput } from '~/modules/dpa/forms'
import { publicOffer, signDpa } from '~/modules/dpa/signing.server'
import { recordRequesterFile, storeRequesterFile } from '~/modules/dsar/requester-attachment.server'
import { addEvent } from '~/modules/dsar/timeline.server'
import { makeOwnedWorkspace } from './factories'
import { recordedIncident } from './incidents'
import { newestMailTo } from './requester-mail'
import { PNG_BYTES } from './requester-attachments'
import { platformIncidentAffecting } from './platform-incidents'

const system = { type: 'system', reason: 'test' } as const

/** Needs the queue started (filing a request enqueues its jobs). */
export async function fillWorkspace() {
  const made = await makeOwnedWorkspace()
  const workspaceId = made.workspace.id
  await withTenant({ workspaceId, actor: system }, async (tx) => {
    await queueEmail(tx, workspaceId, { to: 'x@example.com', subject: 's', text: 't' })
    await encryptSecret(tx, workspaceId, { table: 't', column: 'c', rowId: 'r' }, 'secret')
    await tx.invitation.create({
      data: {
        id: randomUUID(),
        workspaceId,
        email: `invitee-${workspaceId}@example.com`,
        role: 'agent',
        expiresAt: new Date(Date.now() + 60_000),
      },
    })
  })
  await createApiKey({ workspaceId, actor: system }, made.owner.id, { name: 'k', scopes: ['audit:read'] }, {})
  // A webhook endpoint, which gets a delivery when the request below is received.
  await createWebhookEndpoint({ workspaceId, actor: system }, { url: 'https://hooks.example/candor', events: ['request.received'] }, {})
  // A confirmed request: its timeline, codes, one task in the built-in data system, a webhook delivery.
  const filed = await fileRequest(
    made.workspace.slug,
    { type: 'access', subjectName: 'Ana', email: `ana-${workspaceId}@example.com`, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null },
    { ip: randomUUID(), portalOrigin: 'https://portal.example' },
  )
  if (filed.outcome !== 'filed') throw new Error('the request was not filed')
  const mail = await newestMailTo(`ana-${workspaceId}@example.com`, 'Confirm your privacy request%')
  await confirmRequest(made.workspace.slug, { reference: filed.reference, proof: { code: mail.code! } }, {})
  await withTenant({ workspaceId, actor: system }, async (tx) => {
    const request = await tx.privacyRequest.findFirstOrThrow()
    await tx.requestPause.create({ data: { workspaceId, requestId: request.id, reason: 'identity', startedAt: new Date() } })
    const stored = await storeRequesterFile(tx, workspaceId, new File([PNG_BYTES], 'passport.png'))
    await recordRequesterFile(tx, request, await addEvent(tx, request, { kind: 'subject_message', public: true, body: 'My passport.' }), stored)
    await tx.requestExport.create({
      data: { workspaceId, requestId: request.id, object: {}, bytes: 0, releasedAt: new Date(), expiresAt: new Date(Date.now() + 60_000) },
    })
    await tx.privacyProfile.create({ data: { workspaceId, purposes: 'Providing the service' } })
    await tx.subprocessor.create({ data: { workspaceId, name: 'Fly.io', purpose: 'Hosting' } })
    await tx.replyTemplate.create({ data: { workspaceId, name: 'Hello', body: 'Hello {{name}}' } })
    // A billing notice sent to the owners (a trial ending).
    await tx.billingNotice.create({ data: { workspaceId, kind: 'trial_ends_in_3_days', forDate: new Date('2026-12-18'), recipients: 1 } })
    // The owner's choice to get no weekly digest, and a deadline reminder sent about the request.
    await tx.notificationPreference.create({ data: { workspaceId, userId: made.owner.id, kind: 'weekly_digest', enabled: false } })
    await tx.reminderSent.create({
      data: { workspaceId, subjectType: 'privacy_request', subjectId: request.id, deadline: new Date(), step: 'overdue', recipients: 1 },
    })
    // A weekly digest e-mailed to the owner, with its unsubscribe token's hash.
    await tx.digestSent.create({
      data: { id: randomUUID(), workspaceId, userId: made.owner.id, isoWeek: '2026-W49', timeZone: 'UTC', emailed: true, unsubscribeTokenHash: randomUUID().replace(/-/g, '').repeat(2) },
    })
    // A Data Rights Protocol agent, paired, and the request it sent (this one).
    const drpAgent = await tx.drpAgent.create({
      data: {
        id: randomUUID(), workspaceId, agentId: 'FILL_AGENT', name: 'Fill agent', verifyKey: Buffer.alloc(32, 1).toString('base64'),
        tokenHash: randomUUID().replace(/-/g, '').repeat(2), tokenIssuedAt: new Date(),
      },
    })
    await tx.drpRequest.create({
      data: {
        id: randomUUID(), workspaceId, agentId: drpAgent.id, privacyRequestId: request.id, agentRequestId: 'fill-1',
        messageSha256: randomUUID().replace(/-/g, '').repeat(2), exercise: 'access', statusCallback: 'https://agent.example/status',
      },
    })
    // A Postgres data system with a saved dataset map (archived: no request gets a task in it).
    const database = await tx.dataSystem.create({
      data: { workspaceId, name: 'Product database', kind: 'postgres', settings: { host: 'db.example.com', database: 'app', user: 'candor' }, archivedAt: new Date() },
    })
    await tx.dataSystemMap.create({
      data: { id: randomUUID(), workspaceId, dataSystemId: database.id, version: 1, map: { tables: [], references: [] }, savedBy: made.owner.id },
    })
    // A callback token of the request's task, as a webhook data system gets one (its hash only).
    const task = await tx.requestTask.findFirstOrThrow({ where: { requestId: request.id } })
    await tx.dataSystemTaskToken.create({
      data: { id: randomUUID(), workspaceId, taskId: task.id, tokenHash: randomUUID().replace(/-/g, '').repeat(2), expiresAt: new Date(Date.now() + 60_000) },
    })
    // The owner's read marker on the request (unread replies in the queue).
    await tx.requestRead.create({ data: { workspaceId, requestId: request.id, userId: made.owner.id, latestReplyAt: new Date() } })
    // Sub-processor change notices: a subscriber told of an announced change, who objected.
    const subscriber = await tx.subprocessorSubscriber.create({
      data: {
        id: randomUUID(),
        workspaceId,
        email: `subscriber-${workspaceId}@example.com`,
        publicOrigin: 'https://trust.example',
        unsubscribeTokenHash: randomUUID(),
        unsubscribeTokenEncrypted: 'sealed',
        confirmedAt: new Date(),
      },
    })
    const change = await tx.subprocessorChange.create({
      data: { id: randomUUID(), workspaceId, kind: 'add', name: 'Stripe', purpose: 'Payments', effectiveOn: new Date('2030-01-01'), state: 'announced', announcedAt: new Date() },
    })
    await tx.subprocessorNotice.create({
      data: { id: randomUUID(), workspaceId, changeId: change.id, subscriberId: subscriber.id, objectionTokenHash: randomUUID() },
    })
    await tx.subprocessorObjection.create({
      data: { id: randomUUID(), workspaceId, changeId: change.id, subscriberId: subscriber.id, email: subscriber.email, reason: 'No transfers to the US' },
    })
    await tx.disclosurePolicy.create({ data: { workspaceId, acknowledgementTarget: '24h' } })
    // Branding: an accent colour and a (tiny, already re-encoded) logo.
    await tx.workspaceBranding.create({
      data: { workspaceId, accentColor: '#1f5fbf', logo: new Uint8Array(PNG_BYTES), logoType: 'image/png', logoSha256: '0'.repeat(64), logoWidth: 1, logoHeight: 1 },
    })
  })
  // A DPA offered (legal entity, template version 1) and signed on the public page.
  await withTenant({ workspaceId, actor: system }, async (tx) => {
    await tx.dpaSettings.create({ data: { workspaceId, legalName: 'Acme Ltd', address: '1 High St', contactEmail: 'dpa@acme.example', governingLaw: 'the laws of Ireland' } })
    await tx.dpaTemplateVersion.create({ data: { id: randomUUID(), workspaceId, number: 1, body: DEFAULT_DPA_TEMPLATE, bodySha256: '0'.repeat(64) } })
  })
  const dpa = await publicOffer(made.workspace.slug, 'https://candor.example')
  const signed = await signDpa(
    made.workspace.slug,
    signInput.parse({ signerName: 'Ana', signerTitle: 'CEO', companyName: 'Ana Ltd', signerEmail: `ana-${workspaceId}@example.com`, authority: 'yes', offer: dpa?.offer?.sha256 }),
    { ip: randomUUID(), appOrigin: 'https://candor.example' },
  )
  if (signed.outcome !== 'signed') throw new Error('the DPA was not signed')
  // A vulnerability report filed on the public form, with its timeline.
  const reported = await submitReport(
    made.workspace.slug,
    reportInput.parse({ reporterEmail: `researcher-${workspaceId}@example.com`, affectedSurface: '/api', reproductionSteps: 'GET /api', severity: 'low', preferredTimeline: 'policy' }),
    { ip: randomUUID(), appOrigin: 'https://candor.example' },
  )
  if (reported.outcome !== 'filed') throw new Error('the report was not filed')
  // A trust page: its draft, a published version and the live checks' results.
  const trust = { tenant: { workspaceId, actor: system }, userId: null, workspaceName: made.workspace.name }
  await saveDraftSection(trust, 'faq', [{ question: 'Where is data stored?', answer: 'In the EU.' }], {})
  await publishDraft(trust, {})
  // The hourly job walks the chain whole and checkpoints it (audit_verification, audit_checkpoint);
  // the live checks store their results.
  await advanceCheckpoint(workspaceId)
  await runTrustChecks(workspaceId)
  // A member's request for a full verification of the chain, waiting for its job.
  await withTenant({ workspaceId, actor: system }, (tx) => requestFullVerification(tx, { workspaceId, actor: system }, made.owner.id))
  // Trust-page documents: a gated document, the NDA, the settings and a visitor's request.
  await withTenant({ workspaceId, actor: system }, async (tx) => {
    const document = await tx.trustDocument.create({
      data: { workspaceId, title: 'SOC 2 report', visibility: 'gated', fileName: 'soc2.pdf', contentType: 'application/pdf', bytes: 1n, sha256: 'a'.repeat(64), object: {} },
    })
    const nda = await tx.trustNdaVersion.create({ data: { workspaceId, number: 1, text: 'Keep it secret.', sha256: 'b'.repeat(64) } })
    await tx.trustDocumentSettings.create({ data: { workspaceId, autoApproveDomains: ['customer.example'] } })
    await tx.trustDocumentRequest.create({
      data: { workspaceId, documentId: document.id, name: 'Ada', email: `ada-${workspaceId}@bank.example`, company: 'Bank', ndaVersionId: nda.id, ndaSha256: nda.sha256, ndaAcceptedAt: new Date(), publicOrigin: 'https://trust.example' },
    })
  })
  // A completed erasure: its entry on the erasure replay list (row and object).
  const erasure = await fileRequestByApi(
    { workspaceId, actor: system },
    { type: 'erasure', subjectName: 'Eve', email: `eve-${workspaceId}@example.com`, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null, emailVerified: true },
    { portalOrigin: 'https://portal.example' },
  )
  const erasureTask = await withTenant({ workspaceId, actor: system }, (tx) => tx.requestTask.findFirstOrThrow({ where: { requestId: erasure.id } }))
  await runTask({ workspaceId, taskId: erasureTask.id })
  // An incident in the register, with its timeline.
  await recordedIncident(made.member)
  // A platform incident that affects this workspace, carried to it (its listing and notice rows).
  await platformIncidentAffecting(made.workspace, made.owner.id)
  return made
}
