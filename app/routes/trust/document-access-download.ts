// /t/:slug/documents/access/:token/download: the requester's download through their link,
// while it works. Each download is audited with the requester as actor.
import { data } from 'react-router'
import { requestOrigin } from '~/modules/http/request-info'
import { downloadWithAccess } from '~/modules/trust/document-requests.server'
import { documentResponse } from '~/modules/trust/document-response.server'
import type { Route } from './+types/document-access-download'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const found = await downloadWithAccess(params.slug, params.token, requestOrigin(request, context))
  if (!found) throw data('There is no trust page at this address.', { status: 404 })
  if ('state' in found) {
    // The link's page explains why, in words.
    throw data('This link no longer works: it expired, was withdrawn, or the document was removed.', { status: found.state === 'unknown' ? 404 : 410 })
  }
  return documentResponse(found)
}
