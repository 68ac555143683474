// The Candor process: starts the database (embedded when DATABASE_URL is unset), applies
// migrations and demo data outside production, starts the job queue and workers and the HTTP
// server according to CANDOR_ROLE, and stops all of it cleanly on SIGTERM or SIGINT.
// Bundled into build/server/index.js by the React Router build; run through server/main.js.
import { type Server, createServer } from 'node:http'
import type { ServerBuild } from 'react-router'
import type { ViteDevServer } from 'vite'
import { startWorkers } from '../jobs/worker.server'
import { recordAudit } from '~/modules/audit/record.server'
import { recordFullVerification } from '~/modules/audit/full-verification.server'
import { verifyAllChains } from '~/modules/audit/verify.server'
import { keyring } from '~/modules/crypto/kek.server'
import { rewrapDataKeys } from '~/modules/crypto/rotation.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { EnvError, type Env, env, localOrigin } from '~/modules/config/env.server'
import { disconnectDb } from '~/modules/db/client.server'
import { startEmbeddedPostgres } from '~/modules/db/embedded-postgres.server'
import { migrate, pendingMigrations, readMigrations } from '~/modules/db/migrate.server'
import { assertOwnerSeesEveryRow, closeOwnerPool, ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue, tolerateLostJobOutcomes } from '~/modules/jobs/queue.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { scrubText } from '~/modules/observability/scrub'
import { initSentry } from '~/modules/observability/sentry.server'
import { seedDemoIfEmpty } from '~/modules/tenancy/demo-seed.server'
import { createRequestListener } from './http'
import { runBackup } from '~/modules/backups/backup.server'
import { backupPrivateKeys, newKeyPair } from '~/modules/backups/backup-keys.server'
import { parseRestoreArguments } from '~/modules/backups/restore-arguments'
import { restoreBackup } from '~/modules/backups/restore.server'
import { runDrill } from '~/modules/backups/drill.server'
import { backupToRestore } from '~/modules/backups/stored-backups.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { runRetentionPurge } from '~/modules/retention/purge-run.server'

type Cleanup = () => Promise<void>

/** Steps to undo at shutdown, run last-first. */
const cleanups: { name: string; run: Cleanup }[] = []

class StartupError extends Error {}

export async function start(options: { vite?: ViteDevServer } = {}): Promise<void> {
  const startedAt = performance.now()
  const config = loadEnv()
  try {
    await initSentry()
    await connectDatabase(config)
    if (config.NODE_ENV !== 'production') {
      await applyMigrations()
      if (await seedDemoIfEmpty()) log('info', 'seeded the demo workspace', { slug: 'acme' })
    }
    const boss = await startQueue({ supervise: config.CANDOR_ROLE !== 'web' })
    cleanups.push({ name: 'job queue', run: () => stopQueue({ graceMs: config.SHUTDOWN_GRACE_MS }) })
    if (config.CANDOR_ROLE !== 'web') {
      tolerateLostJobOutcomes()
      await startWorkers(boss)
    }
    if (config.CANDOR_ROLE !== 'worker') {
      const server = await listen(config, options.vite)
      cleanups.push({ name: 'HTTP server', run: () => closeServer(server, config.SHUTDOWN_GRACE_MS) })
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : config.PORT
      console.log(`Candor is running at ${localOrigin(config.HOST, port)} (role ${config.CANDOR_ROLE})`)
    } else {
      console.log('Candor worker is running (role worker)')
    }
    log('info', 'started', { ms: Math.round(performance.now() - startedAt), role: config.CANDOR_ROLE })
  } catch (error) {
    printFailure(error instanceof StartupError ? error.message : error)
    await shutdown()
    process.exit(1)
  }
  onSignals()
}

/** One-shot commands: connect, do `work`, report a failure as one line and exit code 1. */
async function runCommand(work: () => Promise<void>): Promise<void> {
  const config = loadEnv()
  try {
    await connectDatabase(config)
    await work()
  } catch (error) {
    printFailure(error instanceof Error ? error.message : error)
    process.exitCode = 1
  } finally {
    await shutdown()
  }
}

async function assertMigrated(): Promise<void> {
  const query = (text: string, values?: unknown[]) => ownerPool().query(text, values)
  const pending = await pendingMigrations(query, await readMigrations())
  if (pending.length) {
    throw new StartupError(
      `The database is not migrated (pending: ${pending.join(', ')}). Run npm run db:migrate first.`,
    )
  }
}

/** `npm run db:migrate`: apply pending migrations and exit (Fly's release command). */
export const migrateCommand = () => runCommand(applyMigrations)

/**
 * `npm run audit:verify`: verify every audit chain from its first entry (and every checkpoint
 * against it), record each outcome; exit 1 and name the first broken entry.
 */
export const auditVerifyCommand = () =>
  runCommand(async () => {
    await assertMigrated()
    await assertOwnerSeesEveryRow()
    const started = performance.now()
    const reports = await verifyAllChains(ownerPool())
    for (const report of reports) {
      // Kept for the audit page ("last full verification") and as the checkpoint walks start from.
      await recordFullVerification(ownerPool(), report)
      const chain = report.workspaceId ? `workspace ${report.workspaceId}` : 'platform'
      const broken = report.firstBroken
      console.log(
        broken
          ? `BROKEN  ${chain}: entry ${broken.seq}${broken.id ? ` (id ${broken.id})` : ''}: ${broken.reason}; ${report.entries} entries before it are intact`
          : `ok      ${chain}: ${report.entries} entries intact${report.head ? `, head ${report.head.seq} ${report.head.hash.slice(0, 16)}` : ''}`,
      )
    }
    const total = reports.reduce((sum, r) => sum + r.entries, 0)
    const ms = Math.round(performance.now() - started)
    console.log(`${reports.length} chains, ${total} entries verified in ${ms} ms`)
    if (reports.some((r) => !r.ok)) process.exitCode = 1
  })

/**
 * `npm run keys:rotate`, with CANDOR_KEK set to the new KEK and CANDOR_KEK_PREVIOUS to the old:
 * re-wrap every data key under the new KEK, then record it in the platform's audit log.
 */
export const keysRotateCommand = () =>
  runCommand(async () => {
    const { current, previous } = await keyring()
    if (!previous || !env().CANDOR_KEK) {
      throw new StartupError(
        'keys:rotate needs CANDOR_KEK (the new key) and CANDOR_KEK_PREVIOUS (the key in use until now).',
      )
    }
    await assertMigrated()
    await assertOwnerSeesEveryRow()
    const { rewrapped, stillUnderPrevious } = await rewrapDataKeys(ownerPool(), previous, current)
    await withPlatform((tx) =>
      recordAudit(tx, { workspaceId: null, actor: { type: 'system', reason: 'keys:rotate' } }, {
        action: 'kek.rotate',
        after: {
          from: previous.id,
          to: current.id,
          dataKeys: rewrapped,
          ...(stillUnderPrevious ? { stillUnderPrevious } : {}),
        },
      }),
    )
    console.log(`Re-wrapped ${rewrapped} data keys from KEK ${previous.id} to ${current.id}.`)
    if (stillUnderPrevious) {
      throw new StartupError(
        `The rotation is incomplete: ${stillUnderPrevious} data keys are still wrapped by the previous KEK ` +
          `${previous.id} (an instance still running with it created them meanwhile). Restart every ` +
          'instance with the new CANDOR_KEK, then run keys:rotate again. Keep CANDOR_KEK_PREVIOUS until it succeeds.',
      )
    }
    console.log('Once every instance runs with the new CANDOR_KEK, remove CANDOR_KEK_PREVIOUS.')
  })

/** A failure, for the person who started Candor: a message, or an unexpected error's stack; scrubbed. */
function printFailure(failure: unknown): void {
  const text = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)
  console.error(scrubText(text))
}

function loadEnv(): Env {
  try {
    return env()
  } catch (error) {
    if (error instanceof EnvError) {
      printFailure(error.message)
      process.exit(1)
    }
    throw error
  }
}

async function connectDatabase(config: Env): Promise<void> {
  cleanups.push({ name: 'database connections', run: () => Promise.all([disconnectDb(), closeOwnerPool()]).then(() => {}) })
  if (config.DATABASE_URL) return
  const embedded = await startEmbeddedPostgres(config.CANDOR_DATA_DIR).catch((error: Error) => {
    throw new StartupError(error.message)
  })
  process.env.DATABASE_URL = embedded.url
  cleanups.unshift({ name: 'embedded PostgreSQL', run: embedded.stop })
  if (embedded.tookOver) {
    log('warn', 'stopped the embedded PostgreSQL left running by a Candor that ended', {
      postmasterPid: embedded.tookOver.postmasterPid,
      previousCandorPid: embedded.tookOver.ownerPid,
    })
  }
  log('info', 'embedded PostgreSQL started', { dataDir: config.CANDOR_DATA_DIR })
  // The connection pools and the job queue reconnect by themselves once it is back
  // (docs/decisions/016-crash-recovery.md).
  embedded.keepRunning({
    onDown: (pid) => log('error', 'embedded PostgreSQL stopped unexpectedly; starting it again', { postmasterPid: pid }),
    onRestarted: (attempt) => log('warn', 'embedded PostgreSQL started again', { attempt }),
    onGaveUp: (error) => {
      printFailure(`Embedded PostgreSQL stopped and could not be started again, so Candor stops.\n${error.message}`)
      void shutdown().then(() => process.exit(1))
    },
  })
}

async function applyMigrations(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (!url) throw new StartupError('DATABASE_URL is not set')
  const result = await migrate(url, await readMigrations())
  log('info', 'migrations applied', { applied: result.applied, alreadyApplied: result.alreadyApplied })
}

async function listen(config: Env, vite: ViteDevServer | undefined): Promise<Server> {
  const build = vite
    ? () => vite.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>
    : () => import('virtual:react-router/server-build')
  const server = createServer(createRequestListener({ build, viteMiddleware: vite?.middlewares }))
  return new Promise((resolve, reject) => {
    server.listen(config.PORT, config.HOST)
    server.once('listening', () => resolve(server))
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new StartupError(
            `Port ${config.PORT} is already in use. Stop the program using it, or start Candor on another port: PORT=3001 npm start`,
          ),
        )
      } else reject(error)
    })
  })
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs).unref()
    server.close(() => {
      clearTimeout(force)
      resolve()
    })
    server.closeIdleConnections()
  })
}

let stopping = false

function onSignals(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) {
        console.error('Stopping immediately.')
        process.exit(1)
      }
      console.log(`${signal} received: stopping (running jobs may finish first)…`)
      void shutdown().then(() => process.exit(0))
    })
  }
}

async function shutdown(): Promise<void> {
  stopping = true
  // The HTTP server stops first, then the queue, then connections, then the database.
  for (const step of cleanups.splice(0).reverse()) {
    try {
      await step.run()
    } catch (error) {
      log('error', `could not stop ${step.name} cleanly`, errorFields(error))
    }
  }
}

/** `npm run backup:run`: take one backup now (the same as the daily backup.run job). */
export const backupRunCommand = () =>
  runCommand(async () => {
    await assertMigrated()
    const backup = await runBackup()
    const rows = Object.values(backup.rowCounts).reduce((sum, n) => sum + n, 0)
    if (backup.abandoned) console.log(`${backup.abandoned} earlier run(s) had stopped before finishing: marked failed.`)
    console.log(
      `Backup ${backup.id}: ${Object.keys(backup.rowCounts).length} tables, ${rows} rows, ${backup.bytes} bytes ` +
        `in ${objectStore().location} as ${backup.objectKey}, encrypted to backup key ${backup.keyId}, sha256 ${backup.sha256}.`,
    )
  })

/**
 * `npm run backup:restore -- --backup <id|latest> --into <DATABASE_URL>`: restore a backup into
 * an empty database, check it, re-apply the erasures completed after it, print a summary. The
 * backup is looked up in DATABASE_URL's catalogue, or in the object store when that catalogue
 * is lost (docs/disaster-recovery.md).
 */
export const backupRestoreCommand = () =>
  runCommand(async () => {
    const args = parseRestoreArguments(process.argv.slice(3))
    const keys = await backupPrivateKeys()
    const chosen = await backupToRestore(args.backup, keys)
    const { backup } = chosen
    if (chosen.from === 'store') {
      console.log(
        `The backup catalogue (DATABASE_URL) ${chosen.catalogueProblem}; the backup was found in the object store instead (${objectStore().location}).`,
      )
    }
    const summary = await restoreBackup(backup, args.into, keys)
    const when = chosen.from === 'catalogue' ? `taken ${chosen.backup.startedAt.toISOString()}` : `stored ${chosen.backup.writtenAt.toISOString()}`
    console.log(`Restored backup ${backup.id} (${when}, schema ${summary.schemaVersion}) into database ${new URL(args.into).pathname.slice(1)}:`)
    for (const [table, rows] of Object.entries(summary.rowCounts)) console.log(`  ${String(rows).padStart(10)}  ${table}`)
    console.log(
      chosen.from === 'catalogue'
        ? `${Object.keys(summary.rowCounts).length} tables, ${summary.rows} rows; every count matches the catalogue; ` +
            `${summary.bytes} bytes read, SHA-256 and every encrypted record verified.`
        : `${Object.keys(summary.rowCounts).length} tables, ${summary.rows} rows; every count matches the backup's own; ` +
            `${summary.bytes} bytes read, every encrypted record verified. Without the catalogue the stored SHA-256 could not be compared.`,
    )
    const { erasures } = summary
    console.log(
      `Erasures completed after this backup, re-applied: ${erasures.reapplied} of ${erasures.listed} on the replay list ` +
        `(${erasures.inBackup} already in the backup; ${erasures.subjectsFound} found a subject's rows to erase; ` +
        `${erasures.tasksCompleted} erasure tasks of requests in the backup marked done).`,
    )
    for (const chain of summary.chains.filter((c) => !c.ok)) {
      const name = chain.workspaceId ? `workspace ${chain.workspaceId}` : 'platform'
      console.log(`BROKEN audit chain of ${name}: entry ${chain.firstBroken?.seq}: ${chain.firstBroken?.reason}`)
    }
    const entries = summary.chains.reduce((sum, c) => sum + c.entries, 0)
    console.log(`${summary.chains.length} audit chains, ${entries} entries: ${summary.chainsIntact ? 'all intact' : 'NOT all intact'}.`)
    const { migrate, copy, rebuild, counts, erasures: replay, chains } = summary.seconds
    const s = (value: number) => `${value.toFixed(1)} s`
    console.log(
      `Time: migrations ${s(migrate)}, rows ${s(copy)}, indexes and constraints ${s(rebuild)}, row counts ${s(counts)}, ` +
        `erasures ${s(replay)}, audit chains ${s(chains)}.`,
    )
    if (!summary.chainsIntact) process.exitCode = 1
  })

/**
 * `npm run backup:drill`: restore the newest backup into a scratch database and check it, now
 * (the same as the weekly backup.drill job); run where BACKUP_PRIVATE_KEY is set.
 */
export const backupDrillCommand = () =>
  runCommand(async () => {
    await assertMigrated()
    // A failed drill e-mails the operators through the queue (sending only: no workers here).
    await startQueue({ supervise: false })
    cleanups.push({ name: 'job queue', run: () => stopQueue({ graceMs: 0 }) })
    const drill = await runDrill({ trigger: 'command' })
    if (drill.abandoned) console.log(`${drill.abandoned} earlier drill(s) had stopped before finishing: marked failed.`)
    for (const name of drill.droppedScratchDatabases) console.log(`Dropped the scratch database ${name} an earlier drill left.`)
    const seconds = (drill.durationMs / 1000).toFixed(1)
    if (drill.status === 'passed') {
      console.log(
        `Drill ${drill.id} passed: backup ${drill.backupId} restored into a scratch database in ${seconds} s, ` +
          `${drill.rows} rows, every count, hash and encrypted record checked, ${drill.chainsVerified} audit chains intact; scratch database dropped.`,
      )
    } else {
      console.error(`Drill ${drill.id} FAILED after ${seconds} s: ${drill.error}`)
      console.error(drill.alerted ? `${drill.alerted} operator(s) e-mailed.` : 'No operator was e-mailed (OPERATOR_EMAILS is empty).')
      process.exitCode = 1
    }
  })

/** `npm run retention:purge`: one retention purge now, as the daily job runs it (decision 023). */
export const retentionPurgeCommand = () =>
  runCommand(async () => {
    await assertMigrated()
    const run = await runRetentionPurge({ trigger: 'command' })
    if (run.abandoned) console.log(`${run.abandoned} earlier run(s) had stopped before finishing: marked failed.`)
    const counts = Object.entries(run.counts).map(([kind, n]) => `${kind} ${n}`).join(', ')
    console.log(`Retention purge ${run.id} succeeded: ${counts}.`)
  })

/** `npm run backup:keygen`: a new backup key pair, printed once (nothing is stored). */
export function backupKeygenCommand(): void {
  const { publicText, privateText } = newKeyPair()
  console.log(`BACKUP_PUBLIC_KEY=${publicText}`)
  console.log(`BACKUP_PRIVATE_KEY=${privateText}`)
  console.log('Set BACKUP_PUBLIC_KEY on every Candor machine. Keep BACKUP_PRIVATE_KEY offline (a password manager or vault), never on them: only a restore needs it.')
}
