// billing.notices (daily): e-mail each workspace's owners before its trial ends and while a
// failed payment's grace period runs (notice-schedule.ts says which notice is due). The notice's
// row and its e-mails commit in one transaction, and the row is unique per workspace, kind and
// date: a second run, or two at once, sends nothing more. Billing off: nothing to announce.
import { appOrigin, billingEnabled } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { billingPath } from './billing-path'
import { PAST_DUE_GRACE_DAYS } from './effective-plan'
import { billingNoticeMail } from './notice-mail'
import { EARLY_NOTICE_DAYS, dueNotice, noticeDate } from './notice-schedule'

const actor = { type: 'system', reason: 'billing notices' } as const

/** Workspaces that may be due a notice: a trial ending soon, or a subscription past due. */
async function candidates(now: Date): Promise<string[]> {
  const { rows } = await ownerPool().query<{ id: string }>(
    `SELECT id FROM workspace
      WHERE deleted_at IS NULL
        AND ((trial_ends_at > $1::timestamptz AND trial_ends_at <= $1::timestamptz + make_interval(days => $2::int))
          OR (subscription_status = 'past_due' AND past_due_since > $1::timestamptz - make_interval(days => $3::int)))
      ORDER BY id`,
    [now, EARLY_NOTICE_DAYS, PAST_DUE_GRACE_DAYS],
  )
  return rows.map((row) => row.id)
}

/** Send the notice `workspaceId` is due at `now`, once; the number of owners e-mailed. */
async function sendDueNotice(workspaceId: string, now: Date): Promise<number> {
  return withTenant({ workspaceId, actor }, async (tx) => {
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId } })
    const notice = dueNotice(workspace, now)
    if (!notice) return 0
    const owners = await tx.membership.findMany({
      where: { role: 'owner' },
      select: { user: { select: { email: true } } },
      orderBy: { createdAt: 'asc' },
    })
    const recorded = await tx.billingNotice.createMany({
      data: { workspaceId, kind: notice.kind, forDate: new Date(noticeDate(notice)), recipients: owners.length },
      skipDuplicates: true,
    })
    if (recorded.count === 0) return 0
    const mail = billingNoticeMail({
      workspaceName: workspace.name,
      notice,
      billingUrl: `${appOrigin()}${billingPath(workspace.slug)}`,
    })
    for (const { user } of owners) await queueEmail(tx, workspaceId, { to: user.email, ...mail })
    return owners.length
  })
}

/** Every due notice at `now`; one workspace failing does not stop the others. */
export async function sendBillingNotices(now = new Date()): Promise<{ workspaces: number; emails: number; failed: number }> {
  if (!billingEnabled()) return { workspaces: 0, emails: 0, failed: 0 }
  const ids = await candidates(now)
  let emails = 0
  let failed = 0
  for (const workspaceId of ids) {
    try {
      emails += await sendDueNotice(workspaceId, now)
    } catch (error) {
      failed++
      log('error', 'billing notice failed for a workspace', { workspaceId, ...errorFields(error) })
    }
  }
  return { workspaces: ids.length, emails, failed }
}
