// The plan column of the operator console's workspace list: the effective plan and why
// (workspaces-view.server.ts), the facts behind it, and the forms to grant a plan by hand or
// end a grant. Plain forms: they work without JavaScript.
import { Form } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import type { WorkspaceRow } from '~/modules/ops/workspaces-view.server'

/** What the last grant action said about one workspace. */
export type GrantFeedback = { workspaceId?: string; error?: string; notice?: string } | undefined

const FIELD = 'rounded border border-slate-300 px-2 py-1'

export function PlanCell({ workspace: w, earliestGrantEnd, feedback }: { workspace: WorkspaceRow; earliestGrantEnd: string; feedback: GrantFeedback }) {
  const mine = feedback?.workspaceId === w.id ? feedback : undefined
  return (
    <div className="min-w-56">
      <p>
        <span className="font-medium">{w.plan.name}</span>{' '}
        <span className="text-slate-500">
          · {w.plan.source}
          {w.plan.until ? ` until ${w.plan.until}` : ''}
        </span>
      </p>
      {w.plan.facts.map((fact) => (
        <p key={fact} className="text-xs text-slate-500">{fact}</p>
      ))}
      {mine?.notice ? <p role="status" className="mt-1 text-xs text-emerald-800">{mine.notice}</p> : null}
      {w.deleted ? null : (
        <details className="mt-1" open={Boolean(mine?.error)}>
          <summary className="cursor-pointer text-xs text-slate-600 underline">Grant a plan to {w.name}</summary>
          <Form method="post" className="mt-2 flex flex-col gap-2" noValidate>
            <input type="hidden" name="intent" value="grant" />
            <input type="hidden" name="workspaceId" value={w.id} />
            <label className="text-xs text-slate-600">
              Plan
              <select name="plan" defaultValue="business" className={`ml-2 ${FIELD}`}>
                <option value="pro">Pro</option>
                <option value="business">Business</option>
              </select>
            </label>
            <label className="text-xs text-slate-600">
              Ends on (00:00 UTC)
              <input name="until" type="date" min={earliestGrantEnd} className={`ml-2 ${FIELD}`} />
            </label>
            <label className="text-xs text-slate-600">
              Reason
              <input name="reason" placeholder="Ticket, agreement" className={`ml-2 w-56 ${FIELD}`} />
            </label>
            <button type="submit" className="self-start rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" aria-label={`Grant the plan to ${w.name}`}>
              Grant
            </button>
            {mine?.error ? <FormAlert message={mine.error} /> : null}
          </Form>
          {w.hasGrant ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="end-grant" />
              <input type="hidden" name="workspaceId" value={w.id} />
              <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50" aria-label={`End the grant of ${w.name}`}>
                End the grant now
              </button>
            </Form>
          ) : null}
        </details>
      )}
    </div>
  )
}
