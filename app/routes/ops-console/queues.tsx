// /ops/queues — the job queues as they are now, for the platform's operators: whether the
// workers keep up (due and the oldest due job's wait), what is running, what failed for good.
import { OpsSubpage } from '~/components/ops/ops-subpage'
import { WideTable } from '~/components/wide-table'
import { queueHealth } from '~/modules/jobs/queue-health.server'
import { requireOperator } from '~/modules/ops/operators.server'
import type { Route } from './+types/queues'

export const meta: Route.MetaFunction = () => [{ title: 'Job queues — Candor operator console' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireOperator(request)
  return { email: user.email, readAt: new Date().toISOString().slice(11, 19), queues: await queueHealth() }
}

/** "3 s", "4 min", "2 h": how long the oldest due job has waited. */
function waited(seconds: number | null): string {
  if (seconds === null) return '—'
  if (seconds < 120) return `${seconds} s`
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`
  return `${Math.round(seconds / 3600)} h`
}

export default function JobQueues({ loaderData }: Route.ComponentProps) {
  return (
    <OpsSubpage email={loaderData.email} title="Job queues">
      <p className="mt-2 text-slate-600">
        Read at {loaderData.readAt} UTC. <em>Due</em> jobs wait for a worker; a long wait for the oldest means the
        workers do not keep up. <em>Later</em> jobs wait for a retry&rsquo;s backoff or a deferral. A <code>.dead</code>{' '}
        queue holds jobs whose retries ran out until their handler records the failure.
      </p>
      <WideTable label="Job queues" className="mt-8">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Job queues</caption>
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Queue</th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">Due</th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">Oldest due waited</th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">Later</th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">Running</th>
              <th scope="col" className="py-2 text-right font-medium">Failed, last 24 h</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {loaderData.queues.map((queue) => (
              <tr key={queue.name} aria-label={queue.name}>
                <th scope="row" className="py-2 pr-4 font-mono font-normal">{queue.name}</th>
                <td className="py-2 pr-4 text-right">{queue.due}</td>
                <td className="py-2 pr-4 text-right">{waited(queue.oldestDueSeconds)}</td>
                <td className="py-2 pr-4 text-right">{queue.later}</td>
                <td className="py-2 pr-4 text-right">{queue.running}</td>
                <td className={`py-2 text-right ${queue.failedLastDay ? 'font-semibold text-red-800' : ''}`}>{queue.failedLastDay}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
    </OpsSubpage>
  )
}
