// /w/:slug/incidents.csv — the incident register for the supervisory authority (Art. 33(5)):
// every incident with its facts and notification fields, for owners and admins. Audited.
import { requireMember } from '~/modules/auth/member.server'
import { exportIncidentRegister } from '~/modules/incidents/register.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/incidents-csv'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'incidents.manage')
  const csv = await exportIncidentRegister(member, requestOrigin(request, context))
  const today = new Date().toISOString().slice(0, 10)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="incidents-${member.workspace.slug}-${today}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
