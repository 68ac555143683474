// The subprocessor.notice job: e-mail one announced change to every confirmed subscriber. One
// job per change fans out, in batches; each subscriber's notice row and e-mail are written in
// one transaction and the notice row is unique per change and subscriber, so a job run twice,
// or retried after a crash half way, e-mails nobody twice and nobody is left out.
import { randomBytes, randomUUID } from 'node:crypto'
import { env } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { type NoticeJob, dayOf } from './subprocessor-changes.server'
import { mailboxOf, subprocessorLinks } from './subprocessor-links'
import { noticeMail, unsubscribeHeaders } from './subprocessor-mail'
import { sha256, unsubscribeTokenOf } from './subprocessor-subscribers.server'
import type { DescribedChange, SubprocessorFields } from './subprocessor-text'

const BATCH = 100
const SYSTEM = { type: 'system', reason: 'subprocessor.notice' } as const

/** Send the change's notice to every active subscriber not told yet; returns how many were sent. */
export async function sendChangeNotices(job: NoticeJob): Promise<number> {
  const ctx = { workspaceId: job.workspaceId, actor: SYSTEM }
  let sent = 0
  for (;;) {
    const batch = await withTenant(
      ctx,
      async (tx) => {
        const change = await tx.subprocessorChange.findUnique({ where: { id: job.changeId } })
        // Withdrawn, or never announced: nobody is told (the changelog says it was withdrawn).
        if (!change || change.state !== 'announced') return 0
        const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: job.workspaceId }, select: { name: true, slug: true } })
        const subscribers = await tx.subprocessorSubscriber.findMany({
          where: {
            confirmedAt: { not: null },
            unsubscribedAt: null,
            notices: { none: { changeId: change.id } },
          },
          orderBy: { confirmedAt: 'asc' },
          take: BATCH,
        })
        const described: DescribedChange = {
          kind: change.kind,
          name: change.name,
          purpose: change.purpose,
          dataCategories: change.dataCategories,
          region: change.region,
          certifications: change.certifications,
          policyUrl: change.policyUrl,
          previous: (change.previous as SubprocessorFields | null) ?? null,
          reason: change.reason,
          effectiveOn: dayOf(change.effectiveOn),
        }
        for (const subscriber of subscribers) {
          const objectionToken = randomBytes(32).toString('base64url')
          await tx.subprocessorNotice.create({
            data: {
              id: randomUUID(),
              workspaceId: job.workspaceId,
              changeId: change.id,
              subscriberId: subscriber.id,
              objectionTokenHash: sha256(objectionToken),
            },
          })
          const unsubscribeToken = await unsubscribeTokenOf(tx, subscriber)
          const links = subprocessorLinks(subscriber.publicOrigin, workspace.slug)
          const mail = noticeMail({
            workspaceName: workspace.name,
            change: described,
            objectUrl: links.object(objectionToken),
            unsubscribeUrl: links.unsubscribe(unsubscribeToken),
            changesUrl: links.changes,
          })
          await queueEmail(tx, job.workspaceId, {
            to: subscriber.email,
            ...mail,
            headers: unsubscribeHeaders({
              unsubscribeUrl: links.unsubscribe(unsubscribeToken),
              mailbox: mailboxOf(env().EMAIL_FROM),
              token: unsubscribeToken,
            }),
          }, { bulk: true, branded: true })
        }
        return subscribers.length
      },
      { timeoutMs: 60_000 },
    )
    sent += batch
    if (batch < BATCH) return sent
  }
}
