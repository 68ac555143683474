// audit.verify: one full verification of a workspace's audit chain, asked for on the audit
// page; its outcome is recorded for the page. When its retries run out it is marked failed.
import type PgBoss from 'pg-boss'
import { markVerificationFailed, runRequestedVerification } from '~/modules/audit/full-verification.server'
import { log } from '~/modules/observability/log.server'

type VerificationJob = { verificationId: string }

export async function verifyAuditChainJob(job: PgBoss.Job<VerificationJob>): Promise<void> {
  await runRequestedVerification(job.data.verificationId)
}

export async function failedVerificationJob(job: PgBoss.Job<VerificationJob>): Promise<void> {
  await markVerificationFailed(job.data.verificationId)
  log('warn', 'a full audit chain verification gave up after retries', { verificationId: job.data.verificationId })
}
