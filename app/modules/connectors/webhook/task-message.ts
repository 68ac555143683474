// The JSON Candor POSTs to a webhook data system for one task: what to do, for which request and
// by when, about whom, and where to answer later. Documented for customers in
// docs/site/webhook-connector.md; change both together.

export type TaskMessage = {
  type: 'access' | 'erasure'
  taskId: string
  request: { id: string; dueAt: string }
  subject: { email: string; name: string }
  answer: {
    /** POST the answer here, with `Authorization: Bearer <token>`. */
    resultUrl: string
    /** PUT a large collection's rows here as NDJSON (replace {name}); the token is in the address. */
    uploadUrl: string
    token: string
    /** The token works until then (the request's deadline), and until the task is done. */
    validUntil: string
  }
}

export const taskPath = (taskId: string) => `/api/v1/data-system-tasks/${taskId}`

export function taskMessage(input: {
  origin: string
  mode: 'access' | 'erasure'
  taskId: string
  requestId: string
  dueAt: Date
  subject: { email: string; name: string }
  token: string
}): TaskMessage {
  const base = `${input.origin}${taskPath(input.taskId)}`
  return {
    type: input.mode,
    taskId: input.taskId,
    request: { id: input.requestId, dueAt: input.dueAt.toISOString() },
    subject: input.subject,
    answer: {
      resultUrl: `${base}/result`,
      uploadUrl: `${base}/collections/{name}?token=${input.token}`,
      token: input.token,
      validUntil: input.dueAt.toISOString(),
    },
  }
}
