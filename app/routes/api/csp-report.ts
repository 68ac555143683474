// Browsers post Content-Security-Policy violations here. Rate limited per address and size
// limited; a malformed report gets 400 and nothing is stored.
import { parseJsonBody } from '~/modules/http/json-body'
import { requestInfoContext } from '~/modules/http/request-info'
import {
  CSP_REPORT_MAX_BYTES,
  parseCspReport,
  recordCspViolations,
} from '~/modules/security/csp-reports.server'
import { consumeRateLimit } from '~/modules/security/rate-limit.server'
import type { Route } from './+types/csp-report'

const RULE = { name: 'csp-report', limit: 60, windowSeconds: 60 }

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return problem(405, 'Reports are sent with POST.')
  const { clientIp } = context.get(requestInfoContext)
  const limit = await consumeRateLimit(RULE, clientIp)
  if (!limit.allowed) {
    return problem(429, 'Too many reports from this address; try again later.', {
      'Retry-After': String(limit.retryAfterSeconds),
    })
  }
  const tooLarge = () => problem(413, 'The report is too large.')
  // Refused before reading when the declared size says so, checked again on what was read.
  if (Number(request.headers.get('content-length') ?? 0) > CSP_REPORT_MAX_BYTES) return tooLarge()
  const body = await request.text()
  if (body.length > CSP_REPORT_MAX_BYTES) return tooLarge()
  const json = parseJsonBody(body)
  if (!json.ok) return problem(400, json.message)
  const violations = parseCspReport(json.value)
  if (!violations) return problem(400, 'The body is not a CSP violation report.')
  await recordCspViolations(violations)
  return new Response(null, { status: 204 })
}

export function loader() {
  return problem(405, 'Reports are sent with POST.')
}

function problem(status: number, message: string, headers: Record<string, string> = {}) {
  return Response.json({ error: message }, { status, headers })
}
