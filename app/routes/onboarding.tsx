// /onboarding: a new person names themselves and creates their first workspace (also the way
// to create another one later): its address suggested from the company name (slug-availability),
// and, when billing is on, what each way to start begins (plan-start.ts). Asked with ?slug=, the
// loader also says whether that address is free (the address field's live check).
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { PlanStartChoices } from '~/components/plan-start-choices'
import { WorkspaceAddressFields } from '~/components/workspace-address-field'
import { requireUser } from '~/modules/auth/current-user.server'
import { PLAN_IDS } from '~/modules/billing/plans'
import { afterCreation, startChoices } from '~/modules/billing/plan-start'
import { forgetPlan, planOfQuery, rememberedPlan } from '~/modules/billing/chosen-plan.server'
import { billingEnabled } from '~/modules/config/env.server'
import { readForm } from '~/modules/http/form.server'
import { freeSlugFor, slugProblem } from '~/modules/tenancy/slug-availability.server'
import { SlugUnavailableError, createWorkspace, workspaceInput } from '~/modules/tenancy/workspaces.server'
import type { Route } from './+types/onboarding'

export const meta: Route.MetaFunction = () => [{ title: 'Create your workspace — Candor' }]

const addressQuery = z.string().trim().min(1).max(100)

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  const asked = addressQuery.safeParse(new URL(request.url).searchParams.get('slug'))
  // The address's ?plan= first, else the plan chosen on the home page before signing in.
  const plan = planOfQuery(new URL(request.url).searchParams) ?? (await rememberedPlan(request)) ?? 'free'
  return {
    name: user.name ?? '',
    email: user.email,
    choices: billingEnabled() ? startChoices() : null,
    plan,
    address: asked.success ? { slug: asked.data, problem: await slugProblem(asked.data, user.email) } : null,
  }
}

const onboardingForm = z.object({
  name: workspaceInput.shape.owner.shape.name,
  company: workspaceInput.shape.name,
  slug: z.string().trim().max(100, 'Use 1 to 48 lowercase letters, digits or hyphens.'),
  plan: z.enum(PLAN_IDS, 'Choose how to start.').default('free'),
})

type Values = Record<string, string>
const refused = (values: Values, fieldErrors: Partial<Record<string, string[]>>, status = 400) => data({ fieldErrors, values }, { status })

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  const form = await readForm(request)
  // Only the form's own fields, as text (a file posted in their place is not one).
  const values: Values = Object.fromEntries(
    (['name', 'company', 'slug', 'plan'] as const).map((field) => {
      const value = form.get(field)
      return [field, typeof value === 'string' ? value : '']
    }),
  )
  const parsed = onboardingForm.safeParse({ ...values, plan: values.plan || undefined })
  if (!parsed.success) return refused(values, z.flattenError(parsed.error).fieldErrors)
  const { name, company, plan } = parsed.data
  const suggested = parsed.data.slug === ''
  const slug = suggested ? await freeSlugFor(company, user.email) : parsed.data.slug.toLowerCase()
  if (!slug) return refused(values, { slug: ['No free address could be made from this name: type one.'] }, 409)
  const problem = await slugProblem(slug, user.email)
  if (problem) {
    const free = await freeSlugFor(company, user.email)
    const shown = { ...values, slug: suggested ? slug : parsed.data.slug }
    return refused(shown, { slug: [free && free !== slug ? `${problem} “${free}” is free.` : problem] }, 409)
  }
  try {
    await createWorkspace({ name: company, slug, owner: { email: user.email, name } }, { type: 'user', userId: user.id })
  } catch (error) {
    if (!(error instanceof SlugUnavailableError)) throw error
    return refused({ ...values, slug }, { slug: [error.message] }, 409)
  }
  return redirect(afterCreation(slug, billingEnabled() ? plan : 'free'), { headers: { 'Set-Cookie': await forgetPlan() } })
}

export default function Onboarding({ loaderData, actionData }: Route.ComponentProps) {
  const errors: Partial<Record<string, string[]>> = actionData?.fieldErrors ?? {}
  const values: Values = actionData?.values ?? {}
  return (
    <AuthCard title="Create your workspace">
      <p className="mt-2 text-slate-600">
        Signed in as <strong className="text-ink">{loaderData.email}</strong>. A workspace holds
        your company&rsquo;s trust page, privacy portal and team.
      </p>
      <FormAlert message={actionData ? 'Please correct the fields marked below.' : undefined} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field label="Your name" name="name" autoComplete="name" value={values.name ?? loaderData.name} error={errors.name?.[0]} />
        <WorkspaceAddressFields
          key={JSON.stringify(values)}
          company={values.company}
          slug={values.slug}
          companyError={errors.company?.[0]}
          slugError={errors.slug?.[0]}
        />
        {loaderData.choices ? (
          <PlanStartChoices choices={loaderData.choices} chosen={values.plan ?? loaderData.plan} error={errors.plan?.[0]} />
        ) : (
          <p className="text-sm text-slate-600">This Candor runs without billing: every feature is on for every workspace.</p>
        )}
        <SubmitButton>Create workspace</SubmitButton>
      </Form>
    </AuthCard>
  )
}
