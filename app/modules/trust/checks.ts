// The live checks a trust-page claim can be linked to, and how a stored result reads to a
// visitor: passing only when it passed and was verified recently; a result older than
// STALE_AFTER_MS is stale, whatever it said, and never shows green.

export const CHECK_IDS = ['two_factor', 'requests_on_time', 'audit_chain'] as const
export type CheckId = (typeof CHECK_IDS)[number]

export const CHECKS: Record<CheckId, { label: string; explains: string }> = {
  two_factor: {
    label: '2FA required for every member',
    explains: 'The workspace requires two-factor authentication, and every member has it set up.',
  },
  requests_on_time: {
    label: 'Privacy requests answered on time',
    explains: 'Every privacy request received in the last 12 months whose deadline has come was closed by it.',
  },
  audit_chain: {
    label: 'Audit log tamper-evident',
    explains: 'The hash chain of the audit log is intact: new entries are verified entry by entry every hour from the last verified point, and the whole chain at least once a week.',
  },
}

/** The trust.checks job runs hourly: two days without a result means it is not running. */
export const STALE_AFTER_MS = 48 * 60 * 60 * 1000

export type CheckState = 'passing' | 'failing' | 'stale' | 'unverified'

export type StoredCheck = { passed: boolean; checkedAt: Date; passedAt: Date | null; summary: string }

export function checkState(result: StoredCheck | undefined, now: Date): CheckState {
  if (!result) return 'unverified'
  if (now.getTime() - result.checkedAt.getTime() > STALE_AFTER_MS) return 'stale'
  return result.passed ? 'passing' : 'failing'
}

/** When a result that is fresh now turns stale (null: it never will, or already is). */
export function staleAt(result: StoredCheck | undefined, now: Date): Date | null {
  if (!result) return null
  const at = result.checkedAt.getTime() + STALE_AFTER_MS
  return at >= now.getTime() ? new Date(at + 1) : null
}

export const STATE_LABELS: Record<CheckState, string> = {
  passing: 'Passing',
  failing: 'Failing',
  stale: 'Not verified recently',
  unverified: 'Not yet verified',
}
