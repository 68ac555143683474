// Which locked status page a visitor sees, from the link they came by. A follow link that was
// this request's but is used or expired sends a fresh code at once (rate-limited), so the page
// can truthfully say one is on its way; an unknown link sends nothing.
import type { PrivacyRequest } from '~/generated/prisma/client'
import type { LockedView } from '~/components/privacy/status-locked'
import type { PublicWorkspace, Tx } from '~/modules/db/tenant.server'
import { tryAgainIn } from '~/modules/http/try-again'
import { followLinkState } from './follow-links.server'
import { mailCodeForSpentLink } from './requester-access.server'

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/

export async function lockedViewOf(
  tx: Tx,
  workspace: PublicWorkspace,
  found: PrivacyRequest | null,
  search: URLSearchParams,
  clientIp: string,
): Promise<LockedView> {
  const follow = search.get('follow')
  const token = search.get('token')
  if (follow !== null) {
    if (!found || found.state === 'unverified' || !TOKEN.test(follow)) return { kind: 'unknown_link' }
    const state = await followLinkState(tx, found.id, follow)
    if (state === 'valid') return { kind: 'follow', token: follow }
    if (state === 'unknown') return { kind: 'unknown_link' }
    const sent = await mailCodeForSpentLink(tx, workspace, found, clientIp)
    return sent?.outcome === 'rate_limited' ? { kind: 'code_not_sent', tryAgain: tryAgainIn(sent.retryAfterSeconds) } : { kind: 'code_sent' }
  }
  if (token !== null && TOKEN.test(token)) return { kind: 'code_link', token }
  return { kind: 'plain' }
}
