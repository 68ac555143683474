// PUT /api/v1/data-system-tasks/:taskId/collections/:name — one large collection of an access
// task, as NDJSON, streamed into encrypted storage (decision 036); the result then lists it.
// The token may be in the address (a pre-signed upload URL): it is per task, hashed at rest and
// expires at the request's deadline.
import { apiError } from '~/modules/api/api-auth.server'
import { COLLECTION_NAME } from '~/modules/connectors/webhook/answer'
import { MAX_UPLOAD_BYTES } from '~/modules/connectors/webhook/callback-body-limit'
import { CallbackRefusal, authorizeCallback, callbackToken, storeUpload } from '~/modules/connectors/webhook/callback.server'
import type { Route } from './+types/data-system-task-collection'

export async function action({ request, params }: Route.ActionArgs) {
  if (request.method !== 'PUT') return apiError(405, 'method_not_allowed', 'Upload a collection with PUT.')
  try {
    const job = await authorizeCallback(callbackToken(request, { inUrl: true }), params.taskId)
    if (!COLLECTION_NAME.test(params.name)) {
      return apiError(400, 'invalid_name', 'A collection name is 1 to 64 lower-case letters, digits, “_” or “-”, starting with a letter or digit.')
    }
    if (Number(request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) return apiError(413, 'upload_too_large', 'This upload is too large.')
    const { rows } = await storeUpload(job, params.name, request.body)
    return Response.json({ data: { taskId: job.taskId, collection: params.name, rows } })
  } catch (error) {
    if (error instanceof CallbackRefusal) return apiError(error.refusal.status, error.refusal.code, error.refusal.message)
    throw error
  }
}

// Nothing here to read: a 404 like any unknown API address, whoever's task the id names.
export function loader() {
  return apiError(404, 'not_found', 'There is nothing to GET here. Upload a collection with PUT.')
}
