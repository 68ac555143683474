// /w/:slug/members — who is in the workspace, open invitations, and (for owners and admins)
// inviting, changing roles, removing, and handing over ownership. Each member's two-factor
// authentication shows, and ?twoFactor=off lists those without it (the 2FA check's fix link).
// Role changes, removal and transfer, and inviting an admin, need a fresh confirmation
// (step-up). Every change is audited in the workspace log.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert, upgradeOf } from '~/components/auth-card'
import { PlanLimitNotice } from '~/components/plan-limit-notice'
import { Field } from '~/components/field'
import { MembersTable, smallButton } from '~/components/members/members-table'
import { TwoFactorSummary } from '~/components/members/two-factor-summary'
import { requireStepUp } from '~/modules/auth/step-up.server'
import { requireMember, requirePermission } from '~/modules/auth/member.server'
import { ROLES, can } from '~/modules/auth/permissions'
import { PRIVILEGED_ROLES } from '~/modules/auth/step-up'
import { EntitlementRefused, limitNotice, refusalAlert } from '~/modules/billing/entitlements.server'
import { appOrigin } from '~/modules/config/env.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { RateLimitedError } from '~/modules/security/rate-limit.server'
import {
  MemberRuleError,
  changeRole,
  inviteInput,
  inviteMember,
  removeMember,
  revokeInvitation,
  transferOwnership,
} from '~/modules/tenancy/members.server'
import { membersPage, parseMembersQuery } from '~/modules/tenancy/members-page.server'
import type { Route } from './+types/members'

export const meta: Route.MetaFunction = () => [{ title: 'Members — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'members.view')
  const query = parseMembersQuery(new URL(request.url).searchParams)
  const page = await membersPage(member, query.twoFactor)
  const result = {
    ...page,
    base: `/w/${member.workspace.slug}`,
    queryError: query.error,
    selfId: member.user.id,
    role: member.role,
    may: {
      invite: can(member.role, 'members.invite'),
      changeRole: can(member.role, 'members.change_role'),
      remove: can(member.role, 'members.remove'),
      transfer: can(member.role, 'workspace.transfer'),
    },
    seats: await limitNotice(member, 'members'),
  }
  return query.error ? data(result, { status: 400 }) : result
}

const membersForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('invite'), email: z.string(), role: z.string() }),
  z.object({ intent: z.literal('revoke_invitation'), invitationId: z.uuid() }),
  z.object({ intent: z.literal('change_role'), membershipId: z.uuid(), role: z.enum(ROLES, 'Choose a role') }),
  z.object({ intent: z.literal('remove'), membershipId: z.uuid() }),
  z.object({ intent: z.literal('transfer'), membershipId: z.uuid() }),
])

const PERMISSION_OF = {
  invite: 'members.invite',
  revoke_invitation: 'members.invite',
  change_role: 'members.change_role',
  remove: 'members.remove',
  transfer: 'workspace.transfer',
} as const

/** Inviting needs step-up only for a privileged role (below); the other intents by themselves. */
const STEP_UP_OF = {
  invite: null,
  revoke_invitation: null,
  change_role: 'members.change_role',
  remove: 'members.remove',
  transfer: 'workspace.transfer',
} as const

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'members.view')
  const values = Object.fromEntries(await readForm(request)) as Record<string, string>
  const parsed = membersForm.safeParse(values)
  if (!parsed.success) {
    return data({ error: parsed.error.issues[0]?.message ?? 'Choose what to do.', values }, { status: 400 })
  }
  const form = parsed.data
  requirePermission(member.role, PERMISSION_OF[form.intent])
  const origin = requestOrigin(request, context)
  const stepUp = STEP_UP_OF[form.intent]
  if (stepUp) requireStepUp(member, request, stepUp)
  if (form.intent === 'invite' && PRIVILEGED_ROLES.includes(form.role)) requireStepUp(member, request, 'members.invite_admin')
  try {
    switch (form.intent) {
      case 'invite': {
        const invite = inviteInput.safeParse(form)
        if (!invite.success) {
          return data({ fieldErrors: z.flattenError(invite.error).fieldErrors, values }, { status: 400 })
        }
        await inviteMember(member, invite.data, appOrigin(), origin)
        break
      }
      case 'revoke_invitation':
        await revokeInvitation(member, form.invitationId, origin)
        break
      case 'change_role':
        await changeRole(member, form.membershipId, form.role, origin)
        break
      case 'remove':
        await removeMember(member, form.membershipId, origin)
        break
      case 'transfer':
        await transferOwnership(member, form.membershipId, origin)
        break
    }
  } catch (error) {
    if (error instanceof MemberRuleError) return data({ error: error.message, values }, { status: 409 })
    if (error instanceof EntitlementRefused) return data({ ...refusalAlert(error, member), values }, { status: 403 })
    if (error instanceof RateLimitedError) {
      return data({ error: error.message, values }, { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } })
    }
    throw error
  }
  return redirect(`/w/${params.slug}/members`)
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const { members, invitations, may, selfId, twoFactor } = loaderData
  const fieldErrors: Partial<Record<string, string[]>> =
    actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  const values = actionData?.values ?? {}
  return (
    <>
      <h1 className="text-2xl font-semibold">Members</h1>
      <FormAlert
        message={actionData && 'error' in actionData ? actionData.error : undefined}
        upgrade={upgradeOf(actionData)}
      />
      <FormAlert message={loaderData.queryError ?? undefined} />
      <PlanLimitNotice {...loaderData.seats} />
      <TwoFactorSummary summary={twoFactor} base={loaderData.base} />
      {members.length === 0 ? (
        // Only the list of those without two-factor authentication can be empty (the owner is a member).
        <p className="mt-6 text-sm text-slate-600">Every member has two-factor authentication on.</p>
      ) : (
        <MembersTable
          label={twoFactor.filter === 'off' ? 'Members without two-factor authentication' : 'Members'}
          members={members}
          may={may}
          selfId={selfId}
        />
      )}

      {invitations.length > 0 ? (
        <section aria-labelledby="invitations" className="mt-10">
          <h2 id="invitations" className="text-lg font-semibold">
            Open invitations
          </h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {invitations.map((i) => (
              <li key={i.id} className="flex items-center justify-between py-2 text-sm">
                <span>
                  {i.email} · {i.role} · expires {i.expiresAt}
                </span>
                {may.invite ? (
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" name="intent" value="revoke_invitation" className={smallButton} aria-label={`Withdraw the invitation to ${i.email}`}>
                      Withdraw
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {may.invite ? (
        <section aria-labelledby="invite" className="mt-10 max-w-md">
          <h2 id="invite" className="text-lg font-semibold">
            Invite someone
          </h2>
          <Form method="post" className="mt-3 grid gap-4" noValidate>
            <Field label="E-mail address" name="email" type="email" value={values.email} error={fieldErrors.email?.[0]} />
            <div>
              <label htmlFor="invite-role" className="block text-sm font-medium">
                Role
              </label>
              <select id="invite-role" name="role" defaultValue={values.role ?? 'agent'} className="mt-1 block w-full rounded border border-slate-300 px-3 py-2">
                <option value="admin">admin — everything but billing, deletion and ownership</option>
                <option value="agent">agent — handles privacy requests</option>
                <option value="viewer">viewer — reads, including the audit log</option>
              </select>
            </div>
            <button type="submit" name="intent" value="invite" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              Send invitation
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
