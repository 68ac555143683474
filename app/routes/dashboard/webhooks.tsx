// /w/:slug/webhooks — endpoints that receive signed events when privacy requests change: add one
// (address and events; the signing secret is shown once), see its latest deliveries, send it a
// test event, disable it. Adding and disabling need a fresh confirmation (step-up); every
// change is audited. Plain forms: works without JavaScript.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert, upgradeOf } from '~/components/auth-card'
import { PlanLimitNotice } from '~/components/plan-limit-notice'
import { Field } from '~/components/field'
import { WideTable } from '~/components/wide-table'
import { EntitlementRefused, limitNotice, refusalAlert } from '~/modules/billing/entitlements.server'
import { requireStepUp } from '~/modules/auth/step-up.server'
import { requireMember } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  endpointInput,
  listWebhookEndpoints,
  sendTestEvent,
} from '~/modules/webhooks/endpoints.server'
import { REQUEST_EVENTS } from '~/modules/webhooks/events'
import type { Route } from './+types/webhooks'

export const meta: Route.MetaFunction = () => [{ title: 'Webhooks — Candor' }]

const when = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'api_keys.manage')
  const endpoints = await withTenant(member.tenant, listWebhookEndpoints)
  const now = new Date()
  return {
    events: Object.entries(REQUEST_EVENTS).map(([value, label]) => ({ value, label })),
    // Endpoints over the plan's limit stay and keep receiving events; only new ones are refused.
    limit: await limitNotice(member, 'webhookEndpoints', 'webhooks'),
    endpoints: endpoints.map((e) => ({
      id: e.id,
      url: e.url,
      events: e.events,
      createdAt: when(e.createdAt),
      disabled: Boolean(e.disabledAt),
      // Said only while it holds: a backoff that has passed is not shown.
      backingOff: !e.disabledAt && e.backoffUntil && e.backoffUntil > now ? { failures: e.failuresInRow, until: when(e.backoffUntil) } : null,
      deliveries: e.deliveries.map((d) => ({ ...d, createdAt: when(d.createdAt) })),
    })),
  }
}

const endpointId = z.object({ endpointId: z.uuid() })

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'api_keys.manage')
  const form = await readForm(request)
  const origin = requestOrigin(request, context)
  const intent = form.get('intent')
  if (intent === 'disable' || intent === 'test') {
    const parsed = endpointId.safeParse({ endpointId: form.get('endpointId') })
    if (intent === 'disable') requireStepUp(member, request, 'webhooks.disable')
    const done =
      parsed.success &&
      (intent === 'disable'
        ? await disableWebhookEndpoint(member.tenant, parsed.data.endpointId, origin)
        : await sendTestEvent(member.tenant, parsed.data.endpointId, origin))
    if (!done) return data({ error: 'That endpoint is disabled or does not exist.' }, { status: 409 })
    if (intent === 'disable') return redirect(`/w/${params.slug}/webhooks`)
    return { notice: 'A test event is on its way: its delivery shows below once it is sent.' }
  }
  if (intent !== 'create') return data({ error: 'Choose what to do.' }, { status: 400 })
  requireStepUp(member, request, 'webhooks.create')
  const input = { url: String(form.get('url') ?? ''), events: form.getAll('events').map(String) }
  const parsed = endpointInput.safeParse(input)
  if (!parsed.success) {
    return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values: input }, { status: 400 })
  }
  try {
    const created = await createWebhookEndpoint(member.tenant, parsed.data, origin)
    return { created: { url: parsed.data.url, secret: created.secret } }
  } catch (error) {
    if (error instanceof EntitlementRefused) return data({ ...refusalAlert(error, member), values: input }, { status: 403 })
    throw error
  }
}

const STATUS_STYLE = {
  delivered: 'bg-green-100 text-green-900',
  pending: 'bg-slate-100 text-slate-700',
  retrying: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-900',
} as const

export default function Webhooks({ loaderData, actionData }: Route.ComponentProps) {
  const created = actionData && 'created' in actionData ? actionData.created : null
  const notice = actionData && 'notice' in actionData ? actionData.notice : null
  const fieldErrors: Partial<Record<string, string[]>> =
    actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  const values = actionData && 'values' in actionData ? actionData.values : undefined
  return (
    <>
      <h1 className="text-2xl font-semibold">Webhooks</h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Candor POSTs a signed JSON event to your endpoints when a privacy request is received, changes state, is
        extended, completed or rejected. Check the <code>Candor-Signature</code> header with the endpoint’s signing
        secret before trusting an event (see the README or <a className="underline" href="/api/v1/openapi.json">the API document</a>).
        A delivery that is refused or unanswered within 10 seconds is retried for a few hours.
      </p>
      <FormAlert
        message={actionData && 'error' in actionData ? actionData.error : undefined}
        upgrade={upgradeOf(actionData)}
      />
      <PlanLimitNotice {...loaderData.limit} />
      {notice ? (
        <p role="status" className="mt-4 rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      {created ? (
        <section role="status" className="mt-6 rounded border border-green-200 bg-green-50 p-5">
          <h2 className="font-semibold">
            Endpoint {created.url} added. Copy its signing secret now: it will not be shown again.
          </h2>
          <code data-testid="new-webhook-secret" className="mt-3 block break-all rounded bg-white p-3 font-mono text-sm">
            {created.secret}
          </code>
        </section>
      ) : null}

      {loaderData.endpoints.length === 0 ? (
        <p className="mt-8 text-slate-600">No endpoints yet.</p>
      ) : (
        <ul className="mt-8 grid gap-6">
          {loaderData.endpoints.map((endpoint) => (
            <li key={endpoint.id} aria-label={endpoint.url} className="min-w-0 rounded border border-slate-200 p-5">
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div>
                  <h2 className="break-all font-mono text-sm font-semibold">{endpoint.url}</h2>
                  <p className="mt-1 text-sm text-slate-600">
                    {endpoint.events.join(', ')} · added {endpoint.createdAt}
                    {endpoint.disabled ? ' · disabled' : ''}
                  </p>
                  {endpoint.backingOff ? (
                    <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
                      Backing off: the last {endpoint.backingOff.failures} deliveries failed. Waiting deliveries are tried
                      again after {endpoint.backingOff.until}.
                    </p>
                  ) : null}
                </div>
                {endpoint.disabled ? null : (
                  <Form method="post" className="flex gap-2">
                    <input type="hidden" name="endpointId" value={endpoint.id} />
                    <button type="submit" name="intent" value="test" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
                      Send test event
                    </button>
                    <button type="submit" name="intent" value="disable" className="rounded border border-red-300 px-2 py-1 text-sm text-red-800 hover:bg-red-50">
                      Disable
                    </button>
                  </Form>
                )}
              </div>
              {endpoint.deliveries.length === 0 ? (
                <p className="mt-3 text-sm text-slate-500">No deliveries yet.</p>
              ) : (
                <WideTable label={`Latest deliveries to ${endpoint.url}`} className="mt-3">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Latest deliveries to {endpoint.url}</caption>
                    <thead className="border-b border-slate-200 text-slate-500">
                      <tr>
                        <th scope="col" className="py-1 font-medium">Event</th>
                        <th scope="col" className="py-1 font-medium">Created</th>
                        <th scope="col" className="py-1 font-medium">Status</th>
                        <th scope="col" className="py-1 font-medium">Attempts</th>
                        <th scope="col" className="py-1 font-medium">Last answer</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {endpoint.deliveries.map((delivery) => (
                        <tr key={delivery.id}>
                          <td className="py-1 font-mono">{delivery.eventType}</td>
                          <td className="py-1">{delivery.createdAt}</td>
                          <td className="py-1">
                            <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[delivery.status]}`}>{delivery.status}</span>
                          </td>
                          <td className="py-1">{delivery.attempts}</td>
                          <td className="py-1 break-all">
                            {delivery.lastStatus ? `HTTP ${delivery.lastStatus}` : ''}
                            {delivery.lastError ? `${delivery.lastStatus ? ' — ' : ''}${delivery.lastError}` : ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </WideTable>
              )}
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="new-endpoint" className="mt-10 max-w-xl">
        <h2 id="new-endpoint" className="text-lg font-semibold">
          Add an endpoint
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          An https:// address of yours.
        </p>
        <Form method="post" className="mt-3 grid gap-4" noValidate>
          <Field label="Endpoint URL" name="url" type="url" value={values?.url} error={fieldErrors.url?.[0]} hint="For example https://example.com/candor-webhooks" />
          <fieldset aria-describedby={fieldErrors.events ? 'events-error' : undefined}>
            <legend className="text-sm font-medium">Events</legend>
            {loaderData.events.map((event) => (
              <label key={event.value} className="mt-2 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="events"
                  value={event.value}
                  defaultChecked={values ? values.events.includes(event.value) : true}
                />
                <span>
                  <code>{event.value}</code> — {event.label}
                </span>
              </label>
            ))}
            {fieldErrors.events ? (
              <p id="events-error" className="mt-1 text-sm text-red-700">
                {fieldErrors.events[0]}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" name="intent" value="create" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Add endpoint
          </button>
        </Form>
      </section>
    </>
  )
}
