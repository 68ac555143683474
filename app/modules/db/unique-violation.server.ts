// Which unique constraint a failed write ran into. With the pg driver adapter, Prisma 7 reports
// P2002 without `meta.target`: the constraint is in meta.driverAdapterError.cause.constraint,
// as `{ index: '<constraint name>' }` (PostgreSQL always names it).
import { Prisma } from '~/generated/prisma/client'

type AdapterMeta = { driverAdapterError?: { cause?: { constraint?: { index?: string } } } }

/** The name of the unique constraint `error` violated, or undefined for any other error. */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined
  return (error.meta as AdapterMeta | undefined)?.driverAdapterError?.cause?.constraint?.index
}
