// /invitations/:id — the link in an invitation e-mail. Only the person signed in with the
// invited address sees it; anyone else is told to sign in with that address.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { requireUser } from '~/modules/auth/current-user.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { acceptInvitation, findInvitation, invitationProblem } from '~/modules/tenancy/invitations.server'
import { MemberRuleError } from '~/modules/tenancy/members.server'
import type { Route } from './+types/invitation'

export const meta: Route.MetaFunction = () => [{ title: 'Invitation — Candor' }]

const invitationId = z.uuid()

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  const id = invitationId.safeParse(params.id)
  const invitation = id.success ? await findInvitation(user.id, id.data) : null
  if (!invitation) {
    return data(
      { email: user.email, needsName: false, invitation: null, problem: `This invitation was not sent to ${user.email}. Sign in with the address it was sent to.` },
      { status: 404 },
    )
  }
  return {
    email: user.email,
    needsName: !user.name,
    invitation: { workspace: invitation.workspace.name, role: invitation.role },
    problem: invitationProblem(invitation),
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const current = await requireUser(request)
  const id = invitationId.safeParse(params.id)
  const name = z.string().trim().max(120).safeParse((await readForm(request)).get('name') ?? '')
  if (!current.user.name && (!name.success || !name.data)) {
    return data({ error: 'Enter your name.' }, { status: 400 })
  }
  try {
    if (!id.success) throw new MemberRuleError('This invitation link is not valid.')
    const slug = await acceptInvitation(current, id.data, name.success ? name.data : undefined, requestOrigin(request, context))
    return redirect(`/w/${slug}`)
  } catch (error) {
    if (error instanceof MemberRuleError) return data({ error: error.message }, { status: 409 })
    throw error
  }
}

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const { invitation, problem } = loaderData
  return (
    <AuthCard title={invitation ? `Join ${invitation.workspace}` : 'Invitation'}>
      <FormAlert message={actionData?.error ?? problem ?? undefined} />
      {invitation && !problem ? (
        <>
          <p className="mt-2 text-slate-600">
            You were invited as <strong className="text-ink">{invitation.role}</strong>. You are signed in as{' '}
            {loaderData.email}.
          </p>
          <Form method="post" className="mt-6 grid gap-4" noValidate>
            {loaderData.needsName ? <Field label="Your name" name="name" autoComplete="name" /> : null}
            <SubmitButton>Accept the invitation</SubmitButton>
          </Form>
        </>
      ) : (
        <p className="mt-6">
          <a href="/app" className="text-brand-700 underline">
            Go to your workspaces
          </a>
        </p>
      )}
    </AuthCard>
  )
}
