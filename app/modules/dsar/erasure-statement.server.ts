// Loads what an erasure statement is computed from, in the caller's tenant transaction.
import type { Tx } from '~/modules/db/tenant.server'
import { ERASURE_STATEMENT_INCLUDE, type ErasureStatement, statementOfRequest } from './erasure-statement'
import { env } from '~/modules/config/env.server'

/** The statement of the request as it stands in `tx`; null when it is not an erasure. */
export async function loadErasureStatement(tx: Tx, requestId: string): Promise<ErasureStatement | null> {
  const request = await tx.privacyRequest.findUniqueOrThrow({ where: { id: requestId }, include: ERASURE_STATEMENT_INCLUDE })
  return statementOfRequest(request, env().BACKUP_RETENTION_DAYS)
}
