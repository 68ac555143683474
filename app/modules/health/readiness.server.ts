// Whether this instance can serve: each dependency checked with a time bound. The answer is
// public (load balancers poll it), so it says only ok or failing per check; what failed, with
// the database's own words, goes to the log.
import { db } from '~/modules/db/client.server'
import { type Migration, pendingMigrations, readMigrations } from '~/modules/db/migrate.server'
import { ownerPool } from '~/modules/db/owner.server'
import { isQueueStarted } from '~/modules/jobs/queue.server'
import { log } from '~/modules/observability/log.server'

type Check = 'ok' | 'failing'
export type ReadinessReport = {
  status: 'ready' | 'not_ready'
  checks: { database: Check; migrations: Check; queue: Check }
}

const TIMEOUT_MS = 2_000
let migrations: Promise<Migration[]> | undefined

function bounded<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ])
}

/** Run one check: `work` returns a problem in words, or undefined when all is well. */
async function check(name: string, work: () => Promise<string | undefined>): Promise<Check> {
  let problem: string | undefined
  try {
    problem = await bounded(work())
  } catch (error) {
    problem = (error as Error).message
  }
  if (problem === undefined) return 'ok'
  log('warn', 'readiness check failing', { check: name, problem })
  return 'failing'
}

/** The migrations on disk, read once; a failed read is retried on the next check. */
function knownMigrations(): Promise<Migration[]> {
  migrations ??= readMigrations().catch((error: unknown) => {
    migrations = undefined
    throw error
  })
  return migrations
}

export async function checkReadiness(): Promise<ReadinessReport> {
  const [database, migrationsCheck, queueCheck] = await Promise.all([
    check('database', async () => {
      await db().$queryRaw`SELECT 1`
      return undefined
    }),
    check('migrations', async () => {
      const pending = await pendingMigrations(
        (text, values) => ownerPool().query(text, values),
        await knownMigrations(),
      )
      return pending.length ? `pending: ${pending.join(', ')}` : undefined
    }),
    check('queue', async () => (isQueueStarted() ? undefined : 'not started')),
  ])
  const checks = { database, migrations: migrationsCheck, queue: queueCheck }
  const ready = Object.values(checks).every((c) => c === 'ok')
  return { status: ready ? 'ready' : 'not_ready', checks }
}
