// /ops — the operator console (OPERATOR_EMAILS with 2FA; 404 for everyone else): every
// workspace with its plan, a read-only look into one with a written reason, for at most 30
// minutes, and a plan granted by hand (ops/console-actions.server.ts handles each intent).
import { Form, Link, data } from 'react-router'
import { AccountBar } from '~/components/account-bar'
import { FormAlert } from '~/components/auth-card'
import { type GrantFeedback, PlanCell } from '~/components/ops/workspace-plan'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { runConsoleAction } from '~/modules/ops/console-actions.server'
import { IMPERSONATION_MAX_MINUTES, requireOperator } from '~/modules/ops/operators.server'
import { workspacesView } from '~/modules/ops/workspaces-view.server'
import type { Route } from './+types/workspaces'

export const meta: Route.MetaFunction = () => [{ title: 'Operator console — Candor' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireOperator(request)
  return { email: user.email, maxMinutes: IMPERSONATION_MAX_MINUTES, ...(await workspacesView(user.id)) }
}

export async function action({ request, context }: Route.ActionArgs) {
  const current = await requireOperator(request)
  const { status, ...feedback } = await runConsoleAction(current, await readForm(request), requestOrigin(request, context))
  return data(feedback, { status })
}

export default function OperatorConsole({ loaderData, actionData }: Route.ComponentProps) {
  const look = actionData?.intent === 'look' ? actionData : undefined
  const grant: GrantFeedback = actionData?.intent === 'look' ? undefined : actionData
  return (
    <>
      <AccountBar email={loaderData.email} />
      <main className="mx-auto max-w-6xl px-6 py-10">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h1 className="text-2xl font-semibold">Operator console</h1>
          <nav aria-label="Operator pages" className="flex gap-4 text-sm">
            <Link to="/ops/queues" className="text-slate-600 underline hover:text-slate-900">Job queues</Link>
            <Link to="/ops/backups" className="text-slate-600 underline hover:text-slate-900">Backups</Link>
            <Link to="/ops/incidents" className="text-slate-600 underline hover:text-slate-900">Incidents</Link>
          </nav>
        </div>
        <p className="mt-2 text-slate-600">
          Looking into a workspace is read-only, lasts at most {loaderData.maxMinutes} minutes, and is
          recorded with your reason in the platform’s audit log and in the customer’s. So is a plan you grant.
          {loaderData.billingEnabled ? null : ' Billing is off on this installation (no STRIPE_SECRET_KEY): every workspace has every feature, and a grant changes nothing until billing is on.'}
        </p>
        {look && !look.workspaceId ? <FormAlert message={look.error} /> : null}
        <table className="mt-8 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="py-2 font-medium">Workspace</th>
              <th scope="col" className="py-2 font-medium">Plan</th>
              <th scope="col" className="py-2 font-medium">Members</th>
              <th scope="col" className="py-2 font-medium">2FA required</th>
              <th scope="col" className="py-2 font-medium">Created</th>
              <th scope="col" className="py-2 font-medium">Look into it</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {loaderData.workspaces.map((w) => (
              <tr key={w.id} className="align-top">
                <td className="py-2">
                  <span className="font-medium">{w.name}</span>
                  <span className="block text-slate-500">{w.slug}{w.deleted ? ' · deleted' : ''}</span>
                </td>
                <td className="py-2">
                  <PlanCell workspace={w} earliestGrantEnd={loaderData.earliestGrantEnd} feedback={grant} />
                </td>
                <td className="py-2">{w.members}</td>
                <td className="py-2">{w.requireTwoFactor ? 'yes' : 'no'}</td>
                <td className="py-2">{w.createdAt}</td>
                <td className="py-2">
                  {w.deleted ? null : (
                    <Form method="post" className="flex flex-wrap items-start gap-2" noValidate>
                      <input type="hidden" name="intent" value="look" />
                      <input type="hidden" name="workspaceId" value={w.id} />
                      <label className="sr-only" htmlFor={`reason-${w.id}`}>
                        Reason for looking into {w.name}
                      </label>
                      <input id={`reason-${w.id}`} name="reason" placeholder="Reason (ticket, request)" className="w-64 rounded border border-slate-300 px-2 py-1" />
                      <label className="sr-only" htmlFor={`minutes-${w.id}`}>
                        Minutes
                      </label>
                      <input id={`minutes-${w.id}`} name="minutes" type="number" min={1} max={loaderData.maxMinutes} defaultValue={15} className="w-16 rounded border border-slate-300 px-2 py-1" />
                      <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" aria-label={`Look into ${w.name}`}>
                        Look
                      </button>
                      {look?.workspaceId === w.id ? <FormAlert message={look.error} /> : null}
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </>
  )
}
