// The weekly digest's sections (decision 030): each a small function of the workspace's figures,
// read once per workspace when the digest is sent, and of the member who gets it (their role,
// time zone, whether they are an operator). A section says nothing (null) when the member's role
// may not see it or there is nothing in it. A digest is sent only when some section has news;
// a section that only confirms all is well (the audit chain intact, backups fresh) goes along
// but is no reason to send. Pure: every sentence is computed from the figures passed in.
import { type Role, can } from '~/modules/auth/permissions'
import type { ChainBadge } from '~/modules/audit/chain-badge'
import { clockBadge } from '~/modules/incidents/clock'
import type { OpenIncidentClock } from '~/modules/incidents/register.server'
import type { IncidentHere } from '~/modules/platform-incidents/dashboard.server'
import { SEVERITY_LABELS, STATUS_LABELS } from '~/modules/platform-incidents/incident-input'
import { type ChangeKind, kindLabel } from '~/modules/trust/subprocessor-text'
import { type Day, formatDay } from '~/modules/trust/subprocessor-rules'

/** The start of the member's last week, this week and next week (Monday 00:00 in their time zone). */
export type WeekBounds = { lastWeekStart: Date; weekStart: Date; nextWeekStart: Date }

export type DatedReference = { reference: string; dueAt: Date }

/** Privacy-request figures that depend on the member's weeks, read once per time zone. */
export type ZoneFigures = WeekBounds & { received: number; completed: number; rejected: number; dueThisWeek: number }

export type WorkspaceFigures = {
  workspace: { id: string; slug: string; name: string; timeZone: string }
  requests: {
    overdue: number
    /** The oldest overdue requests, at most LISTED. */
    overdueItems: DatedReference[]
    /** Open requests due after now, soonest first (enough to list each member's week). */
    dueItems: DatedReference[]
    byZone: ReadonlyMap<string, ZoneFigures>
  }
  /** Announced sub-processor changes not yet in effect, soonest first. */
  subprocessorChanges: { kind: ChangeKind; name: string; effectiveOn: Day; objections: number }[]
  documentRequests: { waiting: number; oldestAt: Date | null }
  reports: { open: number; acknowledgementLate: number; items: { reference: string; severity: string; acknowledged: boolean; nextDeadline: Date }[] }
  audit: ChainBadge
  /** The workspace's own open incidents with their 72-hour clocks, the earliest due first. */
  incidents: OpenIncidentClock[]
  /** Incidents of the Candor service that affect the workspace and are not resolved. */
  serviceIncidents: IncidentHere[]
}

/** The platform's backup checks (the catalogue), for operators only. */
export type PlatformFigures = { backups: { passed: boolean; summary: string }; drills: { passed: boolean; summary: string } }

export type DigestReader = { role: Role; timeZone: string; isOperator: boolean }

export type DigestContext = {
  figures: WorkspaceFigures
  /** Present only in the platform's own workspace, where its operators read about its backups. */
  platform: PlatformFigures | null
  reader: DigestReader
  now: Date
  /** Absolute links: the workspace's dashboard pages. */
  dashboardUrl: string
}

export type DigestSection = {
  heading: string
  lines: string[]
  link: { label: string; url: string } | null
  /** Whether this section alone is reason to send the digest. */
  news: boolean
}

export type SectionBuilder = (context: DigestContext) => DigestSection | null

/** Lists name at most this many items; the count says how many there are. */
export const LISTED = 5

// One number format for the whole process: toLocaleString builds a new one on every call.
const numbers = new Intl.NumberFormat('en')
const figure = (n: number) => numbers.format(n)
const plural = (n: number, one: string, many = `${one}s`) => `${figure(n)} ${n === 1 ? one : many}`

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** "Thursday 3 December 2026", the day in the reader's time zone (one formatter per zone: a digest run formats thousands). */
export function readerDay(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    dayFormats.set(timeZone, format)
  }
  return format.format(instant).replace(',', '')
}

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** "Thursday 3 December 2026, 15:06 (Europe/Paris)": a moment in the reader's time zone. */
export function readerTime(instant: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    timeFormats.set(timeZone, format)
  }
  return `${format.format(instant).replace(',', '').replace(' at ', ', ')} (${timeZone})`
}

const dueList = (items: DatedReference[], timeZone: string) => items.slice(0, LISTED).map((item) => `${item.reference}, due ${readerDay(item.dueAt, timeZone)}`)

export const requestsSection: SectionBuilder = ({ figures, reader, now, dashboardUrl }) => {
  if (!can(reader.role, 'requests.view')) return null
  const { overdue, overdueItems, dueItems, byZone } = figures.requests
  const week = byZone.get(reader.timeZone)
  if (!week) return null
  const lastWeek = `${readerDay(week.lastWeekStart, reader.timeZone)} to ${readerDay(new Date(week.weekStart.getTime() - 1), reader.timeZone)}`
  const dueThisWeek = dueItems.filter((item) => item.dueAt > now && item.dueAt < week.nextWeekStart)
  const lines: string[] = []
  if (week.received > 0) lines.push(`Received last week (${lastWeek}): ${figure(week.received)}.`)
  if (week.completed > 0 || week.rejected > 0) {
    lines.push(`Closed last week: ${plural(week.completed, 'completed', 'completed')}, ${plural(week.rejected, 'rejected', 'rejected')}.`)
  }
  if (overdue > 0) {
    lines.push(`Overdue now: ${figure(overdue)}${overdue > LISTED ? ` (the ${LISTED} oldest below)` : ''}.`)
    lines.push(...dueList(overdueItems, reader.timeZone).map((item) => `  ${item}`))
  }
  if (week.dueThisWeek > 0) {
    lines.push(`Due by the end of this week (Sunday): ${figure(week.dueThisWeek)}${week.dueThisWeek > LISTED ? ` (the ${LISTED} soonest below)` : ''}.`)
    lines.push(...dueList(dueThisWeek, reader.timeZone).map((item) => `  ${item}`))
  }
  if (lines.length === 0) return null
  return { heading: 'Privacy requests', lines, link: { label: 'Open the requests', url: `${dashboardUrl}/requests` }, news: true }
}

export const incidentsSection: SectionBuilder = ({ figures, reader, dashboardUrl }) => {
  if (!can(reader.role, 'incidents.view') || figures.incidents.length === 0) return null
  const lines = [
    `Open: ${plural(figures.incidents.length, 'incident')}${figures.incidents.length > LISTED ? ` (the ${LISTED} most urgent below)` : ''}. The 72-hour clocks as this e-mail was written:`,
    ...figures.incidents.slice(0, LISTED).map((incident) => {
      const running = incident.clock.state === 'running' || incident.clock.state === 'overdue'
      const due = running ? `, due ${readerTime(incident.dueAt, reader.timeZone)}` : ''
      return `  ${incident.reference} (${incident.severity}) ${incident.title}: ${clockBadge(incident.clock).label}${due}`
    }),
  ]
  return { heading: 'Incidents', lines, link: { label: 'Open the incident register', url: `${dashboardUrl}/incidents` }, news: true }
}

export const serviceIncidentsSection: SectionBuilder = ({ figures, reader }) => {
  if (figures.serviceIncidents.length === 0) return null
  const lines = figures.serviceIncidents.map(
    (incident) =>
      `${SEVERITY_LABELS[incident.severity]}: ${incident.title}. ${STATUS_LABELS[incident.status]}; latest update ${readerTime(incident.lastPostedAt, reader.timeZone)} (started ${readerTime(incident.startedAt, reader.timeZone)}).`,
  )
  return { heading: 'Incidents of the Candor service', lines, link: null, news: true }
}

export const subprocessorSection: SectionBuilder = ({ figures, reader, dashboardUrl }) => {
  if (!can(reader.role, 'trust.edit')) return null
  const changes = figures.subprocessorChanges
  if (changes.length === 0) return null
  const objections = changes.reduce((sum, change) => sum + change.objections, 0)
  const lines = [
    `Announced and not yet in effect: ${plural(changes.length, 'change')}, with ${plural(objections, 'objection')} from subscribers.`,
    ...changes
      .slice(0, LISTED)
      .map((change) => `  ${kindLabel(change.kind)}: ${change.name}, from ${formatDay(change.effectiveOn)} (${plural(change.objections, 'objection')})`),
  ]
  return { heading: 'Sub-processor changes', lines, link: { label: 'Open sub-processors', url: `${dashboardUrl}/subprocessors` }, news: true }
}

export const documentRequestsSection: SectionBuilder = ({ figures, reader, dashboardUrl }) => {
  if (!can(reader.role, 'trust.documents')) return null
  const { waiting, oldestAt } = figures.documentRequests
  if (waiting === 0 || !oldestAt) return null
  return {
    heading: 'Document requests',
    lines: [`Waiting for a decision: ${figure(waiting)}, the oldest since ${readerDay(oldestAt, reader.timeZone)}.`],
    link: { label: 'Open the requests for documents', url: `${dashboardUrl}/documents#requests` },
    news: true,
  }
}

export const vulnerabilityReportsSection: SectionBuilder = ({ figures, reader, dashboardUrl }) => {
  if (!can(reader.role, 'security.reports')) return null
  const { open, acknowledgementLate, items } = figures.reports
  if (open === 0) return null
  const lines = [
    `Open: ${figure(open)}` +
      (acknowledgementLate > 0 ? `, of which ${figure(acknowledgementLate)} not acknowledged by the promised time.` : '.'),
    ...items
      .slice(0, LISTED)
      .map((item) => `  ${item.reference} (${item.severity}): ${item.acknowledged ? 'disclosure' : 'acknowledgement'} due ${readerDay(item.nextDeadline, reader.timeZone)}`),
  ]
  return { heading: 'Vulnerability reports', lines, link: { label: 'Open the security inbox', url: `${dashboardUrl}/security` }, news: true }
}

export const auditSection: SectionBuilder = ({ figures, reader, dashboardUrl }) => {
  if (!can(reader.role, 'audit.view')) return null
  const { tone, headline, coverage, fullVerification } = figures.audit
  return {
    heading: 'Audit log',
    // The audit page's own words: how far the chain is verified, and how.
    lines: [`${headline}.`.replace(/\.\.$/, '.'), ...coverage, fullVerification],
    link: { label: 'Open the audit log', url: `${dashboardUrl}/audit` },
    // An intact chain is worth a line, never an e-mail of its own.
    news: tone === 'broken',
  }
}

export const platformSection: SectionBuilder = ({ platform, reader }) => {
  if (!platform || !reader.isOperator) return null
  const state = (passed: boolean) => (passed ? 'passing' : 'FAILING')
  return {
    heading: 'Candor’s backups (operators)',
    lines: [`Taken daily: ${state(platform.backups.passed)}. ${platform.backups.summary}`, `Restores tested: ${state(platform.drills.passed)}. ${platform.drills.summary}`],
    link: null,
    news: !platform.backups.passed || !platform.drills.passed,
  }
}

/** The digest's sections in the order they are read. */
export const DIGEST_SECTIONS: readonly SectionBuilder[] = [
  serviceIncidentsSection,
  requestsSection,
  incidentsSection,
  subprocessorSection,
  documentRequestsSection,
  vulnerabilityReportsSection,
  auditSection,
  platformSection,
]

/** The reader's sections, or null when none has news: nothing is sent then. */
export function digestSections(context: DigestContext): DigestSection[] | null {
  const sections = DIGEST_SECTIONS.flatMap((build) => build(context) ?? [])
  return sections.some((section) => section.news) ? sections : null
}
