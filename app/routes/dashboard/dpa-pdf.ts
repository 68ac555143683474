// /w/:slug/dpa/:signatureId/pdf — one signed DPA as a PDF, for owners and admins; audited.
import { data } from 'react-router'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { pdfForMember, pdfResponse } from '~/modules/dpa/downloads.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/dpa-pdf'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'dpa.manage')
  const pdf = await pdfForMember(member, params.signatureId, requestOrigin(request, context))
  if (!pdf) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  return pdfResponse(pdf)
}
