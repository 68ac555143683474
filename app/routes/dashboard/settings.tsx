// /w/:slug/settings — workspace security settings: "require 2FA for every member". Changing it
// needs the permission, a fresh confirmation (step-up), and is audited in the workspace's log.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { recordAudit } from '~/modules/audit/record.server'
import { requireRecentAuthentication } from '~/modules/auth/current-user.server'
import { requireMember } from '~/modules/auth/member.server'
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
  return { requireTwoFactor: workspace.requireTwoFactor }
}

const settingsForm = z.object({ requireTwoFactor: z.enum(['on', 'off']) })

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember(request, params.slug, 'security.require_2fa')
  requireRecentAuthentication(member, request)
  const parsed = settingsForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: 'Choose whether to require two-factor authentication.' }, { status: 400 })
  const requireTwoFactor = parsed.data.requireTwoFactor === 'on'
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
    await recordAudit(tx, { ...member.tenant, origin: requestOrigin(request, context) }, {
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
    </>
  )
}
