// maintenance.sweep (hourly): delete ended rate-limit windows, sign-in codes past their expiry
// and CSP reports past 30 days.
import { deleteStaleSignInCodes } from '~/modules/auth/sign-in-codes.server'
import { log } from '~/modules/observability/log.server'
import { deleteOldCspReports } from '~/modules/security/csp-reports.server'
import { deleteExpiredRateLimits } from '~/modules/security/rate-limit.server'

const CSP_REPORT_RETENTION_DAYS = 30

export async function maintenanceSweepJob(): Promise<void> {
  const rateLimits = await deleteExpiredRateLimits()
  const signInCodes = await deleteStaleSignInCodes()
  const cspReports = await deleteOldCspReports(CSP_REPORT_RETENTION_DAYS)
  log('info', 'maintenance sweep done', { rateLimits, signInCodes, cspReports })
}
