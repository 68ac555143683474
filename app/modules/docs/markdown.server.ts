// Markdown of the project's own documentation pages, rendered for /docs. The pages are ours, not
// a customer's: headings and tables stay; raw HTML and images are still off, and links are kept
// only to https: and mailto: addresses and to Candor's own paths.
import MarkdownIt from 'markdown-it'
import { isOneLine } from '~/modules/formats/one-line'

const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
md.disable(['image'])
md.validateLink = (url) => /^(https:\/\/|mailto:|\/(?!\/))/i.test(url) && isOneLine(url) && !/\s/.test(url)

type Rule = NonNullable<typeof md.renderer.rules.link_open>
const renderToken: Rule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options)
const linkOpen = md.renderer.rules.link_open ?? renderToken
// Another site's page opens without telling it where the reader came from.
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  if (String(tokens[idx]!.attrGet('href') ?? '').startsWith('https://')) tokens[idx]!.attrSet('rel', 'noopener noreferrer')
  return linkOpen(tokens, idx, options, env, self)
}

// Wide tables and long code lines scroll sideways on a phone: a keyboard must be able to reach them.
md.renderer.rules.table_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('tabindex', '0')
  return self.renderToken(tokens, idx, options)
}
const fence = md.renderer.rules.fence!
md.renderer.rules.fence = (...args) => fence(...args).replace(/^<pre>/, '<pre tabindex="0">')

export function renderDocMarkdown(source: string): string {
  return md.render(source)
}

/** A page's words without Markdown syntax, for search and its snippets. */
export function docPlainText(source: string): string {
  return source
    .replace(/^```.*$/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*[-*]\s+/gm, '')
    .replace(/^\|?[\s:|-]+\|[\s:|-]*$/gm, '')
    .replace(/[`*|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
