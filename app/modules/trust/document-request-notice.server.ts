// Members who decide document requests (the `trust.documents` permission) hear of a pending one
// by e-mail, in the request's transaction, unless they turned that e-mail off (decision 029).
// At most one e-mail per document in each clock hour: a counter in the same transaction, so a
// request that rolls back takes its turn back with it.
import type { PublicWorkspace, Tx } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { type RateLimit, consumeRateLimit } from '~/modules/security/rate-limit.server'
import { requestWaitingMail } from './document-mail'

export const MEMBER_NOTICE_LIMIT = { name: 'documents.request.members', limit: 1, windowSeconds: 60 * 60 } satisfies RateLimit

type WaitingRequest = { documentId: string; documentTitle: string; company: string; publicOrigin: string }

export async function tellMembersOfRequest(tx: Tx, workspace: Pick<PublicWorkspace, 'id' | 'slug' | 'name'>, request: WaitingRequest): Promise<void> {
  const turn = await consumeRateLimit(MEMBER_NOTICE_LIMIT, `${workspace.id}:${request.documentId}`, tx)
  if (!turn.allowed) return
  const deciders = await membersToTell(tx, 'document_request')
  const mail = withPreferencesLink(requestWaitingMail({
    workspaceName: workspace.name,
    documentTitle: request.documentTitle,
    company: request.company,
    documentsUrl: `${request.publicOrigin}/w/${workspace.slug}/documents`,
  }))
  for (const decider of deciders) await queueEmail(tx, workspace.id, { to: decider.email, ...mail })
}
