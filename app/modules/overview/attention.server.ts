// What needs a member on the Overview, each part computed from the workspace as it is now and
// only where the member's role may see it: privacy requests overdue or due within 7 days (theirs
// and everyone's, counted with the queue's own filters so the link lists exactly those), exports
// waiting for review, live checks that are failing or no longer verified, trust-document access
// requests waiting for a decision, and open vulnerability reports with their clocks.
import type { Role } from '~/modules/auth/permissions'
import { can } from '~/modules/auth/permissions'
import { type TenantContext, type Tx, withTenant } from '~/modules/db/tenant.server'
import type { TimerBadge } from '~/modules/disclosure/deadlines'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { reportInbox } from '~/modules/disclosure/inbox.server'
import { type InboxFilters, RECEIVED_STATES, inboxSearch, localDate } from '~/modules/dsar/inbox.server'
import { CLOSED_STATES, REQUEST_TYPES } from '~/modules/dsar/request-kinds'
import { countUnreadReplies } from '~/modules/dsar/request-reads.server'
import { CHECKS, type CheckId, STATE_LABELS, checkFixHref, checkState } from '~/modules/trust/checks'

/** Lists on the Overview show this many items; the count says how many there are in all. */
export const LISTED = 5
/** "Due this week": the queue's "due within 7 days" filter, overdue ones included. */
export const DUE_WITHIN_DAYS = 7

const DAY_MS = 86_400_000
const OPEN_STATES = RECEIVED_STATES.filter((state) => !CLOSED_STATES.includes(state))

type Count = { count: number; href: string }
export type DeadlineCounts = {
  overdue: { mine: Count | null; everyone: Count }
  dueSoon: { mine: Count | null; everyone: Count }
}

export type Attention = {
  requests: DeadlineCounts | null
  exports: { count: number; items: { reference: string; type: string; assembled: string; href: string }[] } | null
  /** Open requests whose requester wrote since this member last opened them. */
  unread: { mine: Count | null; everyone: Count } | null
  checks: { ran: boolean; items: { label: string; state: string; detail: string; href: string }[] } | null
  documentRequests: {
    count: number
    href: string
    items: { company: string; document: string; since: string; waitingDays: number }[]
  } | null
  reports: {
    count: number
    items: { reference: string; surface: string; severity: string; timer: TimerBadge | null; timerOf: string; href: string }[]
  } | null
}

async function deadlineCounts(tx: Tx, base: string, { userId, mayWork, now }: { userId: string; mayWork: boolean; now: Date }) {
  const dueBefore = new Date(now.getTime() + DUE_WITHIN_DAYS * DAY_MS)
  // The queue's filters in one pass (index on workspace, state, due date): "overdue" is due at
  // or before now, "due within 7 days" before now + 7 days (inboxWhere); the integration test
  // holds each count against the queue's own total for the same link.
  const [counts] = await tx.$queryRaw<{ overdue: number; overdue_mine: number; due_soon: number; due_soon_mine: number }[]>`
    SELECT count(*) FILTER (WHERE due_at <= ${now})::int AS overdue,
           count(*) FILTER (WHERE due_at <= ${now} AND assignee_id = ${userId}::uuid)::int AS overdue_mine,
           count(*)::int AS due_soon,
           count(*) FILTER (WHERE assignee_id = ${userId}::uuid)::int AS due_soon_mine
      FROM privacy_request
     WHERE state = ANY(${OPEN_STATES}::request_state[]) AND due_at < ${dueBefore}`
  const link = (filters: InboxFilters) => `${base}/requests${inboxSearch(filters, 1)}`
  const overdue: InboxFilters = { state: 'open', overdue: true }
  const dueSoon: InboxFilters = { state: 'open', dueWithin: DUE_WITHIN_DAYS }
  // Only members who work requests can be assigned one: "mine" means nothing to a viewer.
  const mine = (count: number, filters: InboxFilters) => (mayWork ? { count, href: link({ ...filters, assignee: 'me' }) } : null)
  return {
    overdue: { mine: mine(counts!.overdue_mine, overdue), everyone: { count: counts!.overdue, href: link(overdue) } },
    dueSoon: { mine: mine(counts!.due_soon_mine, dueSoon), everyone: { count: counts!.due_soon, href: link(dueSoon) } },
  }
}

async function exportsWaiting(tx: Tx, base: string, timeZone: string) {
  const where = { releasedAt: null, deletedAt: null, request: { state: { notIn: [...CLOSED_STATES] } } }
  const [count, waiting] = await Promise.all([
    tx.requestExport.count({ where }),
    tx.requestExport.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: LISTED,
      select: { createdAt: true, request: { select: { reference: true, type: true } } },
    }),
  ])
  return {
    count,
    items: waiting.map(({ createdAt, request }) => ({
      reference: request.reference,
      type: REQUEST_TYPES[request.type].label,
      assembled: localDate(createdAt, timeZone),
      href: `${base}/requests/${request.reference}#export`,
    })),
  }
}

async function unreadReplies(tx: Tx, base: string, { userId, mayWork }: { userId: string; mayWork: boolean }) {
  const { mine, team } = await countUnreadReplies(tx, userId)
  const link = (filters: InboxFilters) => `${base}/requests${inboxSearch(filters, 1)}`
  return {
    mine: mayWork ? { count: mine, href: link({ state: 'open', unread: true, assignee: 'me' }) } : null,
    everyone: { count: team, href: link({ state: 'open', unread: true }) },
  }
}

/**
 * Checks whose stored result is failing, or too old to say anything (never shown as passing).
 * Checks on Candor's own backups are work only for the platform's workspace: nobody else can act.
 */
async function checksNeedingWork(tx: Tx, base: string, now: Date, isPlatform: boolean) {
  const results = await tx.trustCheckResult.findMany({ orderBy: { check: 'asc' } })
  const items = results.flatMap((result) => {
    const state = checkState(result, now)
    const check = CHECKS[result.check as CheckId]
    if (!check || (state !== 'failing' && state !== 'stale')) return []
    if (check.covers === 'platform' && !isPlatform) return []
    const at = result.checkedAt.toISOString().slice(0, 10)
    // A result that lapsed at its holds_until is stale for the same reason: no run since then.
    const detail =
      state === 'failing' ? `${result.summary} (checked ${at}, UTC)` : `The last result is from ${at} (UTC): the hourly check has not run since.`
    return [{ label: check.label, state: STATE_LABELS[state], detail, href: checkFixHref(base, result.check as CheckId) }]
  })
  return { ran: results.length > 0, items }
}

async function documentRequestsWaiting(tx: Tx, base: string, timeZone: string, now: Date) {
  const where = { state: 'pending' as const }
  const [count, waiting] = await Promise.all([
    tx.trustDocumentRequest.count({ where }),
    tx.trustDocumentRequest.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: LISTED,
      select: { company: true, createdAt: true, document: { select: { title: true } } },
    }),
  ])
  return {
    count,
    href: `${base}/documents#requests`,
    items: waiting.map((request) => ({
      company: request.company,
      document: request.document.title,
      since: localDate(request.createdAt, timeZone),
      waitingDays: Math.floor((now.getTime() - request.createdAt.getTime()) / DAY_MS),
    })),
  }
}

async function openReports(tx: Tx, base: string, now: Date) {
  const { rows } = await reportInbox(tx, 'open', now)
  return {
    count: rows.length,
    items: rows.slice(0, LISTED).map((row) => ({
      reference: row.reference,
      surface: row.affectedSurface,
      severity: row.severity,
      // The clock that comes next: the acknowledgement while unanswered, else the disclosure.
      timer: row.acknowledgement ?? row.disclosure,
      timerOf: row.acknowledgement ? 'Acknowledgement' : 'Disclosure',
      href: `${base}/security/${row.id}`,
    })),
  }
}

/**
 * Everything on the Overview's "needs you" list that `role` may see, as it stands at `now`. The
 * parts are independent: each reads in its own short tenant transaction, side by side, so the
 * page waits for the slowest part rather than for their sum.
 */
export async function attentionFor(
  tenant: TenantContext,
  { slug, role, userId, timeZone, now }: { slug: string; role: Role; userId: string; timeZone: string; now: Date },
): Promise<Attention> {
  const base = `/w/${slug}`
  const mayView = can(role, 'requests.view')
  const read = <T>(allowed: boolean, part: (tx: Tx) => Promise<T>) => (allowed ? withTenant(tenant, part) : Promise.resolve(null))
  const mayWork = can(role, 'requests.work')
  const [requests, exports, unread, checks, documentRequests, reports] = await Promise.all([
    read(mayView, (tx) => deadlineCounts(tx, base, { userId, mayWork, now })),
    read(mayView, (tx) => exportsWaiting(tx, base, timeZone)),
    read(mayView, (tx) => unreadReplies(tx, base, { userId, mayWork })),
    read(can(role, 'trust.edit'), (tx) => checksNeedingWork(tx, base, now, slug === platformWorkspaceSlug())),
    read(can(role, 'trust.documents'), (tx) => documentRequestsWaiting(tx, base, timeZone, now)),
    read(can(role, 'security.reports'), (tx) => openReports(tx, base, now)),
  ])
  return { requests, exports, unread, checks, documentRequests, reports }
}
