// /t/:slug/subprocessors/feed.atom: the public changelog as an Atom feed (RFC 4287).
import { appOrigin } from '~/modules/config/env.server'
import { atomFeed } from '~/modules/trust/subprocessor-feed'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { publicChangelog } from '~/modules/trust/subprocessor-views.server'
import type { Route } from './+types/subprocessors-feed'

export async function loader({ params }: Route.LoaderArgs) {
  const changelog = await publicChangelog(params.slug)
  if (!changelog) {
    return new Response('There is no trust page at this address.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  const links = subprocessorLinks(appOrigin(), changelog.workspace.slug)
  const xml = atomFeed({
    workspaceName: changelog.workspace.name,
    feedUrl: links.feed,
    changesUrl: links.changes,
    changes: changelog.changes,
    emptyUpdated: changelog.workspace.createdAt,
  })
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      // Feed readers poll: a few minutes in shared caches is fresh enough for a notice period of days.
      'Cache-Control': 'public, max-age=300',
    },
  })
}
