// Status callbacks (§2.03): when a privacy request that came by DRP changes, its agent's
// status_callback gets the Exercise Status, POSTed by the `drp.callback` job. The status is
// computed when the job runs, so a late retry never sends a stale state; one the agent already
// took (2xx) is not sent again. The address was checked when the request came in, and the POST
// is the outgoing webhooks' (10 s, no redirects, public addresses only in production).
import { createHash } from 'node:crypto'
import { env } from '~/modules/config/env.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { post } from '~/modules/webhooks/delivery.server'
import { loadExerciseStatus } from './request-status.server'

export type DrpCallbackJob = { workspaceId: string; drpRequestId: string }

export class DrpCallbackError extends Error {}

const SYSTEM = { type: 'system', reason: 'drp.callback' } as const
export const CALLBACK_TIMEOUT_MS = 10_000

/** In the transaction that changed the privacy request: queue its agent's callback, if it asked for one. */
export async function queueStatusCallback(tx: Tx, privacyRequestId: string): Promise<void> {
  const drp = await tx.drpRequest.findUnique({ where: { privacyRequestId }, select: { id: true, workspaceId: true, statusCallback: true } })
  if (!drp?.statusCallback) return
  await enqueue(tx, 'drp.callback', { workspaceId: drp.workspaceId, drpRequestId: drp.id } satisfies DrpCallbackJob)
}

export type CallbackOptions = { allowPrivateNetworks?: boolean; timeoutMs?: number }

export async function deliverStatusCallback(job: DrpCallbackJob, options: CallbackOptions = {}): Promise<'delivered' | 'unchanged' | 'missing'> {
  const ctx = { workspaceId: job.workspaceId, actor: SYSTEM }
  const prepared = await withTenant(ctx, async (tx) => {
    const drp = await tx.drpRequest.findUnique({ where: { id: job.drpRequestId }, include: { workspace: { select: { slug: true } } } })
    if (!drp?.statusCallback) return null
    const body = JSON.stringify(await loadExerciseStatus(tx, drp, drp.workspace.slug))
    const sha256 = createHash('sha256').update(body).digest('hex')
    return { url: drp.statusCallback, body, sha256, unchanged: drp.callbackSha256 === sha256 }
  })
  if (!prepared) return 'missing'
  if (prepared.unchanged) return 'unchanged'
  const answer = await post(new URL(prepared.url), prepared.body, { 'content-type': 'application/json', 'user-agent': 'Candor-DRP/1' }, {
    allowPrivateNetworks: options.allowPrivateNetworks ?? env().NODE_ENV !== 'production',
    timeoutMs: options.timeoutMs ?? CALLBACK_TIMEOUT_MS,
  })
  const delivered = answer.status !== undefined && answer.status >= 200 && answer.status < 300
  await withTenant(ctx, (tx) =>
    tx.drpRequest.update({
      where: { id: job.drpRequestId },
      data: delivered ? { callbackSha256: prepared.sha256, callbackError: null } : { callbackError: answer.error.slice(0, 500) },
    }),
  )
  if (!delivered) throw new DrpCallbackError(`DRP status callback ${job.drpRequestId} failed: ${answer.error}`)
  return 'delivered'
}
