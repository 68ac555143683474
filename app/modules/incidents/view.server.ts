// What the incident pages show, computed from the incident and `now`: every clock and label is
// true at the moment the page was built.
import { utcInstant } from '~/modules/formats/utc-instant'
import type { Tx } from '~/modules/db/tenant.server'
import { clockBadge, incidentClock } from './clock'
import { clockSentence } from './incident-mail'
import {
  BREACH_TYPES,
  type BreachType,
  RISKS,
  type Risk,
  SEVERITIES,
  type Severity,
  SUBJECT_DECISIONS,
  type SubjectDecision,
  toFormDateTime,
} from './forms'
import { type ListStatus, incidentDetail, incidentList, possibleOwners } from './register.server'

const EVENT_KINDS: Record<string, string> = {
  record: 'Incident recorded',
  facts_change: 'Facts changed',
  assessment_change: 'Risk assessment and measures changed',
  authority_notify: 'Supervisory authority notified',
  authority_change: 'Notification to the authority changed',
  authority_update: 'Update sent to the authority',
  not_reportable: 'Recorded as not reportable',
  subjects_decision: 'Decision on telling the people affected',
  controllers_told: 'Controllers or customers told',
  note: 'Note',
  close: 'Incident closed',
}

const when = (at: Date | null) => (at ? utcInstant(at) : null)
const personOf = (user: { email: string; name: string | null } | null) => (user ? (user.name ? `${user.name} (${user.email})` : user.email) : 'Nobody (the owner left the workspace)')

export async function incidentListView(tx: Tx, status: ListStatus, now: Date) {
  const { rows, total } = await incidentList(tx, status, now)
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      title: row.title,
      severity: row.severity,
      closed: row.status === 'closed',
      aware: utcInstant(row.awareAt),
      owner: personOf(row.owner),
      clock: clockBadge(row.clock),
    })),
  }
}

export type IncidentView = NonNullable<Awaited<ReturnType<typeof incidentView>>>

export async function incidentView(tx: Tx, incidentId: string, now: Date) {
  const incident = await incidentDetail(tx, incidentId)
  if (!incident) return null
  const clock = incidentClock(incident, now)
  const updates = incident.events.filter((event) => event.kind === 'authority_update')
  return {
    id: incident.id,
    reference: incident.reference,
    title: incident.title,
    closed: incident.status === 'closed',
    severity: SEVERITIES[incident.severity as Severity] ?? incident.severity,
    clock: { badge: clockBadge(clock), sentence: clockSentence(clock, 'when this page was loaded'), due: utcInstant(clock.dueAt), state: clock.state },
    facts: {
      owner: personOf(incident.owner),
      occurred: incident.occurredFrom
        ? `${utcInstant(incident.occurredFrom)} – ${incident.occurredTo ? utcInstant(incident.occurredTo) : 'not known to have ended'}`
        : 'Not known',
      detected: utcInstant(incident.detectedAt),
      aware: utcInstant(incident.awareAt),
      reportedBy: incident.reportedBy,
      types: incident.breachTypes.map((type) => BREACH_TYPES[type as BreachType] ?? type),
      cause: incident.cause,
      dataSystems: incident.dataSystems,
      dataCategories: incident.dataCategories,
      specialCategories: incident.specialCategories,
      people: incident.peopleAffected === null ? 'Not known yet' : `About ${incident.peopleAffected.toLocaleString('en')}`,
      records: incident.recordsAffected === null ? 'Not known yet' : `About ${incident.recordsAffected.toLocaleString('en')}`,
      locations: incident.locations,
      consequences: incident.consequences,
    },
    assessment: {
      risk: incident.risk ? RISKS[incident.risk as Risk] : null,
      riskReasoning: incident.riskReasoning,
      measuresTaken: incident.measuresTaken,
      measuresPlanned: incident.measuresPlanned,
    },
    authority: incident.authorityNotifiedAt
      ? {
          name: incident.authorityName ?? '',
          notifiedAt: utcInstant(incident.authorityNotifiedAt),
          reference: incident.authorityReference,
          delayReason: incident.delayReason,
        }
      : null,
    updates: updates.map((event) => ({ id: event.id, at: when(event.at) ?? '', body: event.body, who: event.actor?.email ?? 'A former member' })),
    notReportable: incident.notReportableAt ? { at: utcInstant(incident.notReportableAt), reason: incident.notReportableReason } : null,
    subjects: {
      decision: SUBJECT_DECISIONS[incident.subjectsDecision as SubjectDecision] ?? incident.subjectsDecision,
      toldAt: when(incident.subjectsToldAt),
      how: incident.subjectsHow,
    },
    controllers: incident.controllersToldAt ? { told: incident.controllersTold, at: utcInstant(incident.controllersToldAt) } : null,
    lessonsLearned: incident.lessonsLearned,
    closedAt: when(incident.closedAt),
    events: incident.events.map((event) => ({
      id: event.id,
      kind: EVENT_KINDS[event.kind] ?? event.kind,
      who: event.actor?.email ?? 'A former member',
      when: utcInstant(event.createdAt),
      at: when(event.at),
      body: event.body,
    })),
    /** The stored values, as the edit forms start from. */
    form: {
      title: incident.title,
      severity: incident.severity,
      ownerUserId: incident.owner?.id ?? '',
      occurredFrom: toFormDateTime(incident.occurredFrom),
      occurredTo: toFormDateTime(incident.occurredTo),
      detectedAt: toFormDateTime(incident.detectedAt),
      awareAt: toFormDateTime(incident.awareAt),
      reportedBy: incident.reportedBy,
      breachTypes: incident.breachTypes,
      cause: incident.cause,
      dataSystems: incident.dataSystems,
      dataCategories: incident.dataCategories,
      specialCategories: incident.specialCategories ? 'on' : '',
      peopleAffected: incident.peopleAffected === null ? '' : String(incident.peopleAffected),
      recordsAffected: incident.recordsAffected === null ? '' : String(incident.recordsAffected),
      locations: incident.locations,
      consequences: incident.consequences,
      risk: incident.risk ?? '',
      riskReasoning: incident.riskReasoning,
      measuresTaken: incident.measuresTaken,
      measuresPlanned: incident.measuresPlanned,
      authorityName: incident.authorityName ?? '',
      authorityNotifiedAt: toFormDateTime(incident.authorityNotifiedAt),
      authorityReference: incident.authorityReference,
      delayReason: incident.delayReason,
      subjectsDecision: incident.subjectsDecision,
      subjectsToldAt: toFormDateTime(incident.subjectsToldAt),
      subjectsHow: incident.subjectsHow,
      controllersTold: incident.controllersTold,
      controllersToldAt: toFormDateTime(incident.controllersToldAt),
    } as Record<string, string | string[]>,
    owners: await possibleOwners(tx),
  }
}
