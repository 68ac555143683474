// What the /docs pages show: the navigation, one page with its neighbours, or search results.
import { z } from 'zod'
import { oneLine } from '~/modules/formats/one-line'
import { docNavigation, docPageView, findDocPage } from './site.server'
import { docSearchQuery, searchDocs } from './search.server'

const pageParam = z.string().regex(/^[a-z0-9-]{1,60}$/)

/** /docs/:page: the page, or null when no page has that name (a 404 that still offers the nav). */
export function docPageOrNull(param: string | undefined) {
  const slug = pageParam.safeParse(param)
  const page = slug.success ? findDocPage(slug.data) : undefined
  return page ? docPageView(page) : null
}

/** /docs: the index, or the results of ?q= (with a message instead when the query is not valid). */
export function docIndexView(url: URL) {
  const asked = url.searchParams.get('q')
  const navigation = docNavigation()
  if (asked === null || asked.trim() === '') return { navigation, search: null }
  const query = docSearchQuery.safeParse(asked)
  if (!query.success) {
    return { navigation, search: { query: oneLine(asked).slice(0, 100), error: query.error.issues[0]!.message, results: [] } }
  }
  return { navigation, search: { query: query.data, error: null, results: searchDocs(query.data) } }
}
