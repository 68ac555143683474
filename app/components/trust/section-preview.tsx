// One section of the trust page as visitors would see it (section-preview-markup.tsx: the public
// page's own components), with its stylesheet, in a frame as wide as the preview's column (so
// the page's layout for that width applies): the saved draft, rendered by the server, when the
// page opens (and always without JavaScript); once the person edits, the form's valid values,
// rendered in the browser by that module (loaded then) and written into the frame without
// reloading it.
import { useEffect, useRef, useState } from 'react'
import stylesheet from '~/components/trust-page.css?url'
import type { TrustPageView } from '~/components/trust-page'
import type { SectionId, TrustContent } from '~/modules/trust/content'

/** The frame fits its content (the body's height: the document's own is at least the frame's). */
const contentHeight = (document: Document) => `${Math.ceil(document.body.getBoundingClientRect().height) + 2}px`

/** Frames whose clicks are already held. */
const prepared = new WeakSet<Document>()

/** The frame's document: the public page's stylesheet, the workspace's accent colour, and the section; no script runs in it. */
const frameDocument = (markup: string, accent: string | null) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="${stylesheet}">` +
  (accent ? `<link rel="stylesheet" href="${accent}">` : '') +
  `</head><body data-brand="" class="bg-slate-50 font-sans text-slate-700 antialiased">${markup}</body></html>`

export function SectionPreview(props: {
  section: SectionId
  label: string
  view: TrustPageView
  content: TrustContent
  dpaOffered: boolean
  /** The saved draft's preview, rendered by the server. */
  savedMarkup: string
  /** Whether the form holds edits not saved: only then is the preview rendered here. */
  edited: boolean
  /** What the preview shows, in words: the saved draft, or the edits not saved yet. */
  caption: string
}) {
  const { section, view, content, dpaOffered, edited } = props
  // The edits' preview, rendered in the browser: the last one stays shown while the next renders.
  const [live, setLive] = useState<string | null>(null)
  const editedKey = edited ? JSON.stringify(content[section]) : null
  useEffect(() => {
    if (editedKey === null) {
      setLive(null)
      return
    }
    let current = true
    void import('./section-preview-markup').then(({ previewMarkup }) => {
      if (current) setLive(previewMarkup(section, view, content, dpaOffered))
    })
    return () => {
      current = false
    }
  }, [editedKey])
  const markup = edited && live !== null ? live : props.savedMarkup
  // The frame loads once; later versions are written into its body (no reload, no lost scroll).
  const [first] = useState(() => frameDocument(markup, view.brand.accentStylesheet))
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
