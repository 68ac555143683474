// POST /api/v1/data-system-tasks/:taskId/result — a webhook data system's answer to a task it
// accepted earlier (decision 036). The task's token, not an API key, is the credential.
import { apiError } from '~/modules/api/api-auth.server'
import { CallbackRefusal, answerTask, authorizeCallback, callbackToken, readAnswerText } from '~/modules/connectors/webhook/callback.server'
import type { Route } from './+types/data-system-task-result'

export async function action({ request, params }: Route.ActionArgs) {
  if (request.method !== 'POST') return apiError(405, 'method_not_allowed', 'Send the result with POST.')
  try {
    const job = await authorizeCallback(callbackToken(request, { inUrl: false }), params.taskId)
    const { mode } = await answerTask(job, await readAnswerText(request.body))
    return Response.json({ data: { taskId: job.taskId, state: 'done', recorded: mode === 'erasure' ? 'erasure receipt' : 'collections' } })
  } catch (error) {
    if (error instanceof CallbackRefusal) return apiError(error.refusal.status, error.refusal.code, error.refusal.message)
    throw error
  }
}

// Nothing here to read: a 404 like any unknown API address, whoever's task the id names.
export function loader() {
  return apiError(404, 'not_found', 'There is nothing to GET here. Send the result with POST.')
}
