// One section of the trust page as visitors would see it, drawn with the public page's own
// components (trust-page-sections.tsx) and stylesheet, in a frame as wide as the preview's column
// (so the page's layout for that width applies): the saved draft when the page opens (and always
// without JavaScript), the form's valid values as the person types, written into the frame
// without reloading it.
import { useEffect, useRef, useState } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import stylesheet from '~/components/trust-page.css?url'
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

/** The frame fits its content (the body's height: the document's own is at least the frame's). */
const contentHeight = (document: Document) => `${Math.ceil(document.body.getBoundingClientRect().height) + 2}px`

/** Frames whose clicks are already held. */
const prepared = new WeakSet<Document>()

/** The frame's document: the public page's stylesheet, the workspace's accent colour, and the section; no script runs in it. */
const frameDocument = (markup: string, accent: string | null) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="${stylesheet}">` +
  (accent ? `<link rel="stylesheet" href="${accent}">` : '') +
  `</head><body data-brand="" class="bg-slate-50 font-sans text-slate-700 antialiased">${markup}</body></html>`

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

export function SectionPreview(props: {
  section: SectionId
  label: string
  view: TrustPageView
  content: TrustContent
  dpaOffered: boolean
  /** What the preview shows, in words: the saved draft, or the edits not saved yet. */
  caption: string
}) {
  const markup = renderToStaticMarkup(<PreviewBody section={props.section} view={viewWith(props.view, props.content, props.dpaOffered)} written={props.content} />)
  // The frame loads once; later versions are written into its body (no reload, no lost scroll).
  const [first] = useState(() => frameDocument(markup, props.view.brand.accentStylesheet))
  const frame = useRef<HTMLIFrameElement>(null)

  /** Once the frame has loaded: its height follows its content, and its links stay inert. */
  const prepare = () => {
    const document = frame.current?.contentDocument
    if (!document?.body || prepared.has(document)) return
    prepared.add(document)
    // A link in the preview would open inside the frame, which Candor's pages refuse: it stays a preview.
    document.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('a')) event.preventDefault()
    })
  }

  useEffect(() => {
    const element = frame.current
    const document = element?.contentDocument
    // Loaded before React ran (the server's page): prepare it now; otherwise onLoad does.
    if (!element || !document?.body || document.readyState !== 'complete') return
    prepare()
    if (document.body.innerHTML !== markup) document.body.innerHTML = markup
    element.style.height = contentHeight(document)
  }, [markup])

  const loaded = () => {
    prepare()
    const element = frame.current
    if (element?.contentDocument) element.style.height = contentHeight(element.contentDocument)
  }

  return (
    <section aria-labelledby="preview-heading" className="min-w-0">
      <h2 id="preview-heading" className="text-sm font-semibold uppercase tracking-wider text-slate-500">
        Preview
      </h2>
      <p className="mt-1 text-sm text-slate-600" role="status" data-testid="preview-caption">
        {props.caption}
      </p>
      <iframe
        ref={frame}
        title={`Preview of the ${props.label} section`}
        srcDoc={first}
        // Same origin, so this page can write the frame's body; no script runs inside it.
        sandbox="allow-same-origin"
        onLoad={loaded}
        data-testid="preview"
        className="mt-3 block h-[36rem] w-full overflow-hidden rounded-xl border border-slate-200 bg-slate-50"
      />
    </section>
  )
}
