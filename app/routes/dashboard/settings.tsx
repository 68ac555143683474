// /w/:slug/settings — "require 2FA for every member", and deleting the workspace (owners, typed
// confirmation). Both need their permission and a fresh confirmation (step-up), and are audited
// in the workspace's log.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { recordAudit } from '~/modules/audit/record.server'
import { requireRecentAuthentication } from '~/modules/auth/current-user.server'
import { requireMember } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { Field } from '~/components/field'
import { MemberRuleError, deleteWorkspace } from '~/modules/tenancy/members.server'
import { twoFactorEnabled } from '~/modules/auth/two-factor.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/settings'

export const meta: Route.MetaFunction = () => [{ title: 'Settings — Candor' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const member = await requireMember(request, params.slug, 'security.require_2fa')
  const workspace = await withTenant(member.tenant, (tx) =>
    tx.workspace.findUniqueOrThrow({ where: { id: member.workspace.id }, select: { requireTwoFactor: true } }),
  )
  return { requireTwoFactor: workspace.requireTwoFactor, slug: member.workspace.slug, mayDelete: can(member.role, 'workspace.delete') }
}

const settingsForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('require_two_factor'), requireTwoFactor: z.enum(['on', 'off'], 'Choose whether to require two-factor authentication.') }),
  z.object({ intent: z.literal('delete'), confirmation: z.string().max(100) }),
])

export async function action({ request, params, context }: Route.ActionArgs) {
  const parsed = settingsForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'Choose a setting.' }, { status: 400 })
  const form = parsed.data
  const member = await requireMember(
    request,
    params.slug,
    form.intent === 'delete' ? 'workspace.delete' : 'security.require_2fa',
  )
  requireRecentAuthentication(member, request)
  const origin = requestOrigin(request, context)
  if (form.intent === 'delete') {
    try {
      await deleteWorkspace(member, form.confirmation, origin)
    } catch (error) {
      if (error instanceof MemberRuleError) return data({ error: error.message }, { status: 400 })
      throw error
    }
    return redirect('/app')
  }
  const requireTwoFactor = form.requireTwoFactor === 'on'
  if (requireTwoFactor && !(await withPlatform((tx) => twoFactorEnabled(tx, member.user.id)))) {
    return data(
      { error: 'Set up two-factor authentication for yourself first (Account → Two-factor authentication).' },
      { status: 409 },
    )
  }
  await withTenant(member.tenant, async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: member.workspace.id },
      select: { requireTwoFactor: true },
    })
    if (before.requireTwoFactor === requireTwoFactor) return
    await tx.workspace.update({ where: { id: member.workspace.id }, data: { requireTwoFactor } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'workspace.require_two_factor',
      target: { type: 'workspace', id: member.workspace.id },
      before,
      after: { requireTwoFactor },
    })
  })
  return redirect(`/w/${params.slug}/settings`)
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="security" className="mt-8 max-w-2xl">
        <h2 id="security" className="text-lg font-semibold">
          Security
        </h2>
        <FormAlert message={actionData?.error} />
        <Form method="post" className="mt-4 rounded border border-slate-200 p-5">
          <input type="hidden" name="intent" value="require_two_factor" />
          <fieldset>
            <legend className="font-medium">Require two-factor authentication for every member</legend>
            <p className="mt-1 text-sm text-slate-600">
              Members without it are sent to set it up before they can open any page of this workspace.
            </p>
            <div className="mt-3 flex gap-6">
              <label className="flex items-center gap-2">
                <input type="radio" name="requireTwoFactor" value="on" defaultChecked={loaderData.requireTwoFactor} />
                Required
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="requireTwoFactor" value="off" defaultChecked={!loaderData.requireTwoFactor} />
                Not required
              </label>
            </div>
          </fieldset>
          <button type="submit" className="mt-4 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Save
          </button>
        </Form>
      </section>
      {loaderData.mayDelete ? (
        <section aria-labelledby="danger" className="mt-10 max-w-2xl">
          <h2 id="danger" className="text-lg font-semibold text-red-800">
            Delete this workspace
          </h2>
          <Form method="post" className="mt-4 rounded border border-red-200 p-5">
            <input type="hidden" name="intent" value="delete" />
            <p className="text-sm text-slate-700">
              The trust page, the privacy portal and the dashboard close at once for everyone. Type{' '}
              <strong>{loaderData.slug}</strong> to confirm.
            </p>
            <div className="mt-3 max-w-xs">
              <Field label="Workspace address" name="confirmation" autoComplete="off" />
            </div>
            <button type="submit" className="mt-4 rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800">
              Delete workspace
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
