// How long Candor keeps what retention.purge removes (decision 023). One place for the numbers
// the decision record, the job and the tests share.

const DAY_MS = 24 * 60 * 60 * 1000

/** Rows per statement: short locks, and a kill -9 loses at most one uncommitted batch. */
export const PURGE_BATCH_ROWS = 1000
/** Closed requests minimised per transaction (each also deletes its objects first). */
export const PURGE_BATCH_REQUESTS = 100
/** No single statement of a purge may run longer than this. */
export const PURGE_STATEMENT_TIMEOUT_MS = 30_000

/** Outbox and failed messages keep their links this long (the outbox is development's mailbox). */
export const EMAIL_LINKS_KEPT_MS = DAY_MS
/** After this, a stored e-mail keeps its envelope (to, subject, dates, status) but not its body. */
export const EMAIL_BODY_KEPT_DAYS = 30
export const EMAIL_BODY_REMOVED = `(The body of this e-mail was deleted ${EMAIL_BODY_KEPT_DAYS} days after it was sent.)`

export const WEBHOOK_DELIVERY_KEPT_DAYS = 30

/**
 * The notification ledgers (digest_sent, reminder_sent) are kept a little over a year: long
 * enough that an old digest's unsubscribe link still works and no reminder is sent twice.
 */
export const NOTIFICATION_LEDGER_KEPT_DAYS = 400

/** An uploaded object no row names, untouched this long, was left by an interrupted upload. */
export const ORPHAN_UPLOAD_AGE_MS = DAY_MS

/** A deleted workspace's data, objects and data keys are destroyed this long after deletion. */
export const DELETED_WORKSPACE_KEPT_DAYS = 30

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)

/** What one run counts, by kind: the keys of `retention_purge_run.counts` and of its audit entry. */
export const PURGE_KINDS = [
  'sessions',
  'emailLinksRedacted',
  'emailBodiesRemoved',
  'webhookDeliveries',
  'notificationLedgers',
  'closedRequestsMinimised',
  'orphanUploads',
  'deletedWorkspaces',
  'deletedWorkspaceObjects',
] as const
export type PurgeKind = (typeof PURGE_KINDS)[number]
export type PurgeCounts = Record<PurgeKind, number>
