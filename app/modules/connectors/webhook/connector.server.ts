// The webhook connector (issue 17, decision 036): each task is POSTed, signed per Standard
// Webhooks, to the system's endpoint. The endpoint answers at once (200 with the data or the
// erasure counts), or takes the task (202) and answers later on its callback URL
// (callback.server.ts); either way the task waits for the system meanwhile, never Candor's
// transaction. An endpoint that does not answer gets the task again later (resend-schedule.ts);
// one that refuses fails the task with its reason.
import { appOrigin } from '~/modules/config/env.server'
import { type Collection, type ErasureReceipt, type ExternalConnector, type ExternalContext, type ExternalOutcome, RefusedBySystemError, type Subject } from '~/modules/dsar/connectors/connector'
import { enqueue } from '~/modules/jobs/queue.server'
import { settingsOf } from '../settings'
import { parseAnswer } from './answer'
import { delayAfterSend, MAX_SENDS } from './resend-schedule'
import { type Reply, sendTask } from './send-task.server'
import { signedHeaders } from './signature.server'
import { taskMessage } from './task-message'
import { issueTaskToken, sendsSoFar } from './task-tokens.server'

type Mode = 'access' | 'erasure'

async function send(ctx: ExternalContext, subject: Subject, mode: Mode): Promise<{ reply: Reply; sends: number }> {
  const settings = settingsOf('webhook', ctx.settings)
  if (!ctx.secret) throw new RefusedBySystemError('This webhook data system has no signing secret: add it again to get one.')
  const { token, sends } = await ctx.read(async (tx) => {
    const before = await sendsSoFar(tx, ctx.taskId)
    return { sends: before + 1, token: await issueTaskToken(tx, { workspaceId: ctx.workspaceId, taskId: ctx.taskId, expiresAt: ctx.dueAt }) }
  })
  const body = JSON.stringify(
    taskMessage({ origin: appOrigin(), mode, taskId: ctx.taskId, requestId: ctx.requestId, dueAt: ctx.dueAt, subject: { email: subject.email, name: subject.name }, token }),
  )
  // The task id is the message id: a resend is the same message, so a receiver can drop repeats.
  const reply = await sendTask(settings.url, body, signedHeaders(ctx.secret, ctx.taskId, body), settings.timeoutSeconds)
  return { reply, sends }
}

/** The outcome of a reply that is not an answer: wait (and maybe send again later), or fail. */
async function notAnswered(ctx: ExternalContext, reply: Exclude<Reply, { kind: 'answer' }>, sends: number): Promise<{ kind: 'waiting'; reason: string }> {
  const by = ctx.dueAt.toISOString().slice(0, 10)
  if (reply.kind === 'accepted') return { kind: 'waiting', reason: `The endpoint accepted the task and answers on its callback (by ${by}).` }
  if (reply.kind === 'refused') throw new RefusedBySystemError(reply.reason)
  const delay = delayAfterSend(sends)
  if (delay === null) {
    return { kind: 'waiting', reason: `${reply.reason} Candor sent the task ${sends} times and stops; the endpoint can still answer on its callback (by ${by}).` }
  }
  const at = new Date(Date.now() + delay * 1000)
  await ctx.read((tx) => enqueue(tx, 'dsar.task', { workspaceId: ctx.workspaceId, taskId: ctx.taskId }, { singletonKey: ctx.taskId, startAfter: at }))
  return { kind: 'waiting', reason: `${reply.reason} Candor sends the task again at ${at.toISOString().slice(11, 16)} UTC (send ${sends + 1} of ${MAX_SENDS}).` }
}

/** Rows held in memory (an answer of at most 5 MB) as the stream a collection is written from. */
export async function* each<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items
}

/** An erasure answer as the receipt staff and the subject see. */
export const receiptOf = (systemName: string, answer: { counts: { what: string; count: number }[]; kept?: { what: string; count: number; why: string }[] }): ErasureReceipt => ({
  system: systemName,
  erasedAt: new Date().toISOString(),
  items: answer.counts,
  ...(answer.kept && answer.kept.length > 0 ? { kept: answer.kept } : {}),
})

export const webhookConnector: ExternalConnector = {
  async collect(ctx, subject, store: (collection: Collection) => Promise<void>): Promise<ExternalOutcome<void>> {
    const { reply, sends } = await send(ctx, subject, 'access')
    if (reply.kind !== 'answer') return notAnswered(ctx, reply, sends)
    const answer = parseAnswer('access', reply.text)
    if (!answer.ok) throw new RefusedBySystemError(answer.message)
    for (const collection of answer.value.collections) {
      if (!('rows' in collection)) {
        throw new RefusedBySystemError(`The endpoint named “${collection.name}” as uploaded in its immediate answer: uploads are for answers on the callback.`)
      }
      await store({ name: collection.name, description: collection.description, fields: collection.fields, rows: each(collection.rows) })
    }
    return { kind: 'done', value: undefined }
  },

  async erase(ctx, subject): Promise<ExternalOutcome<ErasureReceipt>> {
    const { reply, sends } = await send(ctx, subject, 'erasure')
    if (reply.kind !== 'answer') return notAnswered(ctx, reply, sends)
    const answer = parseAnswer('erasure', reply.text)
    if (!answer.ok) throw new RefusedBySystemError(answer.message)
    return { kind: 'done', value: receiptOf(ctx.systemName, answer.value) }
  },
}
