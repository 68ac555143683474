// Computing the live checks of a workspace and storing each result with its time (the
// trust.checks job, hourly and after each publish). A page view only reads the stored results:
// verifying a long audit chain is never done for a visitor.
import { chainStatus } from '~/modules/audit/chain-status.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { backupsDailyCheck, restoresTestedCheck } from './backup-checks.server'
import { incidentClock } from '~/modules/incidents/clock'
import type { CheckId } from './checks'

/** `holdsUntil`: when a passing result stops holding by itself (the thing it rests on is too old). */
export type CheckOutcome = { passed: boolean; summary: string; detail: Record<string, unknown>; holdsUntil?: Date }

const DAY_MS = 24 * 60 * 60 * 1000
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** 2FA required, and every member has confirmed an authenticator app. */
export async function twoFactorCheck(tx: Tx, workspaceId: string): Promise<CheckOutcome> {
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { requireTwoFactor: true } })
  const members = await tx.membership.findMany({ select: { user: { select: { totp: { select: { confirmedAt: true } } } } } })
  const enrolled = members.filter((m) => m.user.totp?.confirmedAt).length
  const detail = { required: workspace.requireTwoFactor, members: members.length, enrolled }
  if (!workspace.requireTwoFactor) {
    return { passed: false, summary: 'Two-factor authentication is not required for members of this workspace.', detail }
  }
  const missing = members.length - enrolled
  return missing === 0
    ? { passed: true, summary: `Required; all ${plural(members.length, 'member')} use two-factor authentication.`, detail }
    : { passed: false, summary: `Required, but ${plural(missing, 'member')} of ${members.length} ${missing === 1 ? 'has' : 'have'} not set it up.`, detail }
}

/**
 * Requests received in the last 12 months whose deadline has come (or that were closed): how
 * many were closed (completed or rejected) by their deadline. An open request past its deadline
 * counts as late; one still within it is not counted yet. A request closed as a duplicate was
 * answered under another reference, not by itself: it is left out, and the detail says how many.
 */
export async function requestsOnTimeCheck(tx: Tx, now: Date): Promise<CheckOutcome> {
  const since = new Date(now.getTime() - 365 * DAY_MS)
  const requests = await tx.privacyRequest.findMany({
    where: { receivedAt: { gte: since } },
    select: { state: true, dueAt: true, completedAt: true, rejectedAt: true },
  })
  let counted = 0
  let onTime = 0
  let duplicatesLeftOut = 0
  for (const request of requests) {
    if (request.state === 'duplicate') {
      duplicatesLeftOut++
      continue
    }
    const closedAt = request.completedAt ?? request.rejectedAt
    if (!closedAt && (!request.dueAt || request.dueAt > now)) continue
    counted++
    if (closedAt && (!request.dueAt || closedAt <= request.dueAt)) onTime++
  }
  const detail = { counted, onTime, duplicatesLeftOut, since: since.toISOString() }
  const leftOut =
    duplicatesLeftOut === 0
      ? ''
      : duplicatesLeftOut === 1
        ? ' 1 request closed as a duplicate of another is not counted.'
        : ` ${duplicatesLeftOut} requests closed as duplicates of others are not counted.`
  if (counted === 0) return { passed: true, summary: `No privacy request has come due in the last 12 months.${leftOut}`, detail }
  const share = Math.floor((onTime / counted) * 1000) / 10
  const summary = `${onTime} of ${plural(counted, 'request')} (${share}%) answered by the deadline in the last 12 months.${leftOut}`
  return { passed: onTime === counted, summary, detail: { ...detail, share } }
}

/**
 * Incidents whose awareness falls in the last 12 months: how many were notified to the
 * authority, or recorded as not reportable (with the reason), within 72 hours of awareness. One
 * past its 72 hours without either, notified late, or recorded as not reportable only after its
 * 72 hours fails the check; one still within its 72 hours is not counted yet, and the pass holds
 * only until the earliest of their deadlines (`holdsUntil`). Counts only: the summary is public
 * and never names an incident, nor says that one is under way (that is in `detail` only).
 */
export async function breachesNotifiedCheck(tx: Tx, now: Date): Promise<CheckOutcome> {
  const since = new Date(now.getTime() - 365 * DAY_MS)
  const incidents = await tx.incident.findMany({
    where: { awareAt: { gte: since, lte: now } },
    select: { awareAt: true, authorityNotifiedAt: true, delayReason: true, notReportableAt: true },
  })
  const clocks = incidents.map((incident) => incidentClock(incident, now))
  const inTime = clocks.filter((clock) => clock.state === 'notified_in_time').length
  const notReportable = clocks.filter((clock) => clock.state === 'not_reportable' && clock.decidedAt <= clock.dueAt).length
  const notReportableLate = clocks.filter((clock) => clock.state === 'not_reportable' && clock.decidedAt > clock.dueAt).length
  const runningDue = clocks.flatMap((clock) => (clock.state === 'running' ? [clock.dueAt.getTime()] : []))
  const running = runningDue.length
  const counted = clocks.length - running
  const ok = inTime + notReportable
  const detail = { counted, notifiedInTime: inTime, notReportable, notReportableLate, stillWithin72Hours: running, since: since.toISOString() }
  // While a clock runs, the pass holds only until its deadline, even if the hourly job has not run since.
  const holdsUntil = running === 0 ? undefined : new Date(Math.min(...runningDue))
  if (counted === 0) return { passed: true, summary: 'No breach recorded in the register in the last 12 months has reached its 72-hour deadline.', detail, holdsUntil }
  const summary = `${ok} of ${plural(counted, 'breach', 'breaches')} in the last 12 months notified to the supervisory authority, or recorded as not reportable, within 72 hours.`
  return { passed: ok === counted, summary, detail, holdsUntil }
}

/**
 * The workspace's audit chain, from its verified checkpoint (decision 020): the entries added
 * since and the checkpointed entry itself, and the last walk of the whole chain. Read-only:
 * only the hourly audit.checkpoint job moves checkpoints and starts full walks, so two walks
 * of a long chain never run at once.
 */
export async function auditChainCheck(workspaceId: string): Promise<CheckOutcome> {
  const status = await chainStatus(ownerPool(), workspaceId)
  const wholeChainAt = status.lastFull?.state === 'intact' ? status.lastFull.finishedAt : null
  const detail = {
    through: status.walk.head ?? null,
    checkpoint: status.checkpoint ? { seq: status.checkpoint.seq, verifiedAt: status.checkpoint.verifiedAt } : null,
    lastFullVerification: wholeChainAt,
  }
  if (status.ok) {
    const through = status.walk.head?.seq ?? status.checkpoint?.seq ?? '0'
    const whole = wholeChainAt
      ? `the whole chain was last verified on ${wholeChainAt.toISOString().slice(0, 10)} (UTC), and newer entries are verified from there`
      : 'the whole chain has not been verified yet'
    return { passed: true, summary: `The hash chain is intact through entry ${through}; ${whole}.`, detail }
  }
  const broken = status.walk.ok ? { seq: status.lastFull?.brokenSeq, reason: status.lastFull?.brokenReason } : status.walk.firstBroken
  return {
    passed: false,
    summary: `The hash chain is broken at entry ${broken?.seq ?? '?'}.`,
    detail: { ...detail, firstBroken: broken ?? null },
  }
}

/** Compute every check of one workspace and store the results; the public page moves on. */
export async function runTrustChecks(workspaceId: string, now = new Date()): Promise<Record<CheckId, CheckOutcome>> {
  const ctx = { workspaceId, actor: { type: 'system', reason: 'trust.checks' } as const }
  // As the owner, outside the transaction below: a walk over many entries takes its time.
  const audit = await auditChainCheck(workspaceId)
  return withTenant(ctx, async (tx) => {
    const { slug } = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { slug: true } })
    const audience = slug === platformWorkspaceSlug() ? 'platform' : 'hosted'
    const outcomes: Record<CheckId, CheckOutcome> = {
      two_factor: await twoFactorCheck(tx, workspaceId),
      requests_on_time: await requestsOnTimeCheck(tx, now),
      audit_chain: audit,
      backups_daily: await backupsDailyCheck(tx, now, audience),
      restores_tested: await restoresTestedCheck(tx, now, audience),
      breaches_notified: await breachesNotifiedCheck(tx, now),
    }
    for (const [check, outcome] of Object.entries(outcomes) as [CheckId, CheckOutcome][]) {
      const key = { workspaceId_check: { workspaceId, check } }
      const fields = {
        passed: outcome.passed,
        summary: outcome.summary,
        detail: outcome.detail as object,
        checkedAt: now,
        holdsUntil: outcome.holdsUntil ?? null,
      }
      await tx.trustCheckResult.upsert({
        where: key,
        create: { workspaceId, check, ...fields, passedAt: outcome.passed ? now : null },
        update: { ...fields, ...(outcome.passed ? { passedAt: now } : {}) },
      })
    }
    await bumpTrustStamp(tx, workspaceId)
    return outcomes
  })
}

/** The public page of this workspace changed: every instance's cached copy is now old. */
export async function bumpTrustStamp(tx: Tx, workspaceId: string): Promise<void> {
  await tx.workspace.update({ where: { id: workspaceId }, data: { trustStamp: { increment: 1 } } })
}

/** Every open workspace with a published trust page (a cross-workspace read by the owner). */
export async function workspacesWithTrustPages(): Promise<string[]> {
  const { rows } = await ownerPool().query<{ id: string }>(
    `SELECT w.id FROM workspace w
      WHERE w.deleted_at IS NULL AND EXISTS (SELECT 1 FROM trust_page_version v WHERE v.workspace_id = w.id)
      ORDER BY w.id`,
  )
  return rows.map((row) => row.id)
}
