// /w/:slug/drp-agents — the authorized agents this workspace accepts Data Rights Protocol
// requests from (id, name, Ed25519 verify key), with the addresses and business id to give
// them. Adding and removing need a fresh confirmation (step-up); both are audited.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { Field } from '~/components/field'
import { WideTable } from '~/components/wide-table'
import { requireMember } from '~/modules/auth/member.server'
import { requireStepUp } from '~/modules/auth/step-up.server'
import { appOrigin } from '~/modules/config/env.server'
import { addAgent, agentInput, listAgents, removeAgent } from '~/modules/drp/agents.server'
import { businessIdOf } from '~/modules/drp/business-id'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/drp-agents'

export const meta: Route.MetaFunction = () => [{ title: 'Data Rights Protocol agents — Candor' }]

const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'not yet')

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'api_keys.manage')
  const agents = await listAgents(member.tenant)
  return {
    apiBase: `${appOrigin()}/drp/${params.slug}`,
    businessId: businessIdOf(params.slug),
    agents: agents.map((a) => ({ id: a.id, agentId: a.agentId, name: a.name, verifyKey: a.verifyKey, pairedAt: when(a.tokenIssuedAt) })),
  }
}

const removal = z.object({ agentRowId: z.uuid() })

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'api_keys.manage')
  const form = await readForm(request)
  const removing = form.get('intent') === 'remove'
  requireStepUp(member, request, removing ? 'drp_agents.remove' : 'drp_agents.add')
  const origin = requestOrigin(request, context)
  if (removing) {
    const parsed = removal.safeParse({ agentRowId: form.get('agentRowId') })
    if (!parsed.success || !(await removeAgent(member.tenant, parsed.data.agentRowId, origin))) {
      return data({ error: 'That agent is already removed.' }, { status: 409 })
    }
    return redirect(`/w/${params.slug}/drp-agents`)
  }
  const values = { agentId: String(form.get('agentId') ?? ''), name: String(form.get('name') ?? ''), verifyKey: String(form.get('verifyKey') ?? '') }
  const parsed = agentInput.safeParse(values)
  if (!parsed.success) return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values }, { status: 400 })
  if (!(await addAgent(member.tenant, parsed.data, origin))) {
    return data({ fieldErrors: { agentId: ['An agent with this id is already registered here.'] }, values }, { status: 409 })
  }
  return redirect(`/w/${params.slug}/drp-agents`)
}

export default function DrpAgents({ loaderData, actionData }: Route.ComponentProps) {
  const fieldErrors: Partial<Record<string, string[]>> = actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  const values = actionData && 'values' in actionData ? actionData.values : undefined
  return (
    <>
      <h1 className="text-2xl font-semibold">Data Rights Protocol agents</h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Authorized agents send privacy requests for people through the Data Rights Protocol, signed with their
        Ed25519 key. Requests from the agents listed here become privacy requests in your inbox. Give them this
        workspace’s API base <code className="break-all">{loaderData.apiBase}</code> and business id{' '}
        <code>{loaderData.businessId}</code>.
      </p>
      <FormAlert message={actionData && 'error' in actionData ? actionData.error : undefined} />
      <WideTable label="Authorized agents" className="mt-8">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="py-2 font-medium">Agent id</th>
              <th scope="col" className="py-2 font-medium">Name</th>
              <th scope="col" className="py-2 font-medium">Verify key</th>
              <th scope="col" className="py-2 font-medium">Key set up</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {loaderData.agents.map((agent) => (
              <tr key={agent.id}>
                <td className="py-2 font-mono">{agent.agentId}</td>
                <td className="py-2">{agent.name}</td>
                <td className="py-2 font-mono break-all">{agent.verifyKey}</td>
                <td className="py-2">{agent.pairedAt}</td>
                <td className="py-2">
                  <Form method="post">
                    <input type="hidden" name="agentRowId" value={agent.id} />
                    <button type="submit" name="intent" value="remove" aria-label={`Remove ${agent.name}`} className="rounded border border-red-300 px-2 py-1 text-red-800 hover:bg-red-50">
                      Remove
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
      <section aria-labelledby="new-agent" className="mt-10 max-w-md">
        <h2 id="new-agent" className="text-lg font-semibold">
          Add an agent
        </h2>
        <Form method="post" className="mt-3 grid gap-4" noValidate>
          <Field label="Agent id" name="agentId" value={values?.agentId} error={fieldErrors.agentId?.[0]} hint="As the DRP directory lists it, e.g. CR_AA_DRP_ID_001" />
          <Field label="Name" name="name" value={values?.name} error={fieldErrors.name?.[0]} />
          <Field label="Verify key" name="verifyKey" value={values?.verifyKey} error={fieldErrors.verifyKey?.[0]} hint="The agent’s Ed25519 public key in base64 (44 characters)" />
          <button type="submit" name="intent" value="add" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Add agent
          </button>
        </Form>
      </section>
    </>
  )
}
