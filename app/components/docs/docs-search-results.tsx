// The results of a documentation search: each page that matched, with a snippet whose matching
// words are marked.
import type { DocSearchResult } from '~/modules/docs/search.server'

export function DocSearchResults({ query, error, results }: { query: string; error: string | null; results: DocSearchResult[] }) {
  return (
    <>
      <h1 className="text-3xl font-semibold tracking-tight text-ink">Search the documentation</h1>
      {error ? (
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      ) : (
        <p role="status" className="mt-4 text-slate-700">
          {results.length === 0
            ? `No page mentions every word of “${query}”.`
            : `${results.length} ${results.length === 1 ? 'page mentions' : 'pages mention'} every word of “${query}”.`}
        </p>
      )}
      <ol className="mt-6 space-y-5">
        {results.map((result) => (
          <li key={result.slug}>
            <a href={`/docs/${result.slug}`} className="font-medium text-brand-700 underline">
              {result.title}
            </a>
            <span className="ml-2 text-xs text-slate-500">{result.group}</span>
            <p className="mt-1 text-sm text-slate-700">
              {result.snippet.map((part, i) =>
                part.match ? (
                  <mark key={i} className="rounded bg-amber-100 px-0.5 text-ink">
                    {part.text}
                  </mark>
                ) : (
                  <span key={i}>{part.text}</span>
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
    </>
  )
}
