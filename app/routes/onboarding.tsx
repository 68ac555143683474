// /onboarding: a new person names themselves and creates their first workspace (also the way
// to create another one later).
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { requireUser } from '~/modules/auth/current-user.server'
import { readForm } from '~/modules/http/form.server'
import { SlugUnavailableError, createWorkspace, workspaceInput } from '~/modules/tenancy/workspaces.server'
import type { Route } from './+types/onboarding'

export const meta: Route.MetaFunction = () => [{ title: 'Create your workspace — Candor' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  return { name: user.name ?? '', email: user.email }
}

const onboardingForm = z.object({
  name: workspaceInput.shape.owner.shape.name,
  company: workspaceInput.shape.name,
  slug: workspaceInput.shape.slug,
})

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  const values = Object.fromEntries(await readForm(request)) as Record<string, string>
  const parsed = onboardingForm.safeParse(values)
  if (!parsed.success) {
    return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values }, { status: 400 })
  }
  const { name, company, slug } = parsed.data
  try {
    await createWorkspace(
      { name: company, slug, owner: { email: user.email, name } },
      { type: 'user', userId: user.id },
    )
  } catch (error) {
    if (!(error instanceof SlugUnavailableError)) throw error
    return data({ fieldErrors: { slug: [error.message] }, values }, { status: 409 })
  }
  return redirect(`/w/${slug}`)
}

export default function Onboarding({ loaderData, actionData }: Route.ComponentProps) {
  const errors: Partial<Record<string, string[]>> = actionData?.fieldErrors ?? {}
  const values = actionData?.values ?? {}
  return (
    <AuthCard title="Create your workspace">
      <p className="mt-2 text-slate-600">
        Signed in as <strong className="text-ink">{loaderData.email}</strong>. A workspace holds
        your company&rsquo;s trust page, privacy portal and team.
      </p>
      <FormAlert message={actionData ? 'Please correct the fields marked below.' : undefined} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field label="Your name" name="name" autoComplete="name" value={values.name ?? loaderData.name} error={errors.name?.[0]} />
        <Field label="Company name" name="company" autoComplete="organization" value={values.company} error={errors.company?.[0]} />
        <Field
          label="Workspace address"
          name="slug"
          hint="Lowercase letters, digits and hyphens. Your trust page will live at /t/your-address."
          value={values.slug}
          error={errors.slug?.[0]}
        />
        <SubmitButton>Create workspace</SubmitButton>
      </Form>
    </AuthCard>
  )
}
