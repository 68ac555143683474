import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteLoaderData,
} from 'react-router'
import { brandOfPublicPage } from '~/modules/branding/public-brand.server'
import { publicEnv } from '~/modules/config/env.server'
import { publicEnvScript } from '~/modules/config/public-env'
import { answerUnreachableDatabase } from '~/modules/http/database-unreachable.server'
import { UNAVAILABLE_TITLE } from '~/modules/http/unavailable'
import type { Route } from './+types/root'
import './app.css'
import { useNonce } from './components/nonce'

export const meta: Route.MetaFunction = () => [
  { title: 'Candor — an honest trust center and privacy-rights operations' },
  {
    name: 'description',
    content:
      'Publish a trust page that never overclaims, and answer every privacy request on time, with every step audited.',
  },
]

export const middleware: Route.MiddlewareFunction[] = [answerUnreachableDatabase]

export async function loader({ request, params }: Route.LoaderArgs) {
  return { ENV: publicEnv(), brand: await brandOfPublicPage(new URL(request.url).pathname, params.slug) }
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.ico" sizes="any" />
        <Meta />
        {/* Stylesheets need no nonce (style-src 'self'). An empty one keeps the request's nonce
            off <link> tags, where browsers do not hide it from the page. */}
        <Links nonce="" />
      </head>
      <body className="min-h-full bg-white font-sans text-ink antialiased">
        {children}
        {data ? (
          // The client renders nonce="" (browsers hide it), the server the real one.
          <script
            nonce={nonce}
            suppressHydrationWarning
            dangerouslySetInnerHTML={{ __html: publicEnvScript(data.ENV) }}
          />
        ) : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

/** The title of an error page for an HTTP status: words, never the status line's own text. */
const STATUS_TITLES: Record<number, string> = {
  400: 'This cannot be done as asked',
  403: 'Not allowed',
  404: 'Page not found',
  405: 'Not allowed here',
  409: 'This changed meanwhile',
  413: 'Too large',
  429: 'Too many tries',
  503: UNAVAILABLE_TITLE,
}

/** What an error page says: a title, the detail (the thrown message when there is one) and, in development, the stack. */
export function errorWords(error: unknown): { title: string; detail: string; stack?: string } {
  const unexpected = 'We are sorry: an unexpected error stopped this page. It has been reported.'
  if (isRouteErrorResponse(error)) {
    const title = STATUS_TITLES[error.status] ?? (error.status >= 500 ? 'Something went wrong' : `Error ${error.status}`)
    const detail =
      typeof error.data === 'string' && error.data ? error.data : error.status === 404 ? 'There is nothing at this address.' : unexpected
    return { title, detail }
  }
  if (import.meta.env.DEV && error instanceof Error) return { title: 'Something went wrong', detail: error.message, stack: error.stack }
  return { title: 'Something went wrong', detail: unexpected }
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { title, detail, stack } = errorWords(error)
  return (
    <main className="mx-auto max-w-2xl px-6 py-24">
      <h1 className="text-3xl font-semibold">{title}</h1>
      <p className="mt-4 text-lg text-slate-600">{detail}</p>
      {stack ? (
        <pre className="mt-6 overflow-x-auto rounded bg-slate-100 p-4 text-xs">{stack}</pre>
      ) : null}
      <p className="mt-8">
        <a className="text-brand-600 underline" href="/">
          Back to the home page
        </a>
      </p>
    </main>
  )
}
