// Readiness: this instance can serve traffic (database reachable, migrations current, queue up).
import { checkReadiness } from '~/modules/health/readiness.server'

export async function loader() {
  const report = await checkReadiness()
  return Response.json(report, {
    status: report.status === 'ready' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
