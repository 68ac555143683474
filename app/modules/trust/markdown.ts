// Markdown in trust-page fields, rendered for visitors. markdown-it with raw HTML off escapes
// every tag a customer types; links are kept only for https: and mailto: (anything else,
// javascript: and data: included, stays visible as plain text); images and headings are off
// (an image would load from a stranger's server, a heading would break the page's outline).
import MarkdownIt from 'markdown-it'

const SAFE_LINK = /^(https:\/\/|mailto:)/i

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false })
md.disable(['image', 'heading', 'lheading', 'html_block', 'html_inline'])
// markdown-it passes the URL as written (entities decoded); checked before it is normalised.
// No spaces or control characters inside an address (browsers drop some, which hides a scheme).
const hasControlOrSpace = (url: string) => [...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || /\s/.test(c))
md.validateLink = (url) => SAFE_LINK.test(url.trim()) && !hasControlOrSpace(url.trim())
// Bare addresses become links only when they are https (linkify would also take http:, www.).
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false })

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  token.attrSet('rel', 'nofollow noopener noreferrer')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

/** Markdown as HTML that is safe to put in a page. */
export function renderMarkdown(source: string): string {
  return source.trim() ? md.render(source) : ''
}

/** Markdown for one line (a title, a table cell): no paragraph around it. */
export function renderInlineMarkdown(source: string): string {
  return source.trim() ? md.renderInline(source) : ''
}
