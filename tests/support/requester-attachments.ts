// A requester's attachment for tests, made the way the portal makes one: an answer event and a
// small PNG stored encrypted against it. Returns the attachment's id.
import { withTenant } from '~/modules/db/tenant.server'
import { recordRequesterFile, storeRequesterFile } from '~/modules/dsar/requester-attachment.server'
import { addEvent } from '~/modules/dsar/timeline.server'

/** The 8-byte PNG signature and a little more: enough for the content check. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

export function attachmentOf(workspaceId: string, requestId: string): Promise<string> {
  return withTenant({ workspaceId, actor: { type: 'system', reason: 'test' } }, async (tx) => {
    const request = { id: requestId, workspaceId }
    const stored = await storeRequesterFile(tx, workspaceId, new File([PNG_BYTES], 'passport.png'))
    const eventId = await addEvent(tx, request, { kind: 'subject_message', public: true, body: 'My passport.' })
    return recordRequesterFile(tx, request, eventId, stored)
  })
}
