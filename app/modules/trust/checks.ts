// The live checks a trust-page claim can be linked to, and how a stored result reads to a
// visitor: passing only when it passed and was verified recently; a result older than
// STALE_AFTER_MS is stale, whatever it said, and never shows green. A passing result that rests
// on the age of something (the last backup, the last drill) also stops showing green when that
// thing grows too old (`holdsUntil`), whether or not the hourly job has run since.

export const CHECK_IDS = ['two_factor', 'requests_on_time', 'audit_chain', 'backups_daily', 'restores_tested', 'breaches_notified'] as const
export type CheckId = (typeof CHECK_IDS)[number]

/**
 * What a check looks at: the workspace's own records, or Candor's platform records (its backups
 * hold every workspace's data), which any workspace hosted on Candor may point to.
 */
export type CheckCovers = 'workspace' | 'platform'

export const CHECKS: Record<CheckId, { label: string; explains: string; covers: CheckCovers }> = {
  two_factor: {
    label: '2FA required for every member',
    explains: 'The workspace requires two-factor authentication, and every member has it set up.',
    covers: 'workspace',
  },
  requests_on_time: {
    label: 'Privacy requests answered on time',
    explains: 'Every privacy request received in the last 12 months whose deadline has come was closed by it.',
    covers: 'workspace',
  },
  breaches_notified: {
    label: 'Breaches notified in time',
    explains: 'Every personal-data breach in the register whose company became aware of it in the last 12 months was notified to the supervisory authority within 72 hours of awareness, or recorded as not reportable within 72 hours, with the reason. A breach still within its 72 hours is not counted yet.',
    covers: 'workspace',
  },
  audit_chain: {
    label: 'Audit log tamper-evident',
    explains: 'The hash chain of the audit log is intact: new entries are verified entry by entry every hour from the last verified point, and the whole chain at least once a week.',
    covers: 'workspace',
  },
  backups_daily: {
    label: 'Candor backups taken daily',
    explains: 'Candor, which hosts this trust center, backs up its whole database (every workspace’s data) every day: passing while the last backup that succeeded finished less than 26 hours ago.',
    covers: 'platform',
  },
  restores_tested: {
    label: 'Candor restores tested',
    explains: 'Candor restores its latest backup into a scratch database every week and checks it row by row and chain by chain: passing while a drill passed within the last 8 days.',
    covers: 'platform',
  },
}

/**
 * Where a member fixes a failing check, under the workspace's dashboard `base` (/w/:slug): the
 * 2FA check at the members without two-factor authentication (that page also says when the
 * workspace does not require it, and links to the setting), the others at the records they
 * read; Candor's own platform checks, which no member can fix, at the trust page's live checks,
 * which say what they cover.
 */
export function checkFixHref(base: string, id: CheckId): string {
  switch (id) {
    case 'two_factor':
      return `${base}/members?twoFactor=off`
    case 'requests_on_time':
      return `${base}/requests`
    case 'breaches_notified':
      return `${base}/incidents`
    case 'audit_chain':
      return `${base}/audit`
    case 'backups_daily':
    case 'restores_tested':
      return `${base}/trust#checks`
  }
}

/** The trust.checks job runs hourly: two days without a result means it is not running. */
export const STALE_AFTER_MS = 48 * 60 * 60 * 1000

export type CheckState = 'passing' | 'failing' | 'stale' | 'unverified'

export type StoredCheck = { passed: boolean; checkedAt: Date; passedAt: Date | null; summary: string; holdsUntil?: Date | null }

/** The last moment a stored result may show as it is: 48 hours after it was computed, or sooner. */
function freshThrough(result: StoredCheck): number {
  const stale = result.checkedAt.getTime() + STALE_AFTER_MS
  return result.passed && result.holdsUntil ? Math.min(stale, result.holdsUntil.getTime()) : stale
}

export function checkState(result: StoredCheck | undefined, now: Date): CheckState {
  if (!result) return 'unverified'
  if (now.getTime() > freshThrough(result)) return 'stale'
  return result.passed ? 'passing' : 'failing'
}

/** When a result that is fresh now turns stale (null: it never will, or already is). */
export function staleAt(result: StoredCheck | undefined, now: Date): Date | null {
  if (!result) return null
  const at = freshThrough(result)
  return at >= now.getTime() ? new Date(at + 1) : null
}

export const STATE_LABELS: Record<CheckState, string> = {
  passing: 'Passing',
  failing: 'Failing',
  stale: 'Not verified recently',
  unverified: 'Not yet verified',
}
