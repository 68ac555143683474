// Reading a workspace's audit chain inside withTenant, as the application role: the verifier
// reads through node-postgres's `query`, so this gives it a Prisma transaction in that shape.
import type { Tx } from '~/modules/db/tenant.server'
import { type ChainStatus, chainStatus } from './chain-status.server'
import type { Queryable } from './verify.server'

export function transactionQueryable(tx: Tx): Queryable {
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

/**
 * The chain's status read in `tx` (which row-level security limits to the workspace): at most
 * `limit` new entries verified from the checkpoint, so a page answers within its transaction.
 */
export function chainStatusInTransaction(tx: Tx, workspaceId: string, options: { limit?: number } = {}): Promise<ChainStatus> {
  return chainStatus(transactionQueryable(tx), workspaceId, options)
}
