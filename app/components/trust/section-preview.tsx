// One section of the trust page as visitors would see it, drawn with the public page's own
// components (trust-page-sections.tsx) from the section's current value: the saved draft when the
// page opens (and always without JavaScript), the form's valid values as the person types.
import type { TrustPageView } from '~/components/trust-page'
import {
  CertificationsSection,
  ContactSection,
  ControlsSection,
  DisclosureSection,
  FaqSection,
  OverviewSection,
  PrivacyRightsSection,
  ResidencySection,
  TrustHero,
} from '~/components/trust-page-sections'
import type { SectionId, TrustContent } from '~/modules/trust/content'
import { contentShown, sectionsShown } from '~/modules/trust/page-sections'
import { sectionHtml } from '~/modules/trust/section-html'

/** The page's view with `content` in place of the saved draft, its Markdown rendered again. */
function viewWith(view: TrustPageView, content: TrustContent, dpaOffered: boolean): TrustPageView {
  const shown = contentShown(content, { dpaOffered })
  return { ...view, content: shown, html: sectionHtml(shown) }
}

/** Why a section would be left out of the public page, when it would. */
function leftOut(section: SectionId, view: TrustPageView): string | null {
  const shown = sectionsShown(view.content, { subprocessors: view.subprocessors.length, documents: 0, platformIncidents: 0, dpaOffered: view.links.dpa !== undefined })
  const empty = {
    overview: !shown.overview,
    highlights: view.content.highlights.length === 0,
    residency: !shown.residency,
    controls: !shown.controls,
    certifications: !shown.certifications,
    faq: !shown.faq,
    contact: !shown.contact,
    rights: false,
    disclosure: false,
    lastReviewed: view.content.lastReviewed === '',
  }[section]
  if (!empty) return null
  if (section === 'lastReviewed') return 'No date: the page does not say when it was last reviewed.'
  if (section === 'faq' && view.content.faq.length === 0 && !view.links.dpa) return 'Nothing to show: the page leaves this section out (questions about a DPA wait until a DPA is set up).'
  return 'Nothing to show: the page leaves this section out while it is empty.'
}

function SectionBody({ section, view, empty }: { section: SectionId; view: TrustPageView; empty: boolean }) {
  switch (section) {
    case 'overview':
      return (
        <>
          <TrustHero view={view} />
          {empty ? null : (
            <div className="px-4 sm:px-6">
              <OverviewSection view={view} />
            </div>
          )}
        </>
      )
    case 'lastReviewed':
      return <TrustHero view={view} />
    case 'highlights':
      return <OverviewSection view={view} />
    case 'residency':
      return <ResidencySection view={view} />
    case 'controls':
      return <ControlsSection view={view} />
    case 'certifications':
      return <CertificationsSection view={view} />
    case 'rights':
      return <PrivacyRightsSection view={view} />
    case 'faq':
      return <FaqSection view={view} />
    case 'disclosure':
      return <DisclosureSection view={view} />
    case 'contact':
      return <ContactSection view={view} />
  }
}

export function SectionPreview(props: {
  section: SectionId
  view: TrustPageView
  content: TrustContent
  dpaOffered: boolean
  /** What the preview shows, in words: the saved draft, or the edits not saved yet. */
  caption: string
}) {
  const view = viewWith(props.view, props.content, props.dpaOffered)
  const gap = leftOut(props.section, view)
  const framed = props.section !== 'overview' && props.section !== 'lastReviewed'
  return (
    <section aria-labelledby="preview-heading" className="min-w-0">
      <h2 id="preview-heading" className="text-sm font-semibold uppercase tracking-wider text-slate-500">
        Preview
      </h2>
      <p className="mt-1 text-sm text-slate-600" role="status" data-testid="preview-caption">
        {props.caption}
      </p>
      <div className="trust-preview mt-3 overflow-hidden rounded-xl border border-slate-200 bg-slate-50 font-sans text-slate-700" data-testid="preview">
        {gap && props.section !== 'lastReviewed' && props.section !== 'overview' ? (
          <p className="p-6 text-sm text-slate-600">{gap}</p>
        ) : (
          <>
            {gap ? <p className="border-b border-slate-200 bg-white p-4 text-sm text-slate-600">{gap}</p> : null}
            <div className={framed ? 'px-4 sm:px-6' : ''}>
              <SectionBody section={props.section} view={view} empty={gap !== null} />
            </div>
          </>
        )}
      </div>
    </section>
  )
}
