// The public trust page's sections, one component each, shared by the page itself
// (trust-page.tsx) and the dashboard's editor, whose live preview renders a section with the
// same components as visitors see it. Each takes the page's view; the page decides which
// sections are shown (page-sections.ts).
import { CERTIFICATION_STATUSES, CONTROL_GROUPS, type CertificationStatus, type ControlGroup } from '~/modules/trust/content'
import { CHECKS, type CheckState, STATE_LABELS } from '~/modules/trust/checks'
import { linkedChecks as linkedChecksOf } from '~/modules/trust/page-sections'
import type { TrustCheckView, TrustPageView } from './trust-page'
import { Badge, CARD_GRID, CARD_GRID_3, Card, Html, Section, type Tone } from './trust-section'

const CHECK_TONE: Record<CheckState, Tone> = { passing: 'good', failing: 'bad', stale: 'warn', unverified: 'neutral' }
const CERT_TONE: Record<CertificationStatus, Tone> = { achieved: 'good', in_progress: 'info', planned: 'neutral' }

export function StateBadge({ state }: { state: CheckState }) {
  return <Badge tone={CHECK_TONE[state]}>{STATE_LABELS[state]}</Badge>
}

export const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso))
export const formatTime = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(new Date(iso))} UTC`

export function CheckLine({ check }: { check: TrustCheckView }) {
  return (
    <p className="mt-2 text-xs text-slate-500">
      {check.checkedAt ? <>Last verified {formatTime(check.checkedAt)}</> : <>Never verified yet</>}
      {check.state !== 'passing' && check.passedAt ? <> · last passed {formatTime(check.passedAt)}</> : null}
    </p>
  )
}

/** Small line icons (decorative: the text beside them says the same). */
export function Icon({ d, className = '' }: { d: string; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className={`size-5 shrink-0 ${className}`}>
      <path d={d} />
    </svg>
  )
}
export const ICON = {
  pin: 'M10 17.5s5.5-5 5.5-9.5a5.5 5.5 0 10-11 0c0 4.5 5.5 9.5 5.5 9.5zM10 10a2 2 0 100-4 2 2 0 000 4z',
  shield: 'M10 2.5l6 2.5v4.5c0 4-2.6 6.8-6 8-3.4-1.2-6-4-6-8V5l6-2.5z',
  mail: 'M3 5.5h14v9H3zM3.5 6l6.5 5 6.5-5',
  file: 'M5.5 2.5h6l3.5 3.5v11.5h-9.5zM11.5 2.5V6H15',
}


/** The opening band: the headline, the review date, the version, what is achieved, and the page at a glance. */
export function TrustHero({ view }: { view: TrustPageView }) {
  const { content } = view
  const linkedChecks = linkedChecksOf(content)
  const achieved = content.certifications.filter((c) => c.status === 'achieved')
  const glance = [
    ...(view.subprocessors.length ? [{ label: 'Sub-processors', value: view.subprocessors.length }] : []),
    ...(content.controls.length ? [{ label: 'Controls', value: content.controls.length }] : []),
  ]
  return (
    <div className="hero bg-ink text-white">
      <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6 sm:py-16 lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-center lg:gap-16 lg:px-8">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wider text-sky-300">Security and privacy</p>
          <h1 className="mt-3 text-balance text-3xl font-semibold leading-tight tracking-tight sm:text-5xl sm:leading-[1.1]">{content.overview.headline}</h1>
          <ul className="mt-6 flex flex-wrap gap-2 text-xs text-slate-200">
            {content.lastReviewed ? <li className="chip">Last reviewed {formatDate(`${content.lastReviewed}T00:00:00Z`)}</li> : null}
            {view.version ? <li className="chip">Version {view.version.number}, published {formatDate(view.version.publishedAt)}</li> : null}
            {achieved.map((cert, i) => (
              <li key={i} className="chip">
                {cert.name}
              </li>
            ))}
          </ul>
        </div>
        {linkedChecks.length || glance.length ? (
        <div className="glance mt-10 rounded-2xl bg-white p-5 text-slate-700 shadow-xl ring-1 ring-black/5 lg:mt-0">
          <h2 className="text-sm font-semibold text-ink">
            At a glance
          </h2>
          {linkedChecks.length ? (
            <ul className="mt-3 divide-y divide-slate-100">
              {linkedChecks.map((id) => (
                <li key={id} className="flex items-center justify-between gap-3 py-2.5 text-sm">
                  <a href="#checks" className="text-slate-700 hover:text-ink hover:underline">
                    {CHECKS[id].label}
                  </a>
                  <StateBadge state={view.checks[id]?.state ?? 'unverified'} />
                </li>
              ))}
            </ul>
          ) : null}
          {glance.length ? (
            <dl className={`grid grid-cols-2 gap-3 text-sm ${linkedChecks.length ? 'mt-3 border-t border-slate-100 pt-4' : 'mt-3'}`}>
              {glance.map((figure) => (
                <div key={figure.label}>
                  <dt className="text-slate-500">{figure.label}</dt>
                  <dd className="text-xl font-semibold text-ink">{figure.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
        ) : null}
      </div>
    </div>
  )
}

/** The summary and the highlights, each with the state of the check behind it. */
export function OverviewSection({ view }: { view: TrustPageView }) {
  const { content, html } = view
  return (
    <Section id="overview" title="Overview">
      <Html html={html.summary} className="max-w-3xl text-pretty text-lg leading-relaxed text-slate-700" />
      {content.highlights.length ? (
        <ul className={`mt-10 ${CARD_GRID}`}>
          {content.highlights.map((highlight, i) => {
            const check = highlight.check ? view.checks[highlight.check] : undefined
            return (
              <Card as="li" key={i} className="flex flex-col">
                <div className="flex items-start justify-between gap-3">
                  <h3 className="flex items-start gap-2 font-semibold text-ink">
                    <Icon d={ICON.shield} className="mt-0.5 text-brand-600" />
                    {highlight.title}
                  </h3>
                  {highlight.check ? <StateBadge state={check?.state ?? 'unverified'} /> : null}
                </div>
                <Html html={html.highlights[i] ?? ''} className="mt-2 text-sm leading-relaxed text-slate-600" />
                {highlight.check ? (
                  <div className="mt-auto pt-4">
                    <p className="border-t border-slate-100 pt-3 text-xs text-slate-500">
                      Backed by a live check:{' '}
                      <a href="#checks" className="font-medium text-brand-700 underline underline-offset-2">
                        {CHECKS[highlight.check].label}
                      </a>
                    </p>
                    {check ? <CheckLine check={check} /> : null}
                  </div>
                ) : null}
              </Card>
            )
          })}
        </ul>
      ) : null}
    </Section>
  )
}

/** Where data lives. */
export function ResidencySection({ view }: { view: TrustPageView }) {
  const { content, html } = view
  return (
    <Section id="residency" title="Data residency">
      <Html html={html.residency} className="max-w-3xl leading-relaxed" />
      {content.residency.locations.length ? (
        <dl className={`mt-8 ${CARD_GRID}`}>
          {content.residency.locations.map((location, i) => (
            <Card key={i}>
              <dt className="flex items-center gap-2 text-sm text-slate-500">
                <Icon d={ICON.pin} className="text-brand-600" />
                {location.label}
              </dt>
              <dd className="mt-1 pl-7 font-semibold text-ink">{location.place}</dd>
            </Card>
          ))}
        </dl>
      ) : null}
    </Section>
  )
}

/** The controls, grouped by area. */
export function ControlsSection({ view }: { view: TrustPageView }) {
  const { content, html, workspace } = view
  const groups = (Object.keys(CONTROL_GROUPS) as ControlGroup[])
    .map((group) => ({ group, controls: content.controls.map((c, i) => ({ ...c, html: html.controls[i] ?? '' })).filter((c) => c.group === group) }))
    .filter((g) => g.controls.length > 0)
  if (!groups.length) return null
  return (
    <Section id="controls" title="Controls" intro={`What ${workspace.name} does to keep data safe, by area.`}>
      <div className={CARD_GRID}>
        {groups.map(({ group, controls }) => (
          <Card key={group}>
            <h3 className="flex items-center justify-between gap-3 font-semibold text-ink">
              {CONTROL_GROUPS[group]}
              <span className="text-xs font-normal text-slate-500">
                {controls.length} {controls.length === 1 ? 'control' : 'controls'}
              </span>
            </h3>
            <ul className="mt-4 grid gap-4">
              {controls.map((control, i) => (
                <li key={i} className="flex gap-3">
                  <span aria-hidden="true" className="tick" />
                  <div>
                    <p className="font-medium text-ink">{control.title}</p>
                    <Html html={control.html} className="mt-0.5 text-sm leading-relaxed text-slate-600" />
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
    </Section>
  )
}

/** Certifications achieved, in progress and planned. */
export function CertificationsSection({ view }: { view: TrustPageView }) {
  const { content, html } = view
  return (
    <Section id="certifications" title="Certifications and roadmap">
      <ul className={CARD_GRID_3}>
        {content.certifications.map((cert, i) => (
          <Card as="li" key={i}>
            <div className="flex items-start justify-between gap-3">
              <h3 className="font-semibold text-ink">{cert.name}</h3>
              <Badge tone={CERT_TONE[cert.status]}>{CERTIFICATION_STATUSES[cert.status]}</Badge>
            </div>
            {cert.date ? (
              <p className="mt-1 text-sm text-slate-500">
                {cert.status === 'achieved' ? 'Since' : 'Expected'} {formatDate(`${cert.date}T00:00:00Z`)}
              </p>
            ) : null}
            <Html html={html.certifications[i] ?? ''} className="mt-3 text-sm leading-relaxed text-slate-600" />
          </Card>
        ))}
      </ul>
    </Section>
  )
}

/** How to exercise privacy rights, with the portal's link. */
export function PrivacyRightsSection({ view }: { view: TrustPageView }) {
  const { html, workspace } = view
  return (
    <Section id="privacy" title="Your privacy rights">
      <Card className="bg-gradient-to-br from-brand-50 to-white md:flex md:items-center md:justify-between md:gap-10">
        <div className="max-w-2xl">
          <Html html={html.rights} className="leading-relaxed" />
          <p className="mt-3 text-sm text-slate-600">
            Access, correction, erasure, portability, restriction, objection or opt-out: {workspace.name} must answer within the time the law sets.
          </p>
        </div>
        <p className="mt-6 shrink-0 md:mt-0">
          <a href={view.links.portal} className="inline-block rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700">
            Make a privacy request
          </a>
        </p>
      </Card>
    </Section>
  )
}

/** The questions and answers. */
export function FaqSection({ view }: { view: TrustPageView }) {
  const { content, html } = view
  return (
    <Section id="faq" title="Frequently asked questions">
      <dl className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white">
        {content.faq.map((item, i) => (
          <div key={i} className="p-5 sm:p-6">
            <dt className="font-semibold text-ink">{item.question}</dt>
            <dd className="mt-2">
              <Html html={html.faq[i] ?? ''} className="max-w-3xl leading-relaxed text-slate-600" />
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  )
}

/** The vulnerability disclosure text and the link to report. */
export function DisclosureSection({ view }: { view: TrustPageView }) {
  const { html, workspace } = view
  return (
    <Section id="security" title="Vulnerability disclosure">
      <div className={CARD_GRID}>
        <Html html={html.disclosure} className="leading-relaxed" />
        <Card className="flex flex-col items-start gap-3">
          <p className="text-sm text-slate-600">Found a weakness? Tell {workspace.name} privately first: the policy says what to expect and how you are protected.</p>
          <a href={view.links.disclosure} className="inline-block rounded-lg bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Read the policy and report
          </a>
        </Card>
      </div>
    </Section>
  )
}

/** Whom to write to. */
export function ContactSection({ view }: { view: TrustPageView }) {
  const { content, html } = view
  return (
    <Section id="contact" title="Contact">
      <div className={CARD_GRID}>
        <Html html={html.contact} className="leading-relaxed" />
        {content.contact.email ? (
          <Card className="flex items-center gap-3">
            <Icon d={ICON.mail} className="text-brand-600" />
            <a href={`mailto:${content.contact.email}`} className="break-all font-medium text-brand-700 underline underline-offset-2">
              {content.contact.email}
            </a>
          </Card>
        ) : null}
      </div>
    </Section>
  )
}
