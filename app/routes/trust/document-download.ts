// /t/:slug/documents/:documentId/download: a public document, decrypted as it streams. Each
// download is audited (an anonymous visitor, with their address) and limited per address.
import { data } from 'react-router'
import { requestOrigin } from '~/modules/http/request-info'
import { downloadPublic } from '~/modules/trust/document-requests.server'
import { documentResponse } from '~/modules/trust/document-response.server'
import { tryAgainIn } from '~/modules/http/try-again'
import type { Route } from './+types/document-download'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const found = await downloadPublic(params.slug, params.documentId, requestOrigin(request, context))
  if (!found) throw data('There is no such document on this trust page.', { status: 404 })
  if ('outcome' in found) {
    throw data(`Too many downloads from here in a short time. ${tryAgainIn(found.retryAfterSeconds)}`, {
      status: 429,
      headers: { 'Retry-After': String(found.retryAfterSeconds) },
    })
  }
  return documentResponse(found)
}
