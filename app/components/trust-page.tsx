// The public trust page of a workspace, as a whole HTML document rendered once per published
// version (app/modules/trust/public-page.server.ts caches it). No script: it works without
// JavaScript, every visitor gets the same bytes, and a shared cache may keep it. Text written by
// the workspace arrives as HTML from markdown.ts (escaped, links only https: and mailto:).
import { CERTIFICATION_STATUSES, CONTROL_GROUPS, type CertificationStatus, type ControlGroup, type TrustContent } from '~/modules/trust/content'
import { CHECKS, type CheckId, type CheckState, STATE_LABELS } from '~/modules/trust/checks'

export type TrustCheckView = { id: CheckId; state: CheckState; summary: string; checkedAt: string | null; passedAt: string | null }

export type TrustPageView = {
  workspace: { name: string; slug: string }
  /** Section texts already rendered to safe HTML. */
  html: {
    summary: string
    highlights: string[]
    residency: string
    controls: string[]
    certifications: string[]
    rights: string
    faq: string[]
    disclosure: string
    contact: string
  }
  content: TrustContent
  version: { number: number; publishedAt: string; sha256: string } | null
  subprocessors: { name: string; purpose: string; dataCategories: string; region: string; certifications: string[]; policyUrl: string | null }[]
  /** Public documents download at once; gated ones are asked for (documents/:id/request). */
  documents: { id: string; title: string; description: string; visibility: 'public' | 'gated'; about: string }[]
  checks: Partial<Record<CheckId, TrustCheckView>>
  /** Where the page lives, and where its links lead. */
  links: { page: string; portal: string; disclosure: string; /** The DPA to sign, once the workspace offers one. */ dpa?: string }
  stylesheet: string
  /** Shown in the dashboard's preview: a banner, and robots kept out. */
  preview: boolean
}

const PILL: Record<CheckState, string> = {
  passing: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
  failing: 'bg-red-50 text-red-800 ring-red-600/30',
  stale: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  unverified: 'bg-slate-100 text-slate-700 ring-slate-500/30',
}
const DOT: Record<CheckState, string> = {
  passing: 'bg-emerald-500',
  failing: 'bg-red-500',
  stale: 'bg-amber-500',
  unverified: 'bg-slate-400',
}
const CERT_PILL: Record<CertificationStatus, string> = {
  achieved: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
  in_progress: 'bg-sky-50 text-sky-800 ring-sky-600/30',
  planned: 'bg-slate-100 text-slate-700 ring-slate-500/30',
}

function StatePill({ state }: { state: CheckState }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${PILL[state]}`}>
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${DOT[state]}`} />
      {STATE_LABELS[state]}
    </span>
  )
}

function Html({ html, className = '' }: { html: string; className?: string }) {
  if (!html) return null
  return <div className={`md ${className}`} dangerouslySetInnerHTML={{ __html: html }} />
}

function Section(props: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-title`} className="border-t border-slate-200 py-12 first:border-t-0">
      <h2 id={`${props.id}-title`} className="text-2xl font-semibold tracking-tight text-ink">
        {props.title}
      </h2>
      {props.intro ? <p className="mt-2 max-w-3xl text-slate-600">{props.intro}</p> : null}
      <div className="mt-6">{props.children}</div>
    </section>
  )
}

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso))
const formatTime = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(new Date(iso))} UTC`

function CheckLine({ check }: { check: TrustCheckView }) {
  return (
    <p className="mt-2 text-xs text-slate-500">
      {check.checkedAt ? <>Last verified {formatTime(check.checkedAt)}</> : <>Never verified yet</>}
      {check.state !== 'passing' && check.passedAt ? <> · last passed {formatTime(check.passedAt)}</> : null}
    </p>
  )
}

type NavItem = { id: string; label: string }

export function TrustPageDocument({ view }: { view: TrustPageView }) {
  const { content, html, workspace } = view
  const linkedChecks = [...new Set(content.highlights.map((h) => h.check).filter((c): c is CheckId => c !== ''))]
  const groups = (Object.keys(CONTROL_GROUPS) as ControlGroup[])
    .map((group) => ({ group, controls: content.controls.map((c, i) => ({ ...c, html: html.controls[i] ?? '' })).filter((c) => c.group === group) }))
    .filter((g) => g.controls.length > 0)
  const hasResidency = content.residency.summary !== '' || content.residency.locations.length > 0
  const nav: NavItem[] = [
    { id: 'overview', label: 'Overview' },
    ...(linkedChecks.length ? [{ id: 'checks', label: 'Live checks' }] : []),
    ...(hasResidency ? [{ id: 'residency', label: 'Data residency' }] : []),
    ...(groups.length ? [{ id: 'controls', label: 'Controls' }] : []),
    { id: 'subprocessors', label: 'Sub-processors' },
    ...(content.certifications.length ? [{ id: 'certifications', label: 'Certifications' }] : []),
    ...(view.documents.length ? [{ id: 'documents', label: 'Documents' }] : []),
    { id: 'privacy', label: 'Privacy rights' },
    ...(content.faq.length ? [{ id: 'faq', label: 'FAQ' }] : []),
    { id: 'security', label: 'Vulnerability disclosure' },
    { id: 'contact', label: 'Contact' },
  ]
  const title = `Trust Center — ${workspace.name}`
  const description = content.overview.headline
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{view.preview ? `Preview: ${title}` : title}</title>
        <meta name="description" content={description} />
        {view.preview ? <meta name="robots" content="noindex" /> : null}
        <link rel="icon" href="/favicon.ico" sizes="any" />
        {view.stylesheet ? <link rel="stylesheet" href={view.stylesheet} /> : null}
      </head>
      <body className="min-h-full bg-white font-sans text-slate-800 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          Skip to the content
        </a>
        {view.preview ? (
          <div role="status" className="bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-900 print:hidden">
            Preview of the draft — not published. Visitors see the latest published version.
          </div>
        ) : null}
        <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur print:static">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
            <a href={view.links.page} className="flex items-center gap-2 font-semibold tracking-tight text-ink">
              <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-ink text-sm text-white">
                {workspace.name.charAt(0).toUpperCase()}
              </span>
              <span>
                {workspace.name} <span className="font-normal text-slate-500">Trust Center</span>
              </span>
            </a>
            <a
              href={view.links.disclosure}
              className="hidden rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-ink hover:bg-slate-50 sm:inline-block print:hidden"
            >
              Report a vulnerability
            </a>
          </div>
        </header>

        <div className="bg-gradient-to-b from-brand-50 to-white">
          <div className="mx-auto max-w-6xl px-4 pb-10 pt-12 sm:px-6 sm:pt-16">
            <p className="text-sm font-medium uppercase tracking-wider text-brand-700">Security and privacy</p>
            <h1 className="mt-2 max-w-3xl text-3xl font-semibold tracking-tight text-ink sm:text-4xl">{content.overview.headline}</h1>
            <div className="mt-4 flex flex-wrap gap-2 text-xs text-slate-600">
              {content.lastReviewed ? (
                <span className="rounded-full bg-white px-2.5 py-1 ring-1 ring-slate-200">Last reviewed {formatDate(`${content.lastReviewed}T00:00:00Z`)}</span>
              ) : null}
              {view.version ? (
                <span className="rounded-full bg-white px-2.5 py-1 ring-1 ring-slate-200">
                  Version {view.version.number}, published {formatDate(view.version.publishedAt)}
                </span>
              ) : null}
            </div>
          </div>
        </div>

        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:grid lg:grid-cols-[13rem_1fr] lg:gap-10 print:block">
          <nav aria-label="Sections" className="print:hidden">
            <ul className="flex gap-2 overflow-x-auto border-b border-slate-200 py-3 text-sm lg:sticky lg:top-20 lg:block lg:border-b-0 lg:py-12">
              {nav.map((item) => (
                <li key={item.id} className="shrink-0">
                  <a href={`#${item.id}`} className="block rounded-md px-2.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-ink">
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>

          <main id="main" className="min-w-0">
            <Section id="overview" title="Overview">
              <Html html={html.summary} className="max-w-3xl text-lg leading-relaxed text-slate-700" />
              {content.highlights.length ? (
                <ul className="mt-8 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                  {content.highlights.map((highlight, i) => {
                    const check = highlight.check ? view.checks[highlight.check] : undefined
                    return (
                      <li key={i} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                        <div className="flex items-start justify-between gap-3">
                          <h3 className="font-semibold text-ink">{highlight.title}</h3>
                          {highlight.check ? <StatePill state={check?.state ?? 'unverified'} /> : null}
                        </div>
                        <Html html={html.highlights[i] ?? ''} className="mt-2 text-sm leading-relaxed text-slate-600" />
                        {highlight.check ? (
                          <div className="mt-auto pt-3">
                            <p className="text-xs text-slate-500">
                              Backed by a live check: <a href="#checks" className="underline">{CHECKS[highlight.check].label}</a>
                            </p>
                            {check ? <CheckLine check={check} /> : null}
                          </div>
                        ) : null}
                      </li>
                    )
                  })}
                </ul>
              ) : null}
            </Section>

            {linkedChecks.length ? (
              <Section
                id="checks"
                title="Live checks"
                intro={`Candor verifies these claims itself, every hour, from ${workspace.name}’s own records. A check that fails shows as failing; one not verified for two days shows as not verified.`}
              >
                <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200">
                  {linkedChecks.map((id) => {
                    const check = view.checks[id]
                    const state = check?.state ?? 'unverified'
                    return (
                      <li key={id} className="flex flex-col gap-2 p-5 sm:flex-row sm:items-start sm:justify-between" data-check={id} data-state={state}>
                        <div>
                          <h3 className="font-medium text-ink">{CHECKS[id].label}</h3>
                          <p className="mt-1 text-sm text-slate-600">{check?.summary || CHECKS[id].explains}</p>
                          {check ? <CheckLine check={check} /> : <p className="mt-2 text-xs text-slate-500">Never verified yet</p>}
                        </div>
                        <StatePill state={state} />
                      </li>
                    )
                  })}
                </ul>
              </Section>
            ) : null}

            {hasResidency ? (
              <Section id="residency" title="Data residency">
                <Html html={html.residency} className="max-w-3xl leading-relaxed" />
                {content.residency.locations.length ? (
                  <dl className="mt-6 grid gap-3 sm:grid-cols-2">
                    {content.residency.locations.map((location, i) => (
                      <div key={i} className="rounded-lg border border-slate-200 p-4">
                        <dt className="text-sm text-slate-500">{location.label}</dt>
                        <dd className="mt-1 font-medium text-ink">{location.place}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </Section>
            ) : null}

            {groups.length ? (
              <Section id="controls" title="Controls">
                <div className="grid gap-6 md:grid-cols-2">
                  {groups.map(({ group, controls }) => (
                    <div key={group} className="rounded-xl border border-slate-200 p-5">
                      <h3 className="font-semibold text-ink">{CONTROL_GROUPS[group]}</h3>
                      <ul className="mt-3 grid gap-3">
                        {controls.map((control, i) => (
                          <li key={i} className="flex gap-3">
                            <span aria-hidden="true" className="mt-1 grid h-4 w-4 shrink-0 place-items-center rounded-full bg-emerald-100 text-[10px] text-emerald-700">
                              ✓
                            </span>
                            <div>
                              <p className="font-medium text-ink">{control.title}</p>
                              <Html html={control.html} className="mt-0.5 text-sm text-slate-600" />
                            </div>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
              </Section>
            ) : null}

            <Section id="subprocessors" title="Sub-processors" intro={`The companies that process personal data for ${workspace.name}, kept current from its records.`}>
              {view.subprocessors.length ? (
                <div className="overflow-x-auto rounded-xl border border-slate-200">
                  <table className="w-full min-w-[40rem] text-left text-sm">
                    <thead className="bg-slate-50 text-slate-600">
                      <tr>
                        <th scope="col" className="px-4 py-3 font-medium">Vendor</th>
                        <th scope="col" className="px-4 py-3 font-medium">Purpose</th>
                        <th scope="col" className="px-4 py-3 font-medium">Data</th>
                        <th scope="col" className="px-4 py-3 font-medium">Region</th>
                        <th scope="col" className="px-4 py-3 font-medium">Certifications</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-200">
                      {view.subprocessors.map((s, i) => (
                        <tr key={i} className="align-top">
                          <th scope="row" className="px-4 py-3 font-medium text-ink">
                            {s.name}
                            {s.policyUrl ? (
                              <a href={s.policyUrl} rel="nofollow noopener noreferrer" className="mt-0.5 block text-xs font-normal text-brand-700 underline">
                                DPA or policy
                              </a>
                            ) : null}
                          </th>
                          <td className="px-4 py-3">{s.purpose}</td>
                          <td className="px-4 py-3 text-slate-600">{s.dataCategories || '—'}</td>
                          <td className="px-4 py-3 text-slate-600">{s.region || '—'}</td>
                          <td className="px-4 py-3 text-slate-600">{s.certifications.length ? s.certifications.join(', ') : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="text-slate-600">No sub-processors are listed.</p>
              )}
              {view.links.dpa ? (
                <p className="mt-4">
                  <a href={view.links.dpa} className="font-medium text-brand-700 underline underline-offset-2">
                    Sign our data processing agreement (DPA)
                  </a>
                </p>
              ) : null}
            </Section>

            {content.certifications.length ? (
              <Section id="certifications" title="Certifications and roadmap">
                <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                  {content.certifications.map((cert, i) => (
                    <li key={i} className="rounded-xl border border-slate-200 p-5">
                      <div className="flex items-start justify-between gap-3">
                        <h3 className="font-semibold text-ink">{cert.name}</h3>
                        <span className={`shrink-0 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${CERT_PILL[cert.status]}`}>
                          {CERTIFICATION_STATUSES[cert.status]}
                        </span>
                      </div>
                      {cert.date ? (
                        <p className="mt-1 text-sm text-slate-500">
                          {cert.status === 'achieved' ? 'Since' : 'Expected'} {formatDate(`${cert.date}T00:00:00Z`)}
                        </p>
                      ) : null}
                      <Html html={html.certifications[i] ?? ''} className="mt-2 text-sm text-slate-600" />
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}

            {view.documents.length ? (
              <Section id="documents" title="Documents" intro="Reports and policies. Gated ones are shared under a non-disclosure agreement, through a personal link.">
                <ul className="grid gap-4 sm:grid-cols-2">
                  {view.documents.map((d) => (
                    <li key={d.id} className="flex flex-col rounded-xl border border-slate-200 p-5">
                      <div className="flex items-start justify-between gap-3">
                        <h3 className="font-semibold text-ink">{d.title}</h3>
                        <span className="shrink-0 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-500/30">
                          {d.visibility === 'public' ? 'Public' : 'NDA required'}
                        </span>
                      </div>
                      {d.description ? <p className="mt-2 text-sm text-slate-600">{d.description}</p> : null}
                      <p className="mt-auto pt-4 text-sm">
                        <a
                          href={`/t/${workspace.slug}/documents/${d.id}/${d.visibility === 'public' ? 'download' : 'request'}`}
                          className="font-medium text-brand-700 underline underline-offset-2"
                        >
                          {d.visibility === 'public' ? 'Download' : 'Request access'}
                        </a>{' '}
                        <span className="text-slate-500">({d.about})</span>
                      </p>
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}

            <Section id="privacy" title="Your privacy rights">
              <Html html={html.rights} className="max-w-3xl leading-relaxed" />
              <p className="mt-6">
                <a href={view.links.portal} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                  Make a privacy request
                </a>
              </p>
              <p className="mt-2 text-sm text-slate-500">
                Access, correction, erasure, portability, restriction, objection or opt-out: {workspace.name} must answer within the time the law sets.
              </p>
            </Section>

            {content.faq.length ? (
              <Section id="faq" title="Frequently asked questions">
                <dl className="divide-y divide-slate-200">
                  {content.faq.map((item, i) => (
                    <div key={i} className="py-5 first:pt-0">
                      <dt className="font-semibold text-ink">{item.question}</dt>
                      <dd className="mt-2">
                        <Html html={html.faq[i] ?? ''} className="max-w-3xl leading-relaxed text-slate-700" />
                      </dd>
                    </div>
                  ))}
                </dl>
              </Section>
            ) : null}

            <Section id="security" title="Vulnerability disclosure">
              <Html html={html.disclosure} className="max-w-3xl leading-relaxed" />
              <p className="mt-6">
                <a href={view.links.disclosure} className="font-medium text-brand-700 underline underline-offset-2">
                  Read the disclosure policy and report a vulnerability
                </a>
              </p>
            </Section>

            <Section id="contact" title="Contact">
              <Html html={html.contact} className="max-w-3xl leading-relaxed" />
              {content.contact.email ? (
                <p className="mt-4">
                  <a href={`mailto:${content.contact.email}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {content.contact.email}
                  </a>
                </p>
              ) : null}
            </Section>
          </main>
        </div>

        <footer className="mt-8 border-t border-slate-200 bg-slate-50">
          <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6 text-xs text-slate-500 sm:flex-row sm:justify-between sm:px-6">
            <span>
              {view.version ? (
                <>
                  Version {view.version.number} · SHA-256 <code title={view.version.sha256}>{view.version.sha256.slice(0, 12)}</code>
                </>
              ) : (
                'Draft'
              )}
            </span>
            <span>
              Trust Center powered by <a href="/" className="underline">Candor</a>
            </span>
          </div>
        </footer>
      </body>
    </html>
  )
}
