// Search of the documentation, on the server (a GET form: it works without JavaScript). Every
// word of the query must appear in a page's title or text; title matches rank first. Each result
// carries a snippet around the first match, as segments the page marks up (never raw HTML).
import { z } from 'zod'
import { isOneLine } from '~/modules/formats/one-line'
import { DOC_PAGES, type DocSlug } from './site.server'
import { docPlainText } from './markdown.server'

export const MAX_QUERY_LENGTH = 100

export const docSearchQuery = z
  .string()
  .trim()
  .min(2, 'Type at least two characters to search.')
  .max(MAX_QUERY_LENGTH, `Search for at most ${MAX_QUERY_LENGTH} characters.`)
  .refine(isOneLine, 'Search for plain words, without control characters.')

export type SnippetPart = { text: string; match: boolean }
export type DocSearchResult = { slug: DocSlug; title: string; group: string; snippet: SnippetPart[] }

const INDEX = DOC_PAGES.map((page) => ({ page, text: docPlainText(page.source.replace(/^# .+$/m, '')) }))
const SNIPPET_RADIUS = 90

const wordsOf = (query: string) => [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))]
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function searchDocs(query: string): DocSearchResult[] {
  const words = wordsOf(query)
  return INDEX.map(({ page, text }) => {
    const title = page.title.toLowerCase()
    const lower = text.toLowerCase()
    if (!words.every((word) => title.includes(word) || lower.includes(word))) return null
    const score = words.filter((word) => title.includes(word)).length * 100 + words.reduce((sum, word) => sum + count(lower, word), 0)
    return { score, result: { slug: page.slug, title: page.title, group: page.group, snippet: snippet(text, words) } }
  })
    .filter((hit) => hit !== null)
    .sort((a, b) => b.score - a.score)
    .map((hit) => hit.result)
}

function count(text: string, word: string): number {
  let n = 0
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) n++
  return n
}

/** About 180 characters of `text` around the first word found, with every word marked. */
function snippet(text: string, words: string[]): SnippetPart[] {
  const lower = text.toLowerCase()
  const first = Math.min(...words.map((word) => lower.indexOf(word)).filter((at) => at !== -1), text.length)
  const start = first === text.length ? 0 : Math.max(0, first - SNIPPET_RADIUS)
  const end = Math.min(text.length, start + 2 * SNIPPET_RADIUS)
  const excerpt = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
  const pattern = new RegExp(`(${words.map(escapeRegExp).join('|')})`, 'gi')
  return excerpt
    .split(pattern)
    .filter(Boolean)
    .map((part) => ({ text: part, match: words.includes(part.toLowerCase()) }))
}
