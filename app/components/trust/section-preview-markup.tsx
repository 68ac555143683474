// One section of the trust page as visitors would see it, as HTML for the editor's preview frame:
// the public page's own components (trust-page-sections.tsx) fed with the draft, its Markdown
// rendered again. The server renders the saved draft with it; the browser loads it (with
// react-dom/server and the Markdown renderer) only once the person edits, so the section page
// does not carry them until then.
import { renderToStaticMarkup } from 'react-dom/server'
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

/** Why a section would be left out of the public page, when it would (`written`: the section as written, before the page holds anything back). */
function leftOut(section: SectionId, view: TrustPageView, written: TrustContent): string | null {
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
  if (section === 'faq' && written.faq.length > 0) return 'Nothing to show yet: every question speaks of a DPA, and the page holds those back until a DPA is set up.'
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

/** What the frame shows: the section, or why the page leaves it out. */
function PreviewBody({ section, view, written }: { section: SectionId; view: TrustPageView; written: TrustContent }) {
  const gap = leftOut(section, view, written)
  if (gap && section !== 'lastReviewed' && section !== 'overview') return <p className="p-6 text-sm text-slate-600">{gap}</p>
  const framed = section !== 'overview' && section !== 'lastReviewed'
  const held = section === 'faq' ? written.faq.length - view.content.faq.length : 0
  const note = gap ?? (held > 0 ? `${held === 1 ? 'One question speaks' : `${held} questions speak`} of a DPA: the page holds ${held === 1 ? 'it' : 'them'} back until a DPA is set up.` : null)
  return (
    <>
      {note ? <p className="border-b border-slate-200 bg-white p-4 text-sm text-slate-600">{note}</p> : null}
      <div className={framed ? 'px-4 sm:px-6' : ''}>
        <SectionBody section={section} view={view} empty={gap !== null} />
      </div>
    </>
  )
}

/** The preview's HTML of `section` with `content` in place of the saved draft. */
export function previewMarkup(section: SectionId, view: TrustPageView, content: TrustContent, dpaOffered: boolean): string {
  return renderToStaticMarkup(<PreviewBody section={section} view={viewWith(view, content, dpaOffered)} written={content} />)
}
