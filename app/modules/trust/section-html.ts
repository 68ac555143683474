// The Markdown of a trust page's sections as safe HTML (formats/markdown.ts), for the public page
// on the server and for the editor's live preview in the browser: one renderer, the same output.
import { renderMarkdown } from '~/modules/formats/markdown'
import type { TrustContent } from './content'

export function sectionHtml(content: TrustContent) {
  return {
    summary: renderMarkdown(content.overview.summary),
    highlights: content.highlights.map((h) => renderMarkdown(h.body)),
    residency: renderMarkdown(content.residency.summary),
    controls: content.controls.map((c) => renderMarkdown(c.description)),
    certifications: content.certifications.map((c) => renderMarkdown(c.note)),
    rights: renderMarkdown(content.rights.text),
    faq: content.faq.map((f) => renderMarkdown(f.answer)),
    disclosure: renderMarkdown(content.disclosure.text),
    contact: renderMarkdown(content.contact.text),
  }
}
