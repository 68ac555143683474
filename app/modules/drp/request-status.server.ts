// The Exercise Status of one Data Rights Request as Candor's privacy request is now (§3.03),
// for the answers of the endpoints and the status callbacks alike.
import type { DrpRequest } from '~/generated/prisma/client'
import { env } from '~/modules/config/env.server'
import type { Tx } from '~/modules/db/tenant.server'
import { ERASURE_STATEMENT_INCLUDE, statementOfRequest } from '~/modules/dsar/erasure-statement'
import { portalLinks } from '~/modules/dsar/portal-links'
import { type ExerciseStatus, exerciseStatus } from './exercise-status'

export async function loadExerciseStatus(tx: Tx, drp: DrpRequest, slug: string): Promise<ExerciseStatus> {
  const request = drp.privacyRequestId
    ? await tx.privacyRequest.findUnique({ where: { id: drp.privacyRequestId }, include: ERASURE_STATEMENT_INCLUDE })
    : null
  return exerciseStatus({
    drp,
    request,
    resultsUrl: request ? portalLinks(request.portalOrigin, slug).status(request.reference) : '',
    erasureSummary: request ? (statementOfRequest(request, env().BACKUP_RETENTION_DAYS)?.summary ?? null) : null,
  })
}
