// A member downloads a file the requester attached (audited in the same transaction that opens
// the file); the request page's view model lists them (requesterAttachmentsOf).
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { openRequesterAttachment } from './requester-attachment.server'

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }

/** The file's plaintext stream and how to send it; null when the request has no such attachment. */
export async function downloadRequesterAttachment(member: Member, requestId: string, attachmentId: string, origin: RequestOrigin) {
  return withTenant(member.tenant, async (tx) => {
    const found = await openRequesterAttachment(tx, requestId, attachmentId)
    if (!found) return null
    await recordAudit(tx, { ...member.tenant, origin }, { action: 'request.attachment.download', target: { type: 'requester_attachment', id: attachmentId } })
    // The stored name is the requester's claim: the download is named by the row instead.
    return { stream: await found.open(), contentType: found.row.contentType, fileName: `requester-attachment-${attachmentId.slice(0, 8)}.${EXTENSIONS[found.row.contentType] ?? 'bin'}` }
  })
}
