// The one Prisma client of the process. Its connections log in with DATABASE_URL and switch to
// the candor_app role at connection start, so every application query is subject to row-level
// security (the owner role is used only by migrations and pg-boss).
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '~/generated/prisma/client'
import { logLostConnections } from './lost-connections.server'

export const APP_ROLE = 'candor_app'

export type Db = PrismaClient

const globalForDb = globalThis as unknown as { candorDb?: PrismaClient }

// Read at connection time, not from the parsed env: with embedded PostgreSQL the URL is only
// known once the database has started.
export function connectionString(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: the database must be started first')
  return url
}

/** The shared client (created on first use; survives hot reloads in development). */
export function db(): PrismaClient {
  globalForDb.candorDb ??= new PrismaClient({
    adapter: new PrismaPg(
      logLostConnections(new pg.Pool({ connectionString: connectionString(), options: `-c role=${APP_ROLE}`, max: 10 }), 'database'),
      // $disconnect ends the pool, as it would one the adapter had made itself.
      { disposeExternalPool: true },
    ),
    // Prisma's defaults (2 s to get a connection, 5 s for the whole transaction) turn a burst on
    // a small machine into 500s: a request that waits its turn for one of the 10 connections,
    // or runs slowly while the CPU is shared, should finish late rather than fail. Jobs that
    // take longer ask for more (withTenant's timeoutMs).
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  })
  return globalForDb.candorDb
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.candorDb
  globalForDb.candorDb = undefined
  await client?.$disconnect()
}
