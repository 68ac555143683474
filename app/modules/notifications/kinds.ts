// Every kind of e-mail Candor sends to a workspace's members about work, who may get it, and who
// gets it unless they turn it off. /account/notifications shows a member the kinds their role in
// each workspace can get; only their departures from these defaults are stored
// (notification_preference). E-mails a member cannot turn off are those a promise or the law
// hangs on: the 72-hour clock of a breach, and the platform's own serious incidents.
import type { Role } from '~/modules/auth/permissions'

export const NOTIFICATION_KINDS = [
  'request_new',
  'request_reply',
  'export_review',
  'request_deadline',
  'vulnerability_report',
  'subprocessor_objection',
  'document_request',
  'incident_update',
  'incident_clock',
  'platform_incident',
  'weekly_digest',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export type KindSpec = {
  label: string
  explains: string
  /** The roles that may get it at all (a role that cannot act on it never does). */
  audience: readonly Role[]
  /** Of the audience, who gets it until they turn it off. */
  onByDefault: readonly Role[]
  /** Sent to its whole audience whatever they chose. */
  required?: true
}

const WORKERS = ['owner', 'admin', 'agent'] as const satisfies readonly Role[]
const ADMINS = ['owner', 'admin'] as const satisfies readonly Role[]
const EVERYONE = ['owner', 'admin', 'agent', 'viewer'] as const satisfies readonly Role[]

export const KINDS: Record<NotificationKind, KindSpec> = {
  request_new: {
    label: 'New privacy requests',
    explains: 'A privacy request is confirmed and waits for the team (the assignee only, once there is one).',
    audience: WORKERS,
    onByDefault: WORKERS,
  },
  request_reply: {
    label: 'Replies from requesters',
    explains: 'A requester writes on a request (at most one e-mail per request every 15 minutes).',
    audience: WORKERS,
    onByDefault: WORKERS,
  },
  export_review: {
    label: 'Exports to review',
    explains: 'An access export is ready and waits for a member to release it.',
    audience: WORKERS,
    onByDefault: WORKERS,
  },
  request_deadline: {
    label: 'Request deadlines',
    explains: 'A request is due within the reminder days set in privacy settings, or is overdue.',
    audience: WORKERS,
    onByDefault: WORKERS,
  },
  vulnerability_report: {
    label: 'Security reports',
    explains: 'A vulnerability report arrives, and its acknowledgement and disclosure deadlines near.',
    audience: ADMINS,
    onByDefault: ADMINS,
  },
  subprocessor_objection: {
    label: 'Objections to sub-processor changes',
    explains: 'A customer objects to an announced sub-processor change.',
    audience: ADMINS,
    onByDefault: ADMINS,
  },
  document_request: {
    label: 'Document requests',
    explains: 'A visitor asks for a gated document (at most one e-mail per document an hour).',
    audience: ADMINS,
    onByDefault: ADMINS,
  },
  incident_update: {
    label: 'Incident updates',
    explains: 'Someone else records or changes an incident in the register.',
    audience: EVERYONE,
    onByDefault: ADMINS,
  },
  incident_clock: {
    label: 'The 72-hour breach clock',
    explains: 'Reminders 24, 48 and 60 hours after awareness until the authority is notified or the breach is recorded as not reportable.',
    audience: ADMINS,
    onByDefault: ADMINS,
    required: true,
  },
  platform_incident: {
    label: 'Incidents of the Candor service',
    explains: "Serious incidents (S0, S1) of the service this workspace runs on, and each update.",
    audience: ADMINS,
    onByDefault: ADMINS,
    required: true,
  },
  weekly_digest: {
    label: 'Weekly digest',
    explains: "Monday morning in your time zone: the week's requests, deadlines, incidents and other open work. Not sent when there is nothing to say.",
    audience: EVERYONE,
    onByDefault: WORKERS,
  },
}

/** Whether a member with `role` gets `kind`, given what they chose (undefined: never chose). */
export function receives(kind: NotificationKind, role: Role, chosen: boolean | undefined): boolean {
  const spec = KINDS[kind]
  if (!spec.audience.includes(role)) return false
  if (spec.required) return true
  return chosen ?? spec.onByDefault.includes(role)
}

/** The kinds a member with `role` can get, in the order the preferences page lists them. */
export const kindsFor = (role: Role): NotificationKind[] => NOTIFICATION_KINDS.filter((kind) => KINDS[kind].audience.includes(role))

export const isNotificationKind = (value: string): value is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(value)
