// / — what Candor is, what it costs (from the plans module billing uses), and where to read more.
import { PLANS, PLAN_IDS, formatPrice, pricingLines } from '~/modules/billing/plans'
import { ProductTour } from '~/components/marketing/product-tour'
import { SelfHostInvite } from '~/components/marketing/self-host-invite'
import { billingEnabled, env } from '~/modules/config/env.server'
import type { Route } from './+types/home'

export const meta: Route.MetaFunction = () => [
  { title: 'Candor — an honest trust center and privacy-rights operations' },
  {
    name: 'description',
    content: 'Publish a trust page that never overclaims, and answer every privacy request on time, with every step audited.',
  },
]

const capabilities = [
  {
    title: 'A trust page that never overclaims',
    body: 'Security highlights, controls, sub-processors, certifications and roadmap, published as versions you can compare. A claim can be linked to a live check; a failing check shows as failing.',
  },
  {
    title: 'Privacy requests answered on time',
    body: 'Access, erasure, portability and the rest, filed by the people whose data you hold and worked by your team against the legal deadline of each jurisdiction.',
  },
  {
    title: 'Every step audited',
    body: 'An append-only, hash-chained audit log records who did what and when, with the change itself. Secrets are encrypted at rest; tenants are isolated in the database.',
  },
]

const checks = [
  { label: '2FA required for every member', state: 'Passing', detail: 'Required; all 12 members use two-factor authentication.' },
  { label: 'Privacy requests answered on time', state: 'Passing', detail: '48 of 48 requests (100%) answered by the deadline in the last 12 months.' },
  { label: 'Audit log tamper-evident', state: 'Passing', detail: 'The hash chain is intact through entry 18204; the whole chain was last verified this week, and newer entries are verified from there.' },
]

const nav = 'text-slate-600 hover:text-ink'

/** Without Stripe keys this installation bills nobody: the table then says every feature is on. */
export const loader = () => ({ billingOn: billingEnabled(), sourceUrl: env().SOURCE_URL ?? null })

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <header className="border-b border-slate-200">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-4">
          <a href="/" className="text-xl font-semibold tracking-tight">
            Candor
          </a>
          <div className="flex items-center gap-5 text-sm">
            <a href="#pricing" className={`hidden sm:inline ${nav}`}>
              Pricing
            </a>
            <a href="/docs" className={`hidden sm:inline ${nav}`}>
              Docs
            </a>
            <a href="/trust" className={`hidden sm:inline ${nav}`}>
              Trust
            </a>
            <a href="/sign-in" className="font-medium text-brand-700 hover:underline">
              Sign in
            </a>
          </div>
        </nav>
      </header>
      <main>
        <section className="bg-gradient-to-b from-brand-50 to-white">
          <div className="mx-auto max-w-6xl px-6 py-20 lg:grid lg:grid-cols-[1.2fr_1fr] lg:items-center lg:gap-12">
            <div>
              <h1 className="max-w-3xl text-4xl font-semibold tracking-tight text-ink sm:text-5xl">
                The honest trust center and privacy-rights desk for software companies
              </h1>
              <p className="mt-6 max-w-2xl text-lg text-slate-700">
                Candor publishes what you really do to protect your customers&rsquo; data, proves the claims it can check, and
                helps your team answer every privacy request within its legal deadline. Open source and self-hostable.
              </p>
              <div className="mt-8 flex flex-wrap gap-3">
                <a href="/sign-in" className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
                  Start free
                </a>
                <a href="/trust" className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-ink hover:bg-slate-50">
                  See our own trust page
                </a>
              </div>
            </div>
            <figure className="mt-12 rounded-xl border border-slate-200 bg-white p-5 shadow-sm lg:mt-0" aria-labelledby="checks-example">
              <figcaption id="checks-example" className="text-sm font-medium text-slate-500">
                An example: live checks as a customer’s trust page shows them
              </figcaption>
              <ul className="mt-3 divide-y divide-slate-100">
                {checks.map((check) => (
                  <li key={check.label} className="flex items-start justify-between gap-3 py-3">
                    <div>
                      <p className="font-medium text-ink">{check.label}</p>
                      <p className="text-sm text-slate-600">{check.detail}</p>
                    </div>
                    <span className="shrink-0 rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-600/30">
                      {check.state}
                    </span>
                  </li>
                ))}
              </ul>
            </figure>
          </div>
        </section>

        <section aria-labelledby="capabilities" className="mx-auto max-w-6xl px-6 py-16">
          <h2 id="capabilities" className="text-2xl font-semibold tracking-tight text-ink">
            What Candor does
          </h2>
          <ul className="mt-8 grid gap-8 sm:grid-cols-3">
            {capabilities.map((capability) => (
              <li key={capability.title}>
                <h3 className="text-lg font-semibold text-ink">{capability.title}</h3>
                <p className="mt-2 text-slate-600">{capability.body}</p>
              </li>
            ))}
          </ul>
        </section>

        <ProductTour />

        <SelfHostInvite sourceUrl={loaderData.sourceUrl} />

        <section id="pricing" aria-labelledby="pricing-heading" className="border-t border-slate-200 bg-slate-50">
          <div className="mx-auto max-w-6xl px-6 py-16">
            <h2 id="pricing-heading" className="text-2xl font-semibold tracking-tight text-ink">
              Pricing
            </h2>
            <p className="mt-2 text-slate-600">Per workspace, per month, VAT excluded. Self-hosting is free under the AGPL.</p>
            {loaderData.billingOn ? null : (
              <p role="status" className="mt-4 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
                Billing is off on this installation (no Stripe key is configured): every workspace here has the Business
                plan, with every feature, at no charge. The plans below are those of the hosted service.
              </p>
            )}
            <ul className="mt-8 grid gap-6 md:grid-cols-3">
              {PLAN_IDS.map((id) => {
                const plan = PLANS[id]
                return (
                  <li key={id} className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
                    <h3 className="text-lg font-semibold text-ink">{plan.name}</h3>
                    <p className="mt-2">
                      <span className="text-3xl font-semibold text-ink">{formatPrice(plan)}</span>
                      {plan.monthlyEur > 0 ? <span className="text-slate-500"> / month</span> : null}
                    </p>
                    <p className="mt-2 text-sm text-slate-600">{plan.summary}</p>
                    <ul className="mt-4 grid gap-2 text-sm">
                      {pricingLines(plan).map((feature) => (
                        <li key={feature} className="flex gap-2">
                          <span aria-hidden="true" className="text-emerald-600">
                            ✓
                          </span>
                          {feature}
                        </li>
                      ))}
                    </ul>
                    <div className="mt-auto pt-6">
                      <a href={plan.cta.href} className="block rounded-md bg-brand-600 px-4 py-2 text-center font-medium text-white hover:bg-brand-700">
                        {plan.cta.label}
                      </a>
                    </div>
                  </li>
                )
              })}
            </ul>
          </div>
        </section>
      </main>
      <footer className="border-t border-slate-200">
        <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-4 px-6 py-6 text-sm text-slate-500">
          <p>Candor is free software under the GNU AGPL.</p>
          <p className="flex gap-4">
            <a href="/docs" className="hover:text-ink">
              Documentation
            </a>
            <a href="/trust" className="hover:text-ink">
              Trust center
            </a>
            <a href="/.well-known/security.txt" className="hover:text-ink">
              security.txt
            </a>
            {loaderData.sourceUrl ? (
              <a href={loaderData.sourceUrl} className="hover:text-ink">
                Source code
              </a>
            ) : null}
          </p>
        </div>
      </footer>
    </>
  )
}
