// digest.send (every 15 minutes, decision 030): each member's weekly digest of each workspace,
// on Monday from 08:00 in their time zone (theirs, else the workspace's) until the end of their
// Monday. One set-based read finds who is due; then one transaction per workspace reads the
// workspace's figures once, decides each member's digest, claims it (digest_sent, unique per
// workspace, member and ISO week) and queues the e-mails, so a retry or a second worker sends
// nothing twice and a job killed before its commit loses nothing.
import { randomBytes, randomUUID } from 'node:crypto'
import { chainBadge } from '~/modules/audit/chain-badge'
import { chainStatusInTransaction } from '~/modules/audit/verify-in-transaction.server'
import { appOrigin } from '~/modules/config/env.server'
import { sha256Hex } from '~/modules/crypto/sha256'
import { ownerPool } from '~/modules/db/owner.server'
import { type Tx, withPlatform, withTenant } from '~/modules/db/tenant.server'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { CLOSED_REPORT_STATES } from '~/modules/disclosure/report-form'
import { OPEN_STATES } from '~/modules/dsar/inbox.server'
import { queueBulkEmails } from '~/modules/email/email.server'
import { openIncidentClocks } from '~/modules/incidents/register.server'
import { incidentsHere } from '~/modules/platform-incidents/dashboard.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { isOperator } from '~/modules/ops/operators.server'
import { backupsDailyCheck, restoresTestedCheck } from '~/modules/trust/backup-checks.server'
import type { ChangeKind } from '~/modules/trust/subprocessor-text'
import { type PlatformFigures, type WorkspaceFigures, type ZoneFigures, LISTED, digestSections } from './digest-sections'
import { digestMail } from './digest-mail'
import { digestUnsubscribeUrl } from './digest-links.server'
import { KINDS } from './kinds'
import { membersToTell } from './recipients.server'

const actor = { type: 'system', reason: 'weekly digest' } as const

/** A member whose digest of a workspace is due now: their time zone and their ISO week there. */
export type DueDigest = { workspaceId: string; userId: string; timeZone: string; isoWeek: string }

/** The local hour of Monday from which a digest goes out. */
export const DIGEST_HOUR = 8
/** How many workspaces are worked at once (each in its own transaction). */
const WORKSPACES_AT_ONCE = 4
/** A walk of the audit chain in the digest's transaction verifies at most this many new entries. */
const AUDIT_WALK_LIMIT = 2_000

/**
 * Who is due a digest at `now`, across workspaces (the owner's read; decision 030): members of an
 * open workspace for whom it is Monday, 08:00 or later, in their time zone, without a digest
 * row for that ISO week, and who would get the kind by their role and choice. A time zone that
 * PostgreSQL does not know falls back to the workspace's, then UTC. Where a DST jump skips
 * 08:00, the first run after the jump finds the member due, since their local time is past 08:00.
 */
export async function dueDigests(now: Date): Promise<DueDigest[]> {
  const { audience, onByDefault } = KINDS.weekly_digest
  const { rows } = await ownerPool().query<DueDigest>(
    `WITH zones AS (SELECT name FROM pg_timezone_names),
          members AS (
            SELECT m.workspace_id, m.user_id, COALESCE(uz.name, wz.name, 'UTC') AS zone
              FROM membership m
              JOIN workspace w ON w.id = m.workspace_id AND w.deleted_at IS NULL
              JOIN "user" u ON u.id = m.user_id
              LEFT JOIN zones uz ON uz.name = u.time_zone
              LEFT JOIN zones wz ON wz.name = w.time_zone
              LEFT JOIN notification_preference p
                     ON p.workspace_id = m.workspace_id AND p.user_id = m.user_id AND p.kind = 'weekly_digest'
             WHERE m.role::text = ANY($2::text[])
               AND COALESCE(p.enabled, m.role::text = ANY($3::text[]))),
          local AS (SELECT *, $1::timestamptz AT TIME ZONE zone AS local_now FROM members),
          due AS (SELECT *, to_char(local_now, 'IYYY-"W"IW') AS iso_week FROM local
                   WHERE extract(isodow FROM local_now) = 1 AND extract(hour FROM local_now) >= $4)
     SELECT workspace_id AS "workspaceId", user_id AS "userId", zone AS "timeZone", iso_week AS "isoWeek" FROM due
      WHERE NOT EXISTS (SELECT 1 FROM digest_sent d
                         WHERE d.workspace_id = due.workspace_id AND d.user_id = due.user_id AND d.iso_week = due.iso_week)
      ORDER BY workspace_id, user_id`,
    [now, [...audience], [...onByDefault], DIGEST_HOUR],
  )
  return rows
}

type FiguresRow = {
  overdue: number
  overdue_items: { reference: string; dueAt: string }[]
  due_items: { reference: string; dueAt: string }[]
  documents_waiting: number
  documents_oldest: Date | null
  reports_open: number
  reports_late: number
  report_items: { reference: string; severity: string; acknowledged: boolean; nextDeadline: string }[]
  changes: { kind: ChangeKind; name: string; effectiveOn: string; objections: number }[]
}

type ZoneRow = { zone: string; last_week_start: Date; week_start: Date; next_week_start: Date; received: number; completed: number; rejected: number; due_this_week: number }

/**
 * The workspace's figures at `now`, read once in `tx` for every member: one query for the counts
 * and lists, one for the privacy requests of each member's week (per time zone), and a walk of
 * the audit chain from its last checkpoint.
 */
export async function workspaceFigures(tx: Tx, workspace: WorkspaceFigures['workspace'], timeZones: string[], now: Date): Promise<WorkspaceFigures> {
  const open = OPEN_STATES
  const [figures] = await tx.$queryRaw<FiguresRow[]>`
    SELECT
      (SELECT count(*)::int FROM privacy_request WHERE state = ANY(${open}::request_state[]) AND due_at <= ${now}) AS overdue,
      (SELECT COALESCE(json_agg(json_build_object('reference', reference, 'dueAt', due_at) ORDER BY due_at), '[]') FROM (
         SELECT reference, due_at FROM privacy_request WHERE state = ANY(${open}::request_state[]) AND due_at <= ${now}
          ORDER BY due_at LIMIT ${LISTED}) o) AS overdue_items,
      (SELECT COALESCE(json_agg(json_build_object('reference', reference, 'dueAt', due_at) ORDER BY due_at), '[]') FROM (
         SELECT reference, due_at FROM privacy_request WHERE state = ANY(${open}::request_state[]) AND due_at > ${now}
          ORDER BY due_at LIMIT ${LISTED}) d) AS due_items,
      (SELECT count(*)::int FROM trust_document_request WHERE state = 'pending') AS documents_waiting,
      (SELECT min(created_at) FROM trust_document_request WHERE state = 'pending') AS documents_oldest,
      (SELECT count(*)::int FROM vulnerability_report WHERE state <> ALL(${CLOSED_REPORT_STATES}::vulnerability_report_state[])) AS reports_open,
      (SELECT count(*)::int FROM vulnerability_report WHERE state <> ALL(${CLOSED_REPORT_STATES}::vulnerability_report_state[])
          AND acknowledged_at IS NULL AND acknowledge_by <= ${now}) AS reports_late,
      (SELECT COALESCE(json_agg(json_build_object('reference', reference, 'severity', severity, 'acknowledged', acknowledged, 'nextDeadline', next_deadline)
                       ORDER BY next_deadline), '[]') FROM (
         SELECT reference, severity, acknowledged_at IS NOT NULL AS acknowledged,
                CASE WHEN acknowledged_at IS NULL THEN acknowledge_by ELSE disclosure_due_at END AS next_deadline
           FROM vulnerability_report WHERE state <> ALL(${CLOSED_REPORT_STATES}::vulnerability_report_state[])
          ORDER BY next_deadline LIMIT ${LISTED}) r) AS report_items,
      (SELECT COALESCE(json_agg(json_build_object('kind', kind, 'name', name, 'effectiveOn', effective_on, 'objections', objections)
                       ORDER BY effective_on, created_at), '[]') FROM (
         SELECT c.kind, c.name, c.effective_on, c.created_at,
                (SELECT count(*) FROM subprocessor_objection o WHERE o.change_id = c.id)::int AS objections
           FROM subprocessor_change c WHERE c.state = 'announced') s) AS changes`
  // Each member's weeks start on Monday 00:00 where they are (date_trunc('week') is ISO's Monday).
  const zones = await tx.$queryRaw<ZoneRow[]>`
    SELECT b.zone, b.last_week_start, b.week_start, b.next_week_start,
           (SELECT count(*)::int FROM privacy_request WHERE received_at >= b.last_week_start AND received_at < b.week_start) AS received,
           (SELECT count(*)::int FROM privacy_request WHERE completed_at >= b.last_week_start AND completed_at < b.week_start) AS completed,
           (SELECT count(*)::int FROM privacy_request WHERE rejected_at >= b.last_week_start AND rejected_at < b.week_start) AS rejected,
           (SELECT count(*)::int FROM privacy_request WHERE state = ANY(${open}::request_state[])
               AND due_at > ${now} AND due_at < b.next_week_start) AS due_this_week
      FROM (SELECT zone,
                   (monday - interval '7 days') AT TIME ZONE zone AS last_week_start,
                   monday AT TIME ZONE zone AS week_start,
                   (monday + interval '7 days') AT TIME ZONE zone AS next_week_start
              FROM (SELECT zone, date_trunc('week', ${now}::timestamptz AT TIME ZONE zone) AS monday
                      FROM unnest(${timeZones}::text[]) AS z(zone)) m) b`
  const status = await chainStatusInTransaction(tx, workspace.id, { limit: AUDIT_WALK_LIMIT })
  const incidents = await openIncidentClocks(tx, now)
  const serviceIncidents = (await incidentsHere(tx, now)).filter((incident) => incident.status !== 'resolved')
  const row = figures!
  const dated = (items: { reference: string; dueAt: string }[]) => items.map((item) => ({ reference: item.reference, dueAt: new Date(item.dueAt) }))
  return {
    workspace,
    requests: {
      overdue: row.overdue,
      overdueItems: dated(row.overdue_items),
      dueItems: dated(row.due_items),
      byZone: new Map(
        zones.map((zone): [string, ZoneFigures] => [
          zone.zone,
          {
            lastWeekStart: zone.last_week_start,
            weekStart: zone.week_start,
            nextWeekStart: zone.next_week_start,
            received: zone.received,
            completed: zone.completed,
            rejected: zone.rejected,
            dueThisWeek: zone.due_this_week,
          },
        ]),
      ),
    },
    subprocessorChanges: row.changes,
    documentRequests: { waiting: row.documents_waiting, oldestAt: row.documents_oldest },
    reports: {
      open: row.reports_open,
      acknowledgementLate: row.reports_late,
      items: row.report_items.map((item) => ({ ...item, nextDeadline: new Date(item.nextDeadline) })),
    },
    audit: chainBadge(status),
    incidents,
    serviceIncidents,
  }
}

/** The platform's backup checks at `now`, from the catalogue (read once per run). */
export async function platformFigures(now: Date): Promise<PlatformFigures> {
  return withPlatform(async (tx) => {
    const backups = await backupsDailyCheck(tx, now, 'platform')
    const drills = await restoresTestedCheck(tx, now, 'platform')
    return { backups: { passed: backups.passed, summary: backups.summary }, drills: { passed: drills.passed, summary: drills.summary } }
  })
}

const newToken = () => randomBytes(32).toString('base64url')

type Decided = { due: DueDigest; email: string; mail: ReturnType<typeof digestMail> | null; token: string | null; unsubscribeUrl: string | null }

/**
 * One workspace's due digests at `now`, in one transaction: the members to tell now (a member
 * removed or who turned the digest off is not among them), the figures once, a claim per
 * member, then the e-mails of the claims this call won. The number of digests queued.
 */
export async function sendWorkspaceDigests(workspaceId: string, due: DueDigest[], now: Date, platform: () => Promise<PlatformFigures>): Promise<number> {
  return withTenant({ workspaceId, actor }, async (tx) => {
    const workspace = await tx.workspace.findFirst({ where: { deletedAt: null }, select: { id: true, slug: true, name: true, timeZone: true } })
    if (!workspace) return 0
    const dueByUser = new Map(due.map((digest) => [digest.userId, digest]))
    const recipients = await membersToTell(tx, 'weekly_digest', { only: [...dueByUser.keys()] })
    if (recipients.length === 0) return 0
    const zones = [...new Set(recipients.map((recipient) => dueByUser.get(recipient.userId)!.timeZone))]
    const figures = await workspaceFigures(tx, workspace, zones, now)
    const isPlatform = workspace.slug === platformWorkspaceSlug()
    const operators = isPlatform && recipients.some((recipient) => isOperator(recipient.email))
    const platformNow = operators ? await platform() : null
    const dashboardUrl = `${appOrigin()}/w/${workspace.slug}`
    const decided: Decided[] = recipients.map((recipient) => {
      const digest = dueByUser.get(recipient.userId)!
      const sections = digestSections({
        figures,
        platform: platformNow,
        reader: { role: recipient.role, timeZone: digest.timeZone, isOperator: isOperator(recipient.email) },
        now,
        dashboardUrl,
      })
      if (!sections) return { due: digest, email: recipient.email, mail: null, token: null, unsubscribeUrl: null }
      const token = newToken()
      const unsubscribeUrl = digestUnsubscribeUrl(workspace.slug, token)
      const mail = digestMail({
        workspaceName: workspace.name,
        sections,
        now,
        timeZone: digest.timeZone,
        unsubscribeUrl,
        preferencesUrl: `${appOrigin()}/account/notifications`,
      })
      return { due: digest, email: recipient.email, mail, token, unsubscribeUrl }
    })
    // The claims, in one statement: a row already there (another worker's, or this week's
    // earlier run) wins, and this call sends nothing for that member.
    const claimed = await tx.$queryRaw<{ user_id: string }[]>`
      INSERT INTO digest_sent (id, workspace_id, user_id, iso_week, time_zone, emailed, unsubscribe_token_hash)
      SELECT id, ${workspaceId}::uuid, user_id, iso_week, time_zone, token_hash IS NOT NULL, token_hash
        FROM unnest(${decided.map(() => randomUUID())}::uuid[], ${decided.map((d) => d.due.userId)}::uuid[],
                    ${decided.map((d) => d.due.isoWeek)}::text[], ${decided.map((d) => d.due.timeZone)}::text[],
                    ${decided.map((d) => (d.token ? sha256Hex(d.token) : null))}::text[])
             AS claim(id, user_id, iso_week, time_zone, token_hash)
      ON CONFLICT ON CONSTRAINT digest_sent_once DO NOTHING
      RETURNING user_id`
    const won = new Set(claimed.map((row) => row.user_id))
    const mails = decided.flatMap(({ due: digest, email, mail, unsubscribeUrl }) => {
      if (!mail || !unsubscribeUrl || !won.has(digest.userId)) return []
      return [{ to: email, ...mail, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }]
    })
    const { messageIds } = await queueBulkEmails(tx, workspaceId, mails)
    return messageIds.length
  })
}

/** Every digest due at `now`; one workspace failing does not stop the others. */
export async function sendWeeklyDigests(now = new Date()): Promise<{ workspaces: number; digests: number; failed: number }> {
  const due = await dueDigests(now)
  const byWorkspace = new Map<string, DueDigest[]>()
  for (const digest of due) {
    const members = byWorkspace.get(digest.workspaceId)
    if (members) members.push(digest)
    else byWorkspace.set(digest.workspaceId, [digest])
  }
  let platform: Promise<PlatformFigures> | null = null
  const platformOnce = () => (platform ??= platformFigures(now))
  const workspaces = [...byWorkspace.entries()]
  let digests = 0
  let failed = 0
  const work = async () => {
    for (let next = workspaces.shift(); next; next = workspaces.shift()) {
      const [workspaceId, members] = next
      try {
        digests += await sendWorkspaceDigests(workspaceId, members, now, platformOnce)
      } catch (error) {
        failed++
        log('error', 'weekly digest failed for a workspace', { workspaceId, ...errorFields(error) })
      }
    }
  }
  await Promise.all(Array.from({ length: WORKSPACES_AT_ONCE }, work))
  return { workspaces: byWorkspace.size, digests, failed }
}
