// The public trust page of a workspace, as a whole HTML document rendered once per published
// version (app/modules/trust/public-page.server.ts caches it). No script: it works without
// JavaScript, every visitor gets the same bytes, and a shared cache may keep it. Text written by
// the workspace arrives as HTML from markdown.ts (escaped, links only https: and mailto:).
import type { BrandView } from '~/modules/branding/brand-paths'
import type { TrustContent } from '~/modules/trust/content'
import { CHECKS, type CheckId, type CheckState } from '~/modules/trust/checks'
import { linkedChecks as linkedChecksOf, sectionsShown, shownSectionList } from '~/modules/trust/page-sections'
import type { PublishedIncident } from '~/modules/platform-incidents/published.server'
import { PlatformIncidentsSection } from './trust-platform-incidents'
import {
  CertificationsSection,
  CheckLine,
  ContactSection,
  ControlsSection,
  DisclosureSection,
  FaqSection,
  ICON,
  Icon,
  OverviewSection,
  PrivacyRightsSection,
  ResidencySection,
  StateBadge,
  TrustHero,
} from './trust-page-sections'
import { Badge, CARD_GRID, Card, Section } from './trust-section'

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
  /** Whether a gated document can be requested: only once the workspace has written its NDA. */
  ndaOffered: boolean
  checks: Partial<Record<CheckId, TrustCheckView>>
  /** On Candor's own page only: the platform incidents its operators published. */
  platformIncidents: PublishedIncident[]
  /** Where the page lives, and where its links lead. */
  links: {
    page: string
    portal: string
    disclosure: string
    subprocessorUpdates: string
    subprocessorChanges: string
    /** The DPA to sign, once the workspace offers one. */
    dpa?: string
  }
  stylesheet: string
  /** The workspace's logo and accent stylesheet (Candor's own where unset). */
  brand: BrandView
  /** Shown in the dashboard's preview: a banner, and robots kept out. */
  preview: boolean
}

/** Where the linked checks' results come from, and when a result stops counting. */
function checksIntro(name: string, linked: CheckId[]): string {
  const own = `Candor verifies these claims itself, every hour, from ${name}’s own records`
  const lapse = 'A check that fails shows as failing; one not verified for two days shows as not verified'
  if (!linked.some((id) => CHECKS[id].covers === 'platform')) return `${own}. ${lapse}.`
  return (
    `${own} and, for the backup checks, from Candor’s backup catalogue and restore-drill records, which cover every workspace Candor hosts. ` +
    `${lapse}, and so does a backup check once the backup or drill it rests on is older than its limit.`
  )
}

/** What the documents section says about gated documents, from whether they can be requested. */
function documentsIntro(view: TrustPageView): string {
  if (!view.documents.some((d) => d.visibility === 'gated')) return 'Reports and policies to download.'
  if (view.ndaOffered) return 'Reports and policies. Gated ones are shared under a non-disclosure agreement, through a personal link.'
  const ask = view.content.contact.email ? `write to ${view.content.contact.email}` : `contact ${view.workspace.name}`
  return `Reports and policies. Those marked “On request” cannot be requested online yet: ${ask} for a copy.`
}

/** Download, request (once an NDA exists), or how to ask: never a link to a page that cannot help. */
function DocumentLink({ view, document }: { view: TrustPageView; document: TrustPageView['documents'][number] }) {
  const link = 'font-medium text-brand-700 underline underline-offset-2'
  const base = `/t/${view.workspace.slug}/documents/${document.id}`
  if (document.visibility === 'public') return <a href={`${base}/download`} className={link}>Download</a>
  if (view.ndaOffered) return <a href={`${base}/request`} className={link}>Request access</a>
  const email = view.content.contact.email
  if (!email) return <span className="font-medium text-slate-600">Ask {view.workspace.name} for a copy</span>
  return (
    <a href={`mailto:${email}?subject=${encodeURIComponent(`Request for “${document.title}”`)}`} className={link}>
      Ask for a copy by e-mail
    </a>
  )
}

export function TrustPageDocument({ view }: { view: TrustPageView }) {
  const { content, workspace } = view
  const linkedChecks = linkedChecksOf(content)
  // A section with nothing to say is left out, heading and all (page-sections.ts decides).
  const counts = {
    subprocessors: view.subprocessors.length,
    documents: view.documents.length,
    platformIncidents: view.platformIncidents.length,
    dpaOffered: view.links.dpa !== undefined,
  }
  const shown = sectionsShown(content, counts)
  const nav = shownSectionList(content, counts)
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
        {view.brand.accentStylesheet ? <link rel="stylesheet" href={view.brand.accentStylesheet} /> : null}
      </head>
      <body data-brand="" className="min-h-full bg-slate-50 font-sans text-slate-700 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-30 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          Skip to the content
        </a>
        {view.preview ? (
          <div role="status" className="bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-900 print:hidden">
            Preview of the draft — not published. Visitors see the latest published version.
          </div>
        ) : null}
        <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 print:static print:border-0">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6 lg:px-8">
            <a href={view.links.page} className="flex min-w-0 items-center gap-2.5 font-semibold tracking-tight text-ink">
              {view.brand.logo ? (
                <>
                  <img
                    src={view.brand.logo.src}
                    alt={workspace.name}
                    width={view.brand.logo.width}
                    height={view.brand.logo.height}
                    className="block h-8 w-auto max-w-[10rem] shrink-0 object-contain"
                  />
                  <span className="truncate font-normal text-slate-500">Trust Center</span>
                </>
              ) : (
                <>
                  <span aria-hidden="true" className="grid size-8 shrink-0 place-items-center rounded-lg bg-ink text-sm font-bold text-white">
                    {workspace.name.charAt(0).toUpperCase()}
                  </span>
                  <span className="truncate">
                    {workspace.name} <span className="font-normal text-slate-500">Trust Center</span>
                  </span>
                </>
              )}
            </a>
            <div className="flex shrink-0 items-center gap-1 text-sm font-medium print:hidden">
              <a href={view.links.subprocessorUpdates} className="hidden rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100 hover:text-ink md:inline-block">
                Get updates
              </a>
              <a href={view.links.disclosure} className="hidden rounded-lg bg-ink px-3.5 py-2 text-white hover:bg-brand-700 sm:inline-block">
                Report a vulnerability
              </a>
            </div>
          </div>
        </header>

        <main id="main">
        <TrustHero view={view} />

        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:grid lg:grid-cols-[11rem_minmax(0,1fr)] lg:gap-12 lg:px-8 print:block">
          <nav aria-label="Sections" className="print:hidden">
            <div className="lg:sticky lg:top-16 lg:py-14">
            <p className="hidden px-2.5 pb-2 text-xs font-semibold uppercase tracking-wider text-slate-500 lg:block">On this page</p>
            <ul className="-mx-4 flex gap-1.5 overflow-x-auto border-b border-slate-200 px-4 py-3 text-sm sm:mx-0 sm:flex-wrap sm:px-0 lg:block lg:space-y-0.5 lg:border-b-0 lg:py-0">
              {nav.map((item) => (
                <li key={item.id} className="shrink-0">
                  <a
                    href={`#${item.id}`}
className="nav-link"
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
            </div>
          </nav>

          <div className="min-w-0">
            {shown.overview ? <OverviewSection view={view} /> : null}
            {linkedChecks.length ? (
              <Section
                id="checks"
                title="Live checks"
                intro={checksIntro(workspace.name, linkedChecks)}
              >
                <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white">
                  {linkedChecks.map((id) => {
                    const check = view.checks[id]
                    const state = check?.state ?? 'unverified'
                    return (
                      <li key={id} className="flex flex-col-reverse gap-3 p-5 sm:flex-row sm:items-start sm:justify-between sm:p-6" data-check={id} data-state={state}>
                        <div>
                          <h3 className="font-semibold text-ink">{CHECKS[id].label}</h3>
                          <p className="mt-1 text-sm text-slate-600">{check?.summary || CHECKS[id].explains}</p>
                          {check ? <CheckLine check={check} /> : <p className="mt-2 text-xs text-slate-500">Never verified yet</p>}
                        </div>
                        <div>
                          <StateBadge state={state} />
                        </div>
                      </li>
                    )
                  })}
                </ul>
              </Section>
            ) : null}

            {shown.residency ? <ResidencySection view={view} /> : null}
            <ControlsSection view={view} />

            {shown.subprocessors ? (
            <Section
              id="subprocessors"
              title="Sub-processors"
              intro={`The companies that process personal data for ${workspace.name}, kept current from its records.`}
              action={{ href: view.links.subprocessorUpdates, label: 'Get notified of changes' }}
            >
              <table className="stack-table w-full overflow-hidden rounded-2xl bg-white text-left text-sm ring-1 ring-slate-200">
                  <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="cell">Vendor</th>
                      <th scope="col" className="cell">Purpose</th>
                      <th scope="col" className="cell">Data</th>
                      <th scope="col" className="cell">Region</th>
                      <th scope="col" className="cell">Certifications</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-200">
                    {view.subprocessors.map((s, i) => (
                      <tr key={i} className="align-top">
                        <th scope="row" className="cell font-semibold text-ink">
                          {s.name}
                          {s.policyUrl ? (
                            <a href={s.policyUrl} rel="nofollow noopener noreferrer" className="mt-0.5 block text-xs font-normal text-brand-700 underline">
                              DPA or policy
                            </a>
                          ) : null}
                        </th>
                        <td data-label="Purpose" className="cell">{s.purpose}</td>
                        <td data-label="Data" className="cell text-slate-600">{s.dataCategories || '—'}</td>
                        <td data-label="Region" className="cell text-slate-600">{s.region || '—'}</td>
                        <td data-label="Certifications" className="cell text-slate-600">{s.certifications.length ? s.certifications.join(', ') : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              <p className="mt-4 text-sm text-slate-600 print:hidden">
                <a href={view.links.subprocessorChanges} className="font-medium text-brand-700 underline underline-offset-2">
                  Every change to this list
                </a>
                , with the day it takes effect.
              </p>
              {view.links.dpa ? (
                <Card className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
                  <p className="text-sm text-slate-600">Customers of {workspace.name} can sign its data processing agreement online; it lists these sub-processors.</p>
                  <a href={view.links.dpa} className="shrink-0 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                    Sign our data processing agreement (DPA)
                  </a>
                </Card>
              ) : null}
            </Section>
            ) : null}

            {shown.dpa && view.links.dpa ? (
              <Section id="dpa" title="Data processing agreement">
                <Card className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
                  <p className="text-sm text-slate-600">Customers of {workspace.name} can sign its data processing agreement online.</p>
                  <a href={view.links.dpa} className="shrink-0 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                    Sign our data processing agreement (DPA)
                  </a>
                </Card>
              </Section>
            ) : null}

            {content.certifications.length ? <CertificationsSection view={view} /> : null}

            {view.documents.length ? (
              <Section id="documents" title="Documents" intro={documentsIntro(view)}>
                <ul className={CARD_GRID}>
                  {view.documents.map((d) => (
                    <Card as="li" key={d.id} className="flex flex-col">
                      <div className="flex items-start justify-between gap-3">
                        <h3 className="flex items-start gap-2 font-semibold text-ink">
                          <Icon d={ICON.file} className="mt-0.5 text-brand-600" />
                          {d.title}
                        </h3>
                        <Badge tone={d.visibility === 'public' ? 'neutral' : 'info'}>{d.visibility === 'public' ? 'Public' : view.ndaOffered ? 'NDA required' : 'On request'}</Badge>
                      </div>
                      {d.description ? <p className="mt-2 text-sm leading-relaxed text-slate-600">{d.description}</p> : null}
                      <div className="mt-auto pt-4">
                      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-100 pt-3 text-sm">
                        <DocumentLink view={view} document={d} />
                        <span className="text-xs text-slate-500">{d.about}</span>
                      </p>
                      </div>
                    </Card>
                  ))}
                </ul>
              </Section>
            ) : null}

            <PrivacyRightsSection view={view} />

            {content.faq.length ? <FaqSection view={view} /> : null}

            {view.platformIncidents.length ? <PlatformIncidentsSection incidents={view.platformIncidents} /> : null}

            <DisclosureSection view={view} />

            {shown.contact ? <ContactSection view={view} /> : null}
          </div>
        </div>
        </main>

        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-8 text-xs text-slate-500 sm:flex-row sm:justify-between sm:px-6 lg:px-8">
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
