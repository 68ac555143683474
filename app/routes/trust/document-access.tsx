// /t/:slug/documents/access/:token: the link e-mailed to an approved requester. Opening it
// changes nothing (mail scanners open links too); the download button is a link of its own,
// counted and audited. An expired or withdrawn link gets a page that says so, and how to ask again.
import { data } from 'react-router'
import { TrustShell } from '~/components/trust-shell'
import { accessState, documentLinks } from '~/modules/trust/document-requests.server'
import { formatBytes, typeOfContentType } from '~/modules/trust/document-types'
import type { Route } from './+types/document-access'

export const meta: Route.MetaFunction = () => [{ title: 'Your document' }, { name: 'robots', content: 'noindex' }]

export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' })

export async function loader({ params }: Route.LoaderArgs) {
  const found = await accessState(params.slug, params.token)
  if (!found) throw data('There is no trust page at this address.', { status: 404 })
  const { workspace, access } = found
  const links = documentLinks('', workspace.slug)
  const view = {
    workspace: { name: workspace.name, slug: workspace.slug },
    access:
      access.state === 'open'
        ? {
            state: 'open' as const,
            name: access.name,
            title: access.document.title,
            description: access.document.description,
            about: `${typeOfContentType(access.document.contentType)?.label ?? 'File'}, ${formatBytes(access.document.bytes)}`,
            expiresAt: `${access.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
            download: links.accessDownload(params.token),
          }
        : access.state === 'unknown'
          ? { state: 'unknown' as const }
          : { state: access.state, title: access.documentTitle, requestAgain: access.state === 'removed' ? null : links.request(access.documentId) },
  }
  const status = view.access.state === 'open' ? 200 : view.access.state === 'unknown' ? 404 : 410
  return data(view, { status })
}

const CLOSED = {
  expired: 'This link has expired.',
  revoked: 'This link was withdrawn.',
  removed: 'This document is no longer offered.',
} as const

export default function DocumentAccess({ loaderData }: Route.ComponentProps) {
  const { workspace, access } = loaderData
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Documents">
      {access.state === 'open' ? (
        <>
          <h1 className="text-2xl font-semibold">{access.title}</h1>
          {access.description ? <p className="mt-2 whitespace-pre-line text-slate-600">{access.description}</p> : null}
          <p className="mt-4 text-slate-700">
            Shared with {access.name} under the agreement you accepted. This link works until {access.expiresAt}; each download is recorded.
          </p>
          <p className="mt-6">
            <a href={access.download} download className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              Download ({access.about})
            </a>
          </p>
        </>
      ) : access.state === 'unknown' ? (
        <>
          <h1 className="text-2xl font-semibold">This link does not work</h1>
          <p className="mt-4 text-slate-700">Check that the whole address from the e-mail was opened, or ask for the document again from the trust page.</p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">{CLOSED[access.state]}</h1>
          <p className="mt-4 text-slate-700">
            “{access.title}” can no longer be downloaded with it.{' '}
            {access.requestAgain ? (
              <a href={access.requestAgain} className="text-brand-700 underline">
                Ask for the document again
              </a>
            ) : null}
          </p>
        </>
      )}
      <p className="mt-8">
        <a href={`/t/${workspace.slug}`} className="text-brand-700 underline">
          Back to the trust page
        </a>
      </p>
    </TrustShell>
  )
}
