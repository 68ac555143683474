// /notifications/:slug/unsubscribe/:token: the List-Unsubscribe address of every weekly digest.
// GET shows a button (opening a link changes nothing); POST turns the digest off. A mail
// client's RFC 8058 one-click POST (List-Unsubscribe=One-Click, no cookie, no Origin) works as
// the button does: the same-origin check exempts exactly this path, whose token is the authority.
import { data } from 'react-router'
import { z } from 'zod'
import { DigestUnsubscribeCard } from '~/components/notifications/digest-unsubscribe-card'
import { requestOrigin } from '~/modules/http/request-info'
import { tryAgainIn } from '~/modules/http/try-again'
import { digestLinkState, unsubscribeFromDigest } from '~/modules/notifications/digest-unsubscribe.server'
import { workspaceInput } from '~/modules/tenancy/workspaces.server'
import type { Route } from './+types/digest-unsubscribe'

export const meta: Route.MetaFunction = () => [{ title: 'Weekly digest — Candor' }]

const NOT_FOUND = 'There is no weekly digest at this address. Check that the link is complete, or use the one in your newest digest.'

const linkParams = z.object({ slug: workspaceInput.shape.slug, token: z.string().max(100) })

function parsedLink(params: Route.LoaderArgs['params']) {
  const parsed = linkParams.safeParse(params)
  if (!parsed.success) throw data(NOT_FOUND, { status: 404 })
  return parsed.data
}

export async function loader({ params }: Route.LoaderArgs) {
  const { slug, token } = parsedLink(params)
  const found = await digestLinkState(slug, token)
  if (!found) throw data(NOT_FOUND, { status: 404 })
  return data(found, { status: found.state === 'invalid' ? 404 : 200 })
}

// The body (List-Unsubscribe=One-Click, or the button's empty form) is not needed: the POST is the request.
export async function action({ request, params, context }: Route.ActionArgs) {
  const { slug, token } = parsedLink(params)
  const result = await unsubscribeFromDigest(slug, token, requestOrigin(request, context))
  if (result.outcome === 'no_workspace') throw data(NOT_FOUND, { status: 404 })
  if (result.outcome === 'rate_limited') {
    return data(
      { state: null, error: `Too many unsubscribe requests came from here in a short time. ${tryAgainIn(result.retryAfterSeconds)}` },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    )
  }
  return data({ state: result.state, error: null }, { status: result.state === 'invalid' ? 404 : 200 })
}

export default function DigestUnsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  return <DigestUnsubscribeCard workspaceName={loaderData.workspace.name} state={actionData?.state ?? loaderData.state} error={actionData?.error ?? null} />
}
