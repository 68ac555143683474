// Reading the incident register: the list with each clock, one incident with its timeline, the
// open incidents' clocks (for the weekly digest), and the CSV register for the supervisory
// authority (recorded in the audit log).
import { z } from 'zod'
import { recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { csvRecord } from '~/modules/formats/csv'
import { PERMISSIONS } from '~/modules/auth/permissions'
import { type ClockState, incidentClock } from './clock'
import { BREACH_TYPES, type BreachType, RISKS, type Risk, SUBJECT_DECISIONS, type SubjectDecision } from './forms'

export const LIST_LIMIT = 200

export const listQuery = z.object({
  status: z.enum(['open', 'closed', 'all'], 'Choose open, closed or every incident.').default('open'),
})
export type ListStatus = z.output<typeof listQuery>['status']

/** The incidents of `status`, the newest awareness first, each with its clock at `now`. */
export async function incidentList(tx: Tx, status: ListStatus, now: Date) {
  const where = status === 'all' ? {} : { status }
  const [rows, total] = await Promise.all([
    tx.incident.findMany({
      where,
      orderBy: [{ awareAt: 'desc' }, { reference: 'desc' }],
      take: LIST_LIMIT,
      select: {
        id: true,
        reference: true,
        title: true,
        severity: true,
        status: true,
        awareAt: true,
        authorityNotifiedAt: true,
        delayReason: true,
        notReportableAt: true,
        owner: { select: { email: true, name: true } },
      },
    }),
    tx.incident.count({ where }),
  ])
  return { rows: rows.map((row) => ({ ...row, clock: incidentClock(row, now) })), total }
}

export async function incidentDetail(tx: Tx, incidentId: string) {
  return tx.incident.findUnique({
    where: { id: incidentId },
    include: {
      owner: { select: { id: true, email: true, name: true } },
      createdBy: { select: { email: true } },
      events: { orderBy: { createdAt: 'asc' }, include: { actor: { select: { email: true } } } },
    },
  })
}

/** The members who may own an incident (those who can record its notification: owners and admins), oldest member first. */
export async function possibleOwners(tx: Tx) {
  const members = await tx.membership.findMany({
    where: { role: { in: [...PERMISSIONS['incidents.manage']] } },
    select: { user: { select: { id: true, email: true, name: true } } }, orderBy: { createdAt: 'asc' } })
  return members.map(({ user }) => ({ value: user.id, label: user.name ? `${user.name} (${user.email})` : user.email }))
}

export type OpenIncidentClock = { id: string; reference: string; title: string; severity: string; clock: ClockState; dueAt: Date }

/**
 * Every open incident of the transaction's workspace with its clock at `now`: those whose clock
 * runs or is overdue first, the earliest due first; then the others (clock stopped), by awareness.
 */
export async function openIncidentClocks(tx: Tx, now: Date): Promise<OpenIncidentClock[]> {
  const open = await tx.incident.findMany({
    where: { status: 'open' },
    orderBy: [{ awareAt: 'asc' }, { reference: 'asc' }],
    select: { id: true, reference: true, title: true, severity: true, awareAt: true, authorityNotifiedAt: true, delayReason: true, notReportableAt: true },
  })
  const clocks = open.map((incident) => {
    const clock = incidentClock(incident, now)
    return { id: incident.id, reference: incident.reference, title: incident.title, severity: incident.severity, clock, dueAt: clock.dueAt }
  })
  const ticking = (c: OpenIncidentClock) => c.clock.state === 'running' || c.clock.state === 'overdue'
  // Stable sort: the others keep the query's order (awareness, then reference).
  return [...clocks.filter(ticking).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()), ...clocks.filter((c) => !ticking(c))]
}

const iso = (at: Date | null) => (at ? at.toISOString() : '')
const count = (n: number | null) => (n === null ? '' : String(n))

const COLUMNS = [
  'reference', 'title', 'status', 'severity', 'owner', 'occurred_from', 'occurred_to', 'detected_at', 'aware_at', 'notification_due_at',
  'reported_by', 'types', 'cause', 'data_systems', 'data_categories', 'special_categories', 'people_affected', 'records_affected',
  'locations', 'likely_consequences', 'risk', 'risk_reasoning', 'measures_taken', 'measures_planned', 'authority', 'authority_notified_at',
  'authority_reference', 'notified_within_72h', 'delay_reason', 'authority_updates', 'not_reportable_at', 'not_reportable_reason',
  'people_affected_decision', 'people_affected_told_at', 'people_affected_how', 'controllers_told', 'controllers_told_at',
  'lessons_learned', 'closed_at', 'recorded_at',
] as const

/**
 * Every incident of the member's workspace with its facts and notification fields (times in UTC,
 * ISO 8601), CSV-safe against formula injection; the export itself is recorded in the audit log.
 */
export async function exportIncidentRegister(member: Member, origin: RequestOrigin): Promise<string> {
  return withTenant(member.tenant, async (tx) => {
    const incidents = await tx.incident.findMany({
      orderBy: [{ awareAt: 'asc' }, { reference: 'asc' }],
      include: { owner: { select: { email: true } }, events: { where: { kind: 'authority_update' }, orderBy: { at: 'asc' } } },
    })
    let csv = csvRecord(COLUMNS)
    for (const incident of incidents) {
      const clock = incidentClock(incident, new Date())
      csv += csvRecord([
        incident.reference,
        incident.title,
        incident.status,
        incident.severity,
        incident.owner?.email ?? '',
        iso(incident.occurredFrom),
        iso(incident.occurredTo),
        iso(incident.detectedAt),
        iso(incident.awareAt),
        iso(clock.dueAt),
        incident.reportedBy,
        incident.breachTypes.map((type) => BREACH_TYPES[type as BreachType]?.split(' (')[0] ?? type).join('; '),
        incident.cause,
        incident.dataSystems,
        incident.dataCategories,
        incident.specialCategories ? 'yes' : 'no',
        count(incident.peopleAffected),
        count(incident.recordsAffected),
        incident.locations,
        incident.consequences,
        incident.risk ? RISKS[incident.risk as Risk] : 'not assessed',
        incident.riskReasoning,
        incident.measuresTaken,
        incident.measuresPlanned,
        incident.authorityName ?? '',
        iso(incident.authorityNotifiedAt),
        incident.authorityReference,
        clock.state === 'notified_in_time' ? 'yes' : clock.state === 'notified_late' ? 'no' : '',
        incident.delayReason,
        incident.events.map((event) => `${iso(event.at)}: ${event.body}`).join('\n'),
        iso(incident.notReportableAt),
        incident.notReportableReason,
        SUBJECT_DECISIONS[incident.subjectsDecision as SubjectDecision] ?? incident.subjectsDecision,
        iso(incident.subjectsToldAt),
        incident.subjectsHow,
        incident.controllersTold,
        iso(incident.controllersToldAt),
        incident.lessonsLearned,
        iso(incident.closedAt),
        iso(incident.createdAt),
      ])
    }
    await recordAudit(tx, { ...member.tenant, origin }, { action: 'incident.export', after: { incidents: incidents.length, format: 'csv' } })
    return csv
  })
}
