// What owners and admins do in the incident register: record an incident, change its facts and
// assessment, record the notification to the authority and its phased updates, or that the
// breach is not reportable, the decision on telling the people affected, the controllers told,
// notes, and closing with lessons learned. Each step locks the incident and writes the change,
// its timeline entry, the e-mails to the other members who get incident updates, and its audit
// entry (last) in one transaction. A step the rules refuse throws IncidentRuleError, whose
// message is shown as is, beside `field` when it has one.
import type { Incident, Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { PERMISSIONS } from '~/modules/auth/permissions'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import type { StaffOrigin } from '~/modules/disclosure/workflow.server'
import { queueEmail } from '~/modules/email/email.server'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { isUuid } from '~/modules/formats/uuid'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { dueAtOf, incidentClock } from './clock'
import type { Assessment, AuthorityNotification, Facts, SubjectDecision } from './forms'
import { incidentUpdateMail } from './incident-mail'
import { incidentPath } from './paths'

export class IncidentRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

type Loaded = Incident & { workspace: { name: string; slug: string } }

const NO_SUCH = 'There is no such incident in this workspace.'

async function openIncident(tx: Tx, incidentId: string): Promise<Loaded> {
  // Row lock: two members changing the incident at once take turns, each sees the other's change.
  await tx.$queryRaw`SELECT id FROM incident WHERE id = ${incidentId}::uuid FOR UPDATE`
  const incident = await tx.incident.findUnique({ where: { id: incidentId }, include: { workspace: { select: { name: true, slug: true } } } })
  if (!incident) throw new IncidentRuleError(NO_SUCH)
  return incident
}

/** The owner of an incident must be a member of its workspace who may record its notification (an owner or admin). */
async function assertMember(tx: Tx, userId: string) {
  const roles = [...PERMISSIONS['incidents.manage']]
  if (!isUuid(userId) || (await tx.membership.count({ where: { userId, role: { in: roles } } })) === 0) {
    throw new IncidentRuleError('Choose the owner from the workspace’s owners and admins: only they can record the notification.', 'ownerUserId')
  }
}

const scope = (member: Member, origin: StaffOrigin) => ({ ...member.tenant, origin: { ip: origin.ip, userAgent: origin.userAgent } })
const target = (incident: { id: string }) => ({ type: 'incident', id: incident.id })

/** Tell the members who get incident updates (not the one who acted) what `member` did, in `tx`; how many were told. */
async function tellMembers(tx: Tx, member: Member, incident: Loaded, what: string, origin: StaffOrigin, now: Date) {
  const recipients = await membersToTell(tx, 'incident_update', { except: member.user.id })
  const mail = incidentUpdateMail({
    workspaceName: incident.workspace.name,
    reference: incident.reference,
    title: incident.title,
    severity: incident.severity,
    url: `${origin.appOrigin}${incidentPath(incident.workspace.slug, incident.id)}`,
    what,
    actor: member.user.name ? `${member.user.name} (${member.user.email})` : member.user.email,
    clock: incidentClock(incident, now),
  })
  for (const recipient of recipients) await queueEmail(tx, incident.workspaceId, { to: recipient.email, ...withPreferencesLink(mail) })
  return recipients.length
}

/** The fields `data` changes, before and after, for the audit entry. */
function diff(incident: Incident, data: Prisma.IncidentUncheckedUpdateInput) {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    before[key] = incident[key as keyof Incident]
    after[key] = value
  }
  return { before, after }
}

type Change = {
  /** The audit action's verb (incident.<verb>) and the timeline entry's kind. */
  kind: string
  /** "changed the facts": what the e-mail to the other members says happened. */
  what: string
  data?: Prisma.IncidentUncheckedUpdateInput
  body?: string
  at?: Date | null
}

/** What a step did: the `what` of its e-mails, and how many other members were e-mailed. */
export type Saved = { what: string; emailed: number }

/** Lock the incident, let `decide` say what changes, and write it with its entry, e-mails and audit. */
async function change(
  member: Member,
  incidentId: string,
  origin: StaffOrigin,
  decide: (incident: Loaded, tx: Tx, now: Date) => Promise<Change> | Change,
  { whileClosed = false } = {},
): Promise<Saved> {
  if (!isUuid(incidentId)) throw new IncidentRuleError(NO_SUCH)
  const now = new Date()
  return withTenant(member.tenant, async (tx) => {
    const incident = await openIncident(tx, incidentId)
    if (incident.status === 'closed' && !whileClosed) throw new IncidentRuleError('This incident is closed: nothing more can change.')
    const step = await decide(incident, tx, now)
    const updated = step.data ? await tx.incident.update({ where: { id: incident.id }, data: step.data }) : incident
    await tx.incidentEvent.create({
      data: { workspaceId: incident.workspaceId, incidentId: incident.id, kind: step.kind, actorUserId: member.user.id, at: step.at ?? null, body: step.body ?? '' },
    })
    const emailed = await tellMembers(tx, member, { ...incident, ...updated }, step.what, origin, now)
    const { before, after } = diff(incident, step.data ?? {})
    await recordAudit(tx, scope(member, origin), {
      action: `incident.${step.kind}`,
      target: target(incident),
      before: step.data ? before : undefined,
      after: step.data ? after : { body: step.body, at: step.at },
    })
    return { what: step.what, emailed }
  })
}

/** INC-<year>-<number>: the workspace's incidents of the year it is recorded, counted under a lock. */
async function nextReference(tx: Tx, workspaceId: string, now: Date): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('incident_reference'), hashtext(${workspaceId}))`
  const year = now.getUTCFullYear()
  const count = await tx.incident.count({ where: { reference: { startsWith: `INC-${year}-` } } })
  return `INC-${year}-${String(count + 1).padStart(4, '0')}`
}

const factsData = (facts: Facts) => ({
  title: facts.title,
  severity: facts.severity,
  occurredFrom: facts.occurredFrom,
  occurredTo: facts.occurredTo,
  detectedAt: facts.detectedAt!,
  awareAt: facts.awareAt!,
  reportedBy: facts.reportedBy,
  breachTypes: facts.breachTypes,
  cause: facts.cause,
  dataSystems: facts.dataSystems,
  dataCategories: facts.dataCategories,
  specialCategories: facts.specialCategories,
  peopleAffected: facts.peopleAffected,
  recordsAffected: facts.recordsAffected,
  locations: facts.locations,
  consequences: facts.consequences,
})

/** Record a new incident; its owner is the member chosen, or whoever records it. */
export async function recordIncident(member: Member, input: { facts: Facts; assessment: Assessment }, origin: StaffOrigin) {
  const now = new Date()
  return withTenant(member.tenant, async (tx) => {
    const ownerUserId = input.facts.ownerUserId || member.user.id
    await assertMember(tx, ownerUserId)
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: member.workspace.id }, select: { name: true, slug: true } })
    const incident = await tx.incident.create({
      data: {
        workspaceId: member.workspace.id,
        reference: await nextReference(tx, member.workspace.id, now),
        ownerUserId,
        createdByUserId: member.user.id,
        ...factsData(input.facts),
        ...input.assessment,
      },
    })
    await tx.incidentEvent.create({
      data: { workspaceId: incident.workspaceId, incidentId: incident.id, kind: 'record', actorUserId: member.user.id, body: '' },
    })
    await tellMembers(tx, member, { ...incident, workspace }, 'recorded a new incident', origin, now)
    await recordAudit(tx, scope(member, origin), {
      action: 'incident.record',
      target: target(incident),
      after: { reference: incident.reference, ...factsData(input.facts), ownerUserId, ...input.assessment },
    })
    return { id: incident.id, reference: incident.reference }
  })
}

export async function changeFacts(member: Member, incidentId: string, facts: Facts, origin: StaffOrigin) {
  return change(member, incidentId, origin, async (incident, tx) => {
    if (facts.ownerUserId && facts.ownerUserId !== incident.ownerUserId) await assertMember(tx, facts.ownerUserId)
    const data = { ...factsData(facts), ...(facts.ownerUserId ? { ownerUserId: facts.ownerUserId } : {}) }
    const stoppedAt = incident.authorityNotifiedAt
    if (stoppedAt && stoppedAt < data.awareAt) {
      throw new IncidentRuleError('Awareness cannot come after the notification to the authority recorded.', 'awareAt')
    }
    if (stoppedAt && stoppedAt > dueAtOf(data.awareAt) && !incident.delayReason) {
      throw new IncidentRuleError(
        'With this awareness time the authority was notified after 72 hours: record the reason for the delay with the notification first.',
        'awareAt',
      )
    }
    return { kind: 'facts_change', what: 'changed the facts', data }
  })
}

const AT_RISK = ['risk', 'high_risk']

export async function changeAssessment(member: Member, incidentId: string, assessment: Assessment, origin: StaffOrigin) {
  return change(member, incidentId, origin, (incident) => {
    if (incident.notReportableAt && assessment.risk && AT_RISK.includes(assessment.risk)) {
      throw new IncidentRuleError(
        'This breach is recorded as not reportable, which holds only if it is unlikely to result in a risk (Art. 33(1)): if it is likely to, record the notification to the authority instead.',
        'risk',
      )
    }
    return { kind: 'assessment_change', what: 'changed the risk assessment and measures', data: assessment }
  })
}

/** The notification to the supervisory authority: stops the clock. After 72 hours, only with the reason for the delay. */
export async function notifyAuthority(member: Member, incidentId: string, notification: AuthorityNotification, origin: StaffOrigin) {
  return change(member, incidentId, origin, (incident) => {
    const notifiedAt = notification.authorityNotifiedAt!
    if (notifiedAt < incident.awareAt) {
      throw new IncidentRuleError('The notification cannot come before you became aware of the breach.', 'authorityNotifiedAt')
    }
    if (notifiedAt > dueAtOf(incident.awareAt) && !notification.delayReason) {
      throw new IncidentRuleError('The notification came more than 72 hours after awareness: give the reasons for the delay (Art. 33(1)).', 'delayReason')
    }
    const data = { ...notification, delayReason: notifiedAt > dueAtOf(incident.awareAt) ? notification.delayReason : '' }
    if (incident.notReportableAt) {
      // The earlier "not reportable" was wrong: the notification replaces it (the database allows
      // only one of the two); the audit entry's `before` keeps the old decision and its reason.
      return {
        kind: 'authority_notify',
        what: 'recorded the notification to the supervisory authority (it had been recorded as not reportable)',
        data: { ...data, notReportableAt: null, notReportableReason: '' },
      }
    }
    return {
      kind: incident.authorityNotifiedAt ? 'authority_change' : 'authority_notify',
      what: incident.authorityNotifiedAt ? 'changed the notification to the supervisory authority' : 'recorded the notification to the supervisory authority',
      data,
    }
  })
}

/** A phased update to the authority (Art. 33(4)): a dated entry of the timeline. */
export async function addAuthorityUpdate(member: Member, incidentId: string, update: { updateAt: Date | null; updateBody: string }, origin: StaffOrigin) {
  return change(member, incidentId, origin, (incident) => {
    if (!incident.authorityNotifiedAt) throw new IncidentRuleError('Record the first notification to the authority before its updates.')
    if (update.updateAt! < incident.authorityNotifiedAt) {
      throw new IncidentRuleError('An update cannot come before the first notification.', 'updateAt')
    }
    return { kind: 'authority_update', what: 'recorded an update sent to the supervisory authority', body: update.updateBody, at: update.updateAt }
  })
}

/** "Not reportable" with its reason: stops the clock. */
export async function markNotReportable(member: Member, incidentId: string, reason: string, origin: StaffOrigin) {
  return change(member, incidentId, origin, (incident, _tx, now) => {
    if (incident.authorityNotifiedAt) throw new IncidentRuleError('The authority was already notified of this breach.')
    if (incident.risk && AT_RISK.includes(incident.risk)) {
      throw new IncidentRuleError(
        'Your risk assessment says this breach is likely to result in a risk to people’s rights and freedoms: it is exempt from notification only if that is unlikely (Art. 33(1)). Change the assessment and its reasoning first.',
      )
    }
    return {
      kind: 'not_reportable',
      what: 'recorded the breach as not reportable',
      data: { notReportableReason: reason, notReportableAt: incident.notReportableAt ?? now },
    }
  })
}

export async function decideSubjects(
  member: Member,
  incidentId: string,
  decision: { subjectsDecision: SubjectDecision; subjectsToldAt: Date | null; subjectsHow: string },
  origin: StaffOrigin,
) {
  return change(member, incidentId, origin, (incident) => {
    if (decision.subjectsToldAt && decision.subjectsToldAt < incident.awareAt) {
      throw new IncidentRuleError('They cannot have been told before you became aware of the breach.', 'subjectsToldAt')
    }
    if (decision.subjectsDecision === 'not_required' && incident.risk === 'high_risk') {
      throw new IncidentRuleError(
        'Your risk assessment says this breach is likely to result in a high risk: telling the people affected is required unless one of the exemptions of Art. 34(3) applies. Choose that exemption as the decision, or change the assessment first.',
        'subjectsDecision',
      )
    }
    return { kind: 'subjects_decision', what: 'recorded the decision on telling the people affected', data: decision }
  })
}

export async function recordControllersTold(member: Member, incidentId: string, told: { controllersTold: string; controllersToldAt: Date | null }, origin: StaffOrigin) {
  return change(member, incidentId, origin, () => ({ kind: 'controllers_told', what: 'recorded the controllers or customers told', data: told }))
}

export async function addIncidentNote(member: Member, incidentId: string, note: string, origin: StaffOrigin) {
  return change(member, incidentId, origin, () => ({ kind: 'note', what: 'added a note', body: note }), { whileClosed: true })
}

/** Close with the lessons learned. A reportable breach is closed only once its clock has stopped. */
export async function closeIncident(member: Member, incidentId: string, lessonsLearned: string, origin: StaffOrigin) {
  return change(member, incidentId, origin, (incident, _tx, now) => {
    if (!incident.authorityNotifiedAt && !incident.notReportableAt) {
      throw new IncidentRuleError('Record the notification to the authority, or that the breach is not reportable and why, before closing it.')
    }
    if (incident.risk === 'high_risk' && (incident.subjectsDecision === 'undecided' || incident.subjectsDecision === 'not_required')) {
      throw new IncidentRuleError('Record the decision on telling the people affected (Art. 34) before closing.')
    }
    return { kind: 'close', what: 'closed the incident', data: { status: 'closed', closedAt: now, lessonsLearned } }
  })
}
