// A failed restore drill is e-mailed to every operator (OPERATOR_EMAILS), with the reason and
// what to do. The mail holds no personal data: backup ids, table names and counts only.
import { appOrigin, env } from '~/modules/config/env.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { log } from '~/modules/observability/log.server'
import type { DrillOutcome } from './drill-records.server'

export function drillAlertText(outcome: DrillOutcome): { subject: string; text: string } {
  const backup = outcome.backupId ? `backup ${outcome.backupId}` : 'no backup'
  return {
    subject: `Restore drill failed (${backup})`,
    text: [
      `The restore drill ${outcome.id} of ${backup} failed after ${Math.round(outcome.durationMs / 1000)} s:`,
      '',
      outcome.error ?? 'no reason was recorded.',
      '',
      'Until a drill passes, nobody has shown that the backups can be restored. Run one again with',
      '`npm run backup:drill` where BACKUP_PRIVATE_KEY is set, or from the operator console:',
      `${appOrigin()}/ops`,
      'The runbook: docs/decisions/022-drills-and-age-out.md.',
    ].join('\n'),
  }
}

/** Queue the alert to every operator, in one transaction; none configured is logged, not silent. */
export async function alertOperators(outcome: DrillOutcome): Promise<number> {
  const operators = env().OPERATOR_EMAILS
  if (operators.length === 0) {
    log('error', 'restore drill failed and OPERATOR_EMAILS is empty: nobody was e-mailed', { drill: outcome.id })
    return 0
  }
  const mail = drillAlertText(outcome)
  await withPlatform(async (tx) => {
    for (const to of operators) await queueEmail(tx, null, { to, ...mail })
  })
  return operators.length
}
