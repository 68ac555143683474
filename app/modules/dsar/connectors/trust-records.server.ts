// What the trust center holds about a data subject, for the built-in data system: their requests
// for gated documents (with the NDA they accepted), the DPAs they signed and the vulnerabilities
// they reported. Why each is erased, kept or pseudonymised: docs/decisions/008, "Erasure of
// trust-center records". Every table stores e-mails in lower case (a CHECK), as the forms do.
import type { Collection, ConnectorContext, ErasureReceipt, Subject } from './connector'

const iso = (date: Date | null) => date?.toISOString() ?? null
const emailOf = (subject: Subject) => subject.email.toLowerCase()

export async function* trustCollections(ctx: ConnectorContext, subject: Subject): AsyncIterable<Collection> {
  yield {
    name: 'document_requests',
    description: 'Your requests for documents on the trust page, with the NDA you accepted.',
    fields: [
      'document', 'requested_at', 'name', 'email', 'company', 'nda_version', 'nda_sha256', 'nda_accepted_at', 'ip',
      'user_agent', 'state', 'decided_at', 'deny_reason', 'access_expires_at', 'downloads',
    ],
    rows: documentRequestRows(ctx, subject),
  }
  yield {
    name: 'dpa_signatures',
    description: 'The data processing agreements you signed, with the exact text signed.',
    fields: [
      'signed_at', 'signer_name', 'signer_title', 'signer_email', 'company_name', 'company_address', 'ip', 'user_agent',
      'document_sha256', 'document',
    ],
    rows: signatureRows(ctx, subject),
  }
  yield {
    name: 'vulnerability_reports',
    description: 'The security vulnerabilities you reported to this company.',
    fields: [
      'reference', 'state', 'received_at', 'reporter_name', 'reporter_email', 'affected_surface', 'reproduction_steps',
      'severity', 'impact', 'preferred_timeline', 'acknowledged_at', 'fixed_at', 'closed_at',
    ],
    rows: reportRows(ctx, subject),
  }
}

async function* documentRequestRows(ctx: ConnectorContext, subject: Subject) {
  const requests = await ctx.tx.trustDocumentRequest.findMany({
    where: { email: emailOf(subject) },
    orderBy: { createdAt: 'asc' },
    include: { document: { select: { title: true } }, ndaVersion: { select: { number: true } } },
  })
  for (const r of requests) {
    yield {
      document: r.document.title,
      requested_at: r.createdAt.toISOString(),
      name: r.name,
      email: r.email,
      company: r.company,
      nda_version: r.ndaVersion.number,
      nda_sha256: r.ndaSha256,
      nda_accepted_at: r.ndaAcceptedAt.toISOString(),
      ip: r.ip,
      user_agent: r.userAgent,
      state: r.state,
      decided_at: iso(r.decidedAt),
      deny_reason: r.denyReason,
      access_expires_at: iso(r.accessExpiresAt),
      downloads: r.downloads,
    }
  }
}

async function* signatureRows(ctx: ConnectorContext, subject: Subject) {
  const signatures = await ctx.tx.dpaSignature.findMany({ where: { signerEmail: emailOf(subject) }, orderBy: { signedAt: 'asc' } })
  for (const s of signatures) {
    yield {
      signed_at: s.signedAt.toISOString(),
      signer_name: s.signerName,
      signer_title: s.signerTitle,
      signer_email: s.signerEmail,
      company_name: s.companyName,
      company_address: s.companyAddress,
      ip: s.ip,
      user_agent: s.userAgent,
      document_sha256: s.documentSha256,
      document: s.document,
    }
  }
}

async function* reportRows(ctx: ConnectorContext, subject: Subject) {
  const reports = await ctx.tx.vulnerabilityReport.findMany({ where: { reporterEmail: emailOf(subject) }, orderBy: { receivedAt: 'asc' } })
  for (const r of reports) {
    yield {
      reference: r.reference,
      state: r.state,
      received_at: r.receivedAt.toISOString(),
      reporter_name: r.reporterName,
      reporter_email: r.reporterEmail,
      affected_surface: r.affectedSurface,
      reproduction_steps: r.reproductionSteps,
      severity: r.severity,
      impact: r.impact,
      preferred_timeline: r.preferredTimeline,
      acknowledged_at: iso(r.acknowledgedAt),
      fixed_at: iso(r.fixedAt),
      closed_at: iso(r.closedAt),
    }
  }
}

type Part = Pick<ErasureReceipt, 'items'> & { kept: NonNullable<ErasureReceipt['kept']> }

/**
 * Erase the trust center's records of the subject, in the caller's transaction. The app role may
 * not delete these rows (decisions 013, 014), so what is erased is overwritten: the row stays as
 * a dated record that names no one.
 */
export async function eraseTrustRecords(ctx: ConnectorContext, subject: Subject): Promise<Part> {
  const { tx } = ctx
  const email = emailOf(subject)
  const now = new Date()

  // Requests that never opened a document: nothing to prove, so nothing of the person is kept.
  // A pending one is closed as denied, so no one approves a request of nobody.
  const ungranted = await tx.trustDocumentRequest.findMany({
    where: { email, state: { in: ['pending', 'denied'] } },
    select: { id: true, state: true },
  })
  for (const r of ungranted) {
    await tx.trustDocumentRequest.update({
      where: { id: r.id },
      data: {
        name: '[erased]',
        email: `erased-${r.id}@erased.invalid`,
        company: '[erased]',
        ip: null,
        userAgent: null,
        denyReason: null,
        accessTokenHash: null,
        ...(r.state === 'pending' ? { state: 'denied', decidedAt: now } : {}),
      },
    })
  }
  // Requests that gave access are the evidence that the NDA was accepted: kept whole, but a
  // working link is withdrawn (its only purpose was the access, which ends with the erasure).
  const withdrawn = await tx.trustDocumentRequest.updateMany({
    where: { email, state: 'approved' },
    data: { state: 'revoked', decidedAt: now, decidedBy: null },
  })
  const ndaEvidence = await tx.trustDocumentRequest.count({ where: { email, state: 'revoked' } })
  const signatures = await tx.dpaSignature.count({ where: { signerEmail: email } })

  // A report's technical content is evidence about the workspace's systems, not about its
  // reporter: it stays; who sent it does not. The e-mails sent to them go with the other e-mails.
  const reports = await tx.vulnerabilityReport.findMany({ where: { reporterEmail: email }, select: { id: true } })
  for (const r of reports) {
    await tx.vulnerabilityReport.update({
      where: { id: r.id },
      data: { reporterName: null, reporterEmail: `erased-${r.id}@erased.invalid` },
    })
  }

  return {
    items: [
      { what: 'Your trust-document requests that were never granted', count: ungranted.length },
      { what: 'Your access links to trust-page documents (withdrawn)', count: withdrawn.count },
      { what: 'Your name and e-mail on the vulnerabilities you reported (the technical report is kept)', count: reports.length },
    ],
    kept: [
      {
        what: 'Your acceptance of the NDA for documents you were given (name, e-mail, company, NDA text hash, time, IP)',
        count: ndaEvidence,
        why: 'Evidence of the confidentiality agreement the documents were shared under, kept for legal claims (GDPR Art. 17(3)(e))',
      },
      {
        what: 'The data processing agreements you signed',
        count: signatures,
        why: 'A contract the company must keep and may need to prove (GDPR Art. 17(3)(b) and (e))',
      },
    ],
  }
}
