// /w/:slug/audit.csv — the audit log as CSV for owners and admins, with the audit page's filters.
// Recorded in the log itself (audit.export, with the filters), then streamed in batches.
import { requireMember } from '~/modules/auth/member.server'
import { exportAuditLog } from '~/modules/audit/csv-export.server'
import { parseAuditFilters } from '~/modules/audit/filters'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/audit-csv'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'audit.export')
  const filters = parseAuditFilters(new URL(request.url).searchParams)
  if (!filters.success) {
    return new Response(Object.values(filters.errors).join('\n'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  const csv = await exportAuditLog(member, filters.data, requestOrigin(request, context))
  const today = new Date().toISOString().slice(0, 10)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="audit-${member.workspace.slug}-${today}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
