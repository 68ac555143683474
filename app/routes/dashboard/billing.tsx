// /w/:slug/settings/billing — the workspace's plan and why, its Stripe subscription and recent
// invoices, and the way to Stripe: Checkout to upgrade, the Customer Portal for the rest.
// Owners only (billing.manage). Back from Checkout (?checkout=…), the page syncs from Stripe
// at once rather than waiting for the webhook.
import { data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { InvoicesSection, ManageSection, PlanSection, UpgradeSection } from '~/components/billing/billing-sections'
import { requireMember } from '~/modules/auth/member.server'
import { loadBillingPage } from '~/modules/billing/billing-page.server'
import { openPortal, startCheckout } from '~/modules/billing/checkout.server'
import { syncAfterCheckout } from '~/modules/billing/sync.server'
import { billingEnabled } from '~/modules/config/env.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { errorFields, log } from '~/modules/observability/log.server'
import type { Route } from './+types/billing'

export const meta: Route.MetaFunction = () => [{ title: 'Billing — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'billing.manage')
  if (new URL(request.url).searchParams.has('checkout')) await syncAfterCheckout(member.tenant)
  return loadBillingPage(member)
}

const billingForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('checkout'),
    plan: z.enum(['pro', 'business'], 'Choose Pro or Business.'),
    interval: z.enum(['month', 'year'], 'Choose monthly or yearly billing.'),
  }),
  z.object({ intent: z.literal('portal') }),
])

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'billing.manage')
  if (!billingEnabled()) return data({ error: 'Billing is off on this installation: every feature is on.' }, { status: 404 })
  const parsed = billingForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'Choose a plan.' }, { status: 400 })
  const origin = requestOrigin(request, context)
  try {
    if (parsed.data.intent === 'checkout') {
      const outcome = await startCheckout(member, parsed.data, origin)
      // One subscription per customer: a workspace that has one changes it in the portal.
      return redirect(outcome.kind === 'checkout' ? outcome.url : await openPortal(member, origin))
    }
    return redirect(await openPortal(member, origin))
  } catch (error) {
    log('error', 'stripe could not be reached from the billing page', errorFields(error))
    return data({ error: 'Stripe could not be reached just now; nothing was changed. Try again in a minute.' }, { status: 503 })
  }
}

export default function Billing({ loaderData, actionData }: Route.ComponentProps) {
  const page = loaderData
  return (
    <>
      <h1 className="text-2xl font-semibold">Billing</h1>
      <FormAlert message={actionData?.error} />
      {page.billing === 'off' ? (
        <p className="mt-6 max-w-2xl" data-testid="plan-sentence">
          {page.sentence}
        </p>
      ) : (
        <div className="max-w-3xl">
          <PlanSection sentence={page.sentence} subscription={page.subscription} syncedAt={page.syncedAt} />
          {page.hasLiveSubscription ? <ManageSection /> : <UpgradeSection />}
          {page.hasCustomer ? <InvoicesSection invoices={page.invoices} /> : null}
        </div>
      )}
    </>
  )
}
