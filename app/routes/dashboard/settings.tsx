// /w/:slug/settings — "require 2FA for every member", the IP allowlist, and deleting the
// workspace (owners, typed confirmation). Each needs its permission and a fresh confirmation
// (step-up), and is audited in the workspace's log. A list that would shut out the person
// saving it needs an explicit confirmation.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert, upgradeOf } from '~/components/auth-card'
import { Field } from '~/components/field'
import { requireStepUp } from '~/modules/auth/step-up.server'
import { requireMember, requirePermission } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestInfoContext, requestOrigin } from '~/modules/http/request-info'
import { allowedByList, parseAllowlist } from '~/modules/security/ip-allowlist'
import { MemberRuleError, deleteWorkspace } from '~/modules/tenancy/members.server'
import { EntitlementRefused, refusalAlert } from '~/modules/billing/entitlements.server'
import { setIpAllowlist, setRequireTwoFactor } from '~/modules/tenancy/workspace-settings.server'
import type { Route } from './+types/settings'

export const meta: Route.MetaFunction = () => [{ title: 'Settings — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'security.require_2fa')
  const workspace = await withTenant(member.tenant, (tx) =>
    tx.workspace.findUniqueOrThrow({
      where: { id: member.workspace.id },
      select: { requireTwoFactor: true, ipAllowlist: true },
    }),
  )
  return {
    ...workspace,
    slug: member.workspace.slug,
    clientIp: context.get(requestInfoContext).clientIp,
    may: { allowlist: can(member.role, 'ip_allowlist.manage'), delete: can(member.role, 'workspace.delete') },
  }
}

const settingsForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('require_two_factor'),
    requireTwoFactor: z.enum(['on', 'off'], 'Choose whether to require two-factor authentication.'),
  }),
  z.object({
    intent: z.literal('ip_allowlist'),
    ipAllowlist: z.string().max(10_000, 'The list is too long.'),
    confirmLockout: z.literal('yes').optional(),
  }),
  z.object({ intent: z.literal('delete'), confirmation: z.string().max(100) }),
])

const PERMISSION_OF = {
  require_two_factor: 'security.require_2fa',
  ip_allowlist: 'ip_allowlist.manage',
  delete: 'workspace.delete',
} as const

const STEP_UP_OF = {
  require_two_factor: 'security.require_2fa',
  ip_allowlist: 'ip_allowlist.save',
  delete: 'workspace.delete',
} as const

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const values = Object.fromEntries(await readForm(request)) as Record<string, string>
  const parsed = settingsForm.safeParse(values)
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'Choose a setting.', values }, { status: 400 })
  const form = parsed.data
  requirePermission(member.role, PERMISSION_OF[form.intent])
  requireStepUp(member, request, STEP_UP_OF[form.intent])
  const origin = requestOrigin(request, context)
  try {
    switch (form.intent) {
      case 'delete':
        await deleteWorkspace(member, form.confirmation, origin)
        return redirect('/app')
      case 'require_two_factor':
        await setRequireTwoFactor(member, form.requireTwoFactor === 'on', origin)
        break
      case 'ip_allowlist': {
        const { entries, errors } = parseAllowlist(form.ipAllowlist)
        if (errors.length > 0) return data({ error: errors.join(' '), values }, { status: 400 })
        const { clientIp } = context.get(requestInfoContext)
        if (!allowedByList(entries, clientIp) && !form.confirmLockout) {
          return data(
            {
              error: `This list does not include your own address (${clientIp}): saving it would shut you out. Tick the confirmation to save it anyway.`,
              values,
              lockout: true,
            },
            { status: 409 },
          )
        }
        await setIpAllowlist(member, entries, origin)
        break
      }
    }
  } catch (error) {
    if (error instanceof MemberRuleError) return data({ error: error.message, values }, { status: 409 })
    if (error instanceof EntitlementRefused) return data({ ...refusalAlert(error, member), values }, { status: 403 })
    throw error
  }
  return redirect(`/w/${params.slug}/settings`)
}

const primary = 'mt-4 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const values = actionData?.values ?? {}
  const lockout = actionData && 'lockout' in actionData
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <FormAlert message={actionData?.error} upgrade={upgradeOf(actionData)} />
      <section aria-labelledby="security" className="mt-8 max-w-2xl">
        <h2 id="security" className="text-lg font-semibold">
          Two-factor authentication
        </h2>
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
          <button type="submit" className={primary}>
            Save
          </button>
        </Form>
      </section>

      {loaderData.may.allowlist ? (
        <section aria-labelledby="allowlist" className="mt-10 max-w-2xl">
          <h2 id="allowlist" className="text-lg font-semibold">
            IP allowlist
          </h2>
          <Form method="post" className="mt-4 rounded border border-slate-200 p-5">
            <input type="hidden" name="intent" value="ip_allowlist" />
            <p className="text-sm text-slate-600">
              Only these addresses reach this workspace’s dashboard and API. One IPv4 or IPv6 address or
              range per line (e.g. 203.0.113.0/24). Leave empty to allow every address. Your address now
              is <strong>{loaderData.clientIp}</strong>.
            </p>
            <div className="mt-3">
              <Field
                label="Allowed addresses"
                name="ipAllowlist"
                multiline
                value={values.ipAllowlist ?? loaderData.ipAllowlist.join('\n')}
              />
            </div>
            {lockout ? (
              <label className="mt-3 flex items-center gap-2 text-sm text-red-800">
                <input type="checkbox" name="confirmLockout" value="yes" />
                I understand that I will lose access from {loaderData.clientIp}
              </label>
            ) : null}
            <button type="submit" className={primary}>
              Save allowlist
            </button>
          </Form>
        </section>
      ) : null}

      {loaderData.may.delete ? (
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
