// Downloading a signed DPA as a PDF, by the signer's link or by a member: the PDF is drawn from
// the signature's frozen text, and each download is recorded in the audit log.
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { signedDpaPdf } from './pdf.server'
import { SIGNER_ACTOR, signatureByToken } from './signer-links.server'
import { isUuid } from '~/modules/formats/uuid'

export type DpaPdf = { bytes: Buffer; filename: string }

/** A file name of letters, digits and dashes: "dpa-example-gmbh-2026-11-26.pdf". */
function filenameOf(signature: { companyName: string; signedAt: Date }): string {
  const company = signature.companyName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60)
  return `dpa-${company || 'signed'}-${signature.signedAt.toISOString().slice(0, 10)}.pdf`
}

/** The PDF a signer's link opens; `expired`, or null when the workspace or the link is unknown. */
export async function pdfByToken(slug: string, token: string, origin: RequestOrigin): Promise<DpaPdf | 'expired' | null> {
  const found = await withPublicWorkspace(slug, async (tx, workspace) => {
    const signature = await signatureByToken(tx, token)
    if (!signature || signature === 'expired') return signature
    await recordAudit(tx, { workspaceId: workspace.id, actor: SIGNER_ACTOR, origin }, {
      action: 'dpa.download',
      target: { type: 'dpa_signature', id: signature.id },
    })
    return { signature, workspaceName: workspace.name }
  })
  if (!found || found === 'expired') return found
  return { bytes: await signedDpaPdf(found.signature, found.workspaceName), filename: filenameOf(found.signature) }
}

/** The PDF of one of the member's workspace's signed DPAs; null when there is no such signature. */
export async function pdfForMember(member: Member, signatureId: string, origin: RequestOrigin): Promise<DpaPdf | null> {
  if (!isUuid(signatureId)) return null
  const signature = await withTenant(member.tenant, async (tx) => {
    const row = await tx.dpaSignature.findUnique({ where: { id: signatureId }, include: { templateVersion: { select: { number: true } } } })
    if (!row) return null
    await recordAudit(tx, { ...member.tenant, origin }, { action: 'dpa.download', target: { type: 'dpa_signature', id: row.id } })
    return row
  })
  if (!signature) return null
  return { bytes: await signedDpaPdf(signature, member.workspace.name), filename: filenameOf(signature) }
}

export function pdfResponse(pdf: DpaPdf): Response {
  return new Response(new Uint8Array(pdf.bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${pdf.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
