// Verifying a workspace's chain inside withTenant, as the application role: the verifier reads
// through node-postgres's `query`, so this gives it a Prisma transaction in that shape.
import type { Tx } from '~/modules/db/tenant.server'
import { type ChainReport, type Queryable, verifyChain } from './verify.server'

function transactionQueryable(tx: Tx): Queryable {
  return {
    async query<R>(text: string, values: unknown[] = []) {
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values)
      // Prisma gives bigint columns as BigInt, node-postgres as text: the verifier expects text.
      const asPgRows = rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeof value === 'bigint' ? String(value) : value])),
      )
      return { rows: asPgRows as R[] }
    },
  }
}

/** The report of `workspaceId`'s chain, read in `tx` (which row-level security limits to it). */
export function verifyChainInTransaction(tx: Tx, workspaceId: string): Promise<ChainReport> {
  return verifyChain(transactionQueryable(tx), workspaceId)
}
