// /w/:slug/api-keys — create API keys (name and permissions; the token is shown once) and
// revoke them. Both need a fresh confirmation (step-up) and are audited.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert, upgradeOf } from '~/components/auth-card'
import { PlanLimitNotice } from '~/components/plan-limit-notice'
import { Field } from '~/components/field'
import { WideTable } from '~/components/wide-table'
import { API_SCOPES, apiKeyInput, createApiKey, revokeApiKey } from '~/modules/auth/api-keys.server'
import { EntitlementRefused, limitNotice, refusalAlert } from '~/modules/billing/entitlements.server'
import { requireStepUp } from '~/modules/auth/step-up.server'
import { requireMember } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/api-keys'

export const meta: Route.MetaFunction = () => [{ title: 'API keys — Candor' }]

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'never')

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'api_keys.manage')
  const keys = await withTenant(member.tenant, (tx) =>
    tx.apiKey.findMany({ orderBy: { createdAt: 'desc' } }),
  )
  return {
    // Keys over the plan's limit stay; only new ones are refused (and the API refuses every key without the feature).
    limit: await limitNotice(member, 'apiKeys', 'api'),
    scopes: Object.entries(API_SCOPES).map(([value, label]) => ({ value, label })),
    keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: `cnd_${k.prefix}_…`,
      scopes: k.scopes,
      createdAt: day(k.createdAt),
      lastUsedAt: day(k.lastUsedAt),
      revoked: Boolean(k.revokedAt),
    })),
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'api_keys.manage')
  const form = await readForm(request)
  const revoking = form.get('intent') === 'revoke'
  requireStepUp(member, request, revoking ? 'api_keys.revoke' : 'api_keys.create')
  const origin = requestOrigin(request, context)
  if (revoking) {
    const id = z.uuid().safeParse(form.get('keyId'))
    if (!id.success || !(await revokeApiKey(member.tenant, id.data, origin))) {
      return data({ error: 'That key is already revoked.' }, { status: 409 })
    }
    return redirect(`/w/${params.slug}/api-keys`)
  }
  const input = { name: String(form.get('name') ?? ''), scopes: form.getAll('scopes').map(String) }
  const parsed = apiKeyInput.safeParse(input)
  if (!parsed.success) {
    return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values: input }, { status: 400 })
  }
  try {
    const created = await createApiKey(member.tenant, member.user.id, parsed.data, origin)
    return { created: { name: parsed.data.name, token: created.token } }
  } catch (error) {
    if (error instanceof EntitlementRefused) return data({ ...refusalAlert(error, member), values: input }, { status: 403 })
    throw error
  }
}

export default function ApiKeys({ loaderData, actionData }: Route.ComponentProps) {
  const created = actionData && 'created' in actionData ? actionData.created : null
  const fieldErrors: Partial<Record<string, string[]>> =
    actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  const values = actionData && 'values' in actionData ? actionData.values : undefined
  return (
    <>
      <h1 className="text-2xl font-semibold">API keys</h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Keys let your own systems use the Candor API for this workspace: send one as{' '}
        <code>Authorization: Bearer …</code>. Give each key only the permissions it needs.
      </p>
      <FormAlert
        message={actionData && 'error' in actionData ? actionData.error : undefined}
        upgrade={upgradeOf(actionData)}
      />
      <PlanLimitNotice {...loaderData.limit} />
      {created ? (
        <section role="status" className="mt-6 rounded border border-green-200 bg-green-50 p-5">
          <h2 className="font-semibold">Key “{created.name}” created. Copy it now: it will not be shown again.</h2>
          <code data-testid="new-api-key" className="mt-3 block break-all rounded bg-white p-3 font-mono text-sm">
            {created.token}
          </code>
        </section>
      ) : null}

      <WideTable label="API keys" className="mt-8">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="py-2 font-medium">Name</th>
              <th scope="col" className="py-2 font-medium">Key</th>
              <th scope="col" className="py-2 font-medium">Permissions</th>
              <th scope="col" className="py-2 font-medium">Created</th>
              <th scope="col" className="py-2 font-medium">Last used</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {loaderData.keys.map((key) => (
              <tr key={key.id}>
                <td className="py-2">{key.name}</td>
                <td className="py-2 font-mono">{key.prefix}</td>
                <td className="py-2">{key.scopes.join(', ')}</td>
                <td className="py-2">{key.createdAt}</td>
                <td className="py-2">{key.lastUsedAt}</td>
                <td className="py-2">
                  {key.revoked ? (
                    <span className="text-slate-500">revoked</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="keyId" value={key.id} />
                      <button type="submit" name="intent" value="revoke" aria-label={`Revoke ${key.name}`} className="rounded border border-red-300 px-2 py-1 text-red-800 hover:bg-red-50">
                        Revoke
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>

      <section aria-labelledby="new-key" className="mt-10 max-w-md">
        <h2 id="new-key" className="text-lg font-semibold">
          Create a key
        </h2>
        <Form method="post" className="mt-3 grid gap-4" noValidate>
          <Field label="Name" name="name" value={values?.name} error={fieldErrors.name?.[0]} />
          <fieldset aria-describedby={fieldErrors.scopes ? 'scopes-error' : undefined}>
            <legend className="text-sm font-medium">Permissions</legend>
            {loaderData.scopes.map((scope) => (
              <label key={scope.value} className="mt-2 flex items-center gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope.value} defaultChecked={values?.scopes.includes(scope.value)} />
                <span>
                  <code>{scope.value}</code> — {scope.label}
                </span>
              </label>
            ))}
            {fieldErrors.scopes ? (
              <p id="scopes-error" className="mt-1 text-sm text-red-700">
                {fieldErrors.scopes[0]}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" name="intent" value="create" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Create key
          </button>
        </Form>
      </section>
    </>
  )
}
