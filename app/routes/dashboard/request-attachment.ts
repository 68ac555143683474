// /w/:slug/requests/:reference/attachments/:attachmentId: a member downloads a file the requester
// attached to an answer. Audited; never cached.
import { Readable } from 'node:stream'
import { data } from 'react-router'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { downloadRequesterAttachment } from '~/modules/dsar/requester-attachment-staff.server'
import { findDeskRequest } from '~/modules/dsar/desk-request.server'
import { isUuid } from '~/modules/formats/uuid'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/request-attachment'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'requests.view')
  const named = isUuid(params.attachmentId) ? await findDeskRequest(member, params.reference) : null
  if (!named) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const file = await downloadRequesterAttachment(member, named.id, params.attachmentId, requestOrigin(request, context))
  if (!file) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
