// The live checks on Candor's own backups ("taken daily", "restores tested"), read from the
// backup catalogue and the drill receipts. They describe the platform, whose backups hold every
// workspace's data: on Candor's own trust page they speak as Candor, on a page Candor hosts for
// a customer they say that it is Candor, the host, whose backups they are.
import type { Tx } from '~/modules/db/tenant.server'
import type { CheckOutcome } from './checks.server'

const HOUR_MS = 60 * 60 * 1000
/** A daily backup, with two hours of slack for a slow or retried run. */
export const BACKUP_FRESH_MS = 26 * HOUR_MS
/** A weekly drill, with a day of slack. */
export const DRILL_FRESH_MS = 8 * 24 * HOUR_MS

/** Whose page the result is shown on: Candor's own, or a workspace Candor hosts. */
export type CheckAudience = 'platform' | 'hosted'

const utcMinute = (at: Date) => `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`

/** " 2 attempts since then failed." after a success, " 2 attempts failed." before any. */
function failedNote(count: number, what: string, sinceSuccess: boolean): string {
  if (count === 0) return ''
  return ` ${count === 1 ? `1 ${what}` : `${count} ${what}s`}${sinceSuccess ? ' since then' : ''} failed.`
}

const WHOLE_DATABASE: Record<CheckAudience, string> = {
  platform: 'Candor’s whole database (every workspace’s data and the audit log)',
  hosted: 'the whole database of Candor, which hosts this trust center (this workspace’s data included)',
}

/** Passing while the newest backup that succeeded finished less than 26 hours ago. */
export async function backupsDailyCheck(tx: Tx, now: Date, audience: CheckAudience): Promise<CheckOutcome> {
  const last = await tx.backup.findFirst({
    where: { status: 'succeeded', finishedAt: { not: null } },
    orderBy: { finishedAt: 'desc' },
    select: { id: true, finishedAt: true },
  })
  const failedSince = await tx.backup.count({ where: { status: 'failed', startedAt: { gt: last?.finishedAt ?? new Date(0) } } })
  const failures = failedNote(failedSince, 'attempt', Boolean(last))
  const detail = { lastBackupId: last?.id ?? null, lastFinishedAt: last?.finishedAt ?? null, failedSince }
  if (!last?.finishedAt) {
    return { passed: false, summary: `No backup of ${WHOLE_DATABASE[audience]} has succeeded yet.${failures}`, detail }
  }
  const holdsUntil = new Date(last.finishedAt.getTime() + BACKUP_FRESH_MS)
  const when = `Last successful backup of ${WHOLE_DATABASE[audience]}: finished ${utcMinute(last.finishedAt)}`
  return now < holdsUntil
    ? { passed: true, summary: `${when}.${failures}`, detail, holdsUntil }
    : { passed: false, summary: `${when}, more than 26 hours before this check.${failures}`, detail }
}

/** Passing while a restore drill passed within the last 8 days. */
export async function restoresTestedCheck(tx: Tx, now: Date, audience: CheckAudience): Promise<CheckOutcome> {
  const last = await tx.backupDrill.findFirst({
    where: { status: 'passed', finishedAt: { not: null } },
    orderBy: { finishedAt: 'desc' },
    select: { id: true, backupId: true, finishedAt: true, rows: true, chainsVerified: true },
  })
  const failedSince = await tx.backupDrill.count({ where: { status: 'failed', startedAt: { gt: last?.finishedAt ?? new Date(0) } } })
  const failures = failedNote(failedSince, 'drill', Boolean(last))
  const who = audience === 'platform' ? 'Candor' : 'Candor, which hosts this trust center,'
  const detail = { lastDrillId: last?.id ?? null, backupId: last?.backupId ?? null, lastPassedAt: last?.finishedAt ?? null, failedSince }
  if (!last?.finishedAt) {
    return { passed: false, summary: `${who} has not passed a restore drill yet.${failures}`, detail }
  }
  const holdsUntil = new Date(last.finishedAt.getTime() + DRILL_FRESH_MS)
  const checked =
    last.rows !== null && last.chainsVerified !== null
      ? ` (${Number(last.rows).toLocaleString('en-GB')} rows, ${last.chainsVerified} audit chains)`
      : ''
  return now < holdsUntil
    ? {
        passed: true,
        summary: `${who} last restored a backup into a scratch database and checked it${checked}: the drill passed ${utcMinute(last.finishedAt)}.${failures}`,
        detail,
        holdsUntil,
      }
    : { passed: false, summary: `${who} last passed a restore drill ${utcMinute(last.finishedAt)}, more than 8 days before this check.${failures}`, detail }
}
