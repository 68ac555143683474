// Whether this instance can serve: each dependency checked with a time bound, each reported.
import { db } from '~/modules/db/client.server'
import { type Migration, pendingMigrations, readMigrations } from '~/modules/db/migrate.server'
import { ownerPool } from '~/modules/db/owner.server'
import { isQueueStarted } from '~/modules/jobs/queue.server'

type Check = { ok: boolean; detail?: string }
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

async function check(work: () => Promise<string | undefined>): Promise<Check> {
  try {
    const problem = await bounded(work())
    return problem ? { ok: false, detail: problem } : { ok: true }
  } catch (error) {
    return { ok: false, detail: (error as Error).message }
  }
}

export async function checkReadiness(): Promise<ReadinessReport> {
  const [database, migrationsCheck, queueCheck] = await Promise.all([
    check(async () => {
      await db().$queryRaw`SELECT 1`
      return undefined
    }),
    check(async () => {
      migrations ??= readMigrations()
      const pending = await pendingMigrations(
        (text, values) => ownerPool().query(text, values),
        await migrations,
      )
      return pending.length ? `pending: ${pending.join(', ')}` : undefined
    }),
    check(async () => (isQueueStarted() ? undefined : 'not started')),
  ])
  const checks = { database, migrations: migrationsCheck, queue: queueCheck }
  const ready = Object.values(checks).every((c) => c.ok)
  return { status: ready ? 'ready' : 'not_ready', checks }
}
