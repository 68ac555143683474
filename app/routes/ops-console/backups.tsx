// /ops/backups — backups, restore drills and retention purges for the platform's operators:
// what ran and what it found, what waits for a worker, and a button to run each now (audited).
import { Link, data } from 'react-router'
import { OpsSubpage } from '~/components/ops/ops-subpage'
import { BackupsSection, DrillsSection, PurgesSection, type RunNowFeedback } from '~/components/ops/backup-sections'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { backupOperationsView } from '~/modules/ops/backup-operations.server'
import { requireOperator } from '~/modules/ops/operators.server'
import { RunNowRefusedError, runNow, runNowInput } from '~/modules/ops/run-now.server'
import type { Route } from './+types/backups'

export const meta: Route.MetaFunction = () => [{ title: 'Backups — Candor operator console' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireOperator(request)
  return { email: user.email, readAt: new Date().toISOString().slice(11, 19), ...(await backupOperationsView()) }
}

const QUEUED: Record<string, string> = {
  backup: 'A backup is queued: it shows below as queued until a worker starts it.',
  drill: 'A restore drill is queued: it shows below as queued until a worker starts it.',
  purge: 'A retention purge is queued: it shows below as queued until a worker starts it.',
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireOperator(request)
  const parsed = runNowInput.safeParse({ intent: (await readForm(request)).get('intent') })
  if (!parsed.success) return data({ kind: undefined, error: parsed.error.issues[0]?.message }, { status: 400 })
  const kind = parsed.data.intent
  try {
    await runNow(user.id, kind, requestOrigin(request, context))
  } catch (error) {
    if (error instanceof RunNowRefusedError) return data({ kind, error: error.message }, { status: 409 })
    throw error
  }
  return { kind, notice: QUEUED[kind] }
}

export default function BackupOperations({ loaderData, actionData }: Route.ComponentProps) {
  const feedback: RunNowFeedback = actionData?.kind !== undefined ? actionData : undefined
  return (
    <OpsSubpage email={loaderData.email} title="Backups, drills and purges">
      <p className="mt-2 max-w-3xl text-slate-600">
        Read at {loaderData.readAt} UTC, as the jobs recorded them. A run you ask for is queued until a worker starts
        it, then running until it records its result. What each queue is doing right now:{' '}
        <Link to="/ops/queues" className="underline hover:text-slate-900">Job queues</Link>.
      </p>
      {actionData && !actionData.kind ? <p role="alert" className="mt-4 text-sm text-red-800">{actionData.error}</p> : null}
      <BackupsSection backups={loaderData.backups} feedback={feedback} />
      <DrillsSection drills={loaderData.drills} hasSucceededBackup={loaderData.hasSucceededBackup} feedback={feedback} />
      <PurgesSection purges={loaderData.purges} feedback={feedback} />
    </OpsSubpage>
  )
}
