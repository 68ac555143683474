// /t/:slug/dpa/signed/:token/pdf — the signer's copy of the signed DPA as a PDF, drawn from the
// frozen text; each download is audited.
import { data } from 'react-router'
import { pdfByToken, pdfResponse } from '~/modules/dpa/downloads.server'
import { requestOrigin } from '~/modules/http/request-info'
import { expiredLinkMessage } from '~/modules/dpa/signer-links.server'
import type { Route } from './+types/dpa-signed-pdf'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const pdf = await pdfByToken(params.slug, params.token, requestOrigin(request, context))
  if (!pdf) throw data('There is no signed agreement at this address. Use the link from your e-mail.', { status: 404 })
  if (pdf === 'expired') throw data(expiredLinkMessage(params.slug), { status: 410 })
  return pdfResponse(pdf)
}
