// Reading an /api/v1 JSON body and answering bad input, the same way on every endpoint:
// `{ error: { code, message, fields } }` with status 400, where `fields` names each problem by
// its path in the body (`settings.port`, `map.references.0.from`).
import { parseJsonBody } from '~/modules/http/json-body'
import { apiError } from './api-auth.server'

export function invalidInput(fields: Record<string, string>): Response {
  return Response.json({ error: { code: 'invalid_request', message: Object.values(fields).join(' '), fields } }, { status: 400 })
}

/** The body as JSON, or the 400 answer to send (not JSON, or a control character in a string). */
export async function readApiJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const json = parseJsonBody(await request.text())
  if (json.ok) return json
  if (json.path !== undefined) return { ok: false, response: invalidInput({ [json.path || 'body']: json.message }) }
  return { ok: false, response: apiError(400, 'invalid_json', `${json.message} Send a JSON object (Content-Type: application/json).`) }
}
