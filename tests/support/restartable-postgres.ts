// A PostgreSQL server of a test's own that the test stops and starts again on the same port
// (a database restart under load). The cluster is created by startEmbeddedPostgres, as Candor
// creates its embedded one (as the postgres user when run as root, password authentication);
// then the same binaries run it directly, so the address stays the same across restarts.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startEmbeddedPostgres } from '~/modules/db/embedded-postgres.server'

export type RestartablePostgres = {
  /** The owner's connection string (database `postgres`). */
  url: string
  /** Fast shutdown (SIGINT): open transactions are rolled back, clients disconnected. */
  stop: () => Promise<void>
  start: () => Promise<void>
  remove: () => Promise<void>
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candor-restartable-pg-'))
  await chmod(dataDir, 0o777)
  const created = await startEmbeddedPostgres(dataDir)
  await created.stop()
  const port = new URL(created.url).port
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string }
  const asPostgresUser =
    process.getuid?.() === 0
      ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
      : {}
  let server: ChildProcess | undefined

  const start = () =>
    new Promise<void>((resolve, reject) => {
      let log = ''
      const child = spawn(
        binaries.postgres,
        ['-D', path.join(dataDir, 'postgres'), '-p', port, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        { ...asPostgresUser, stdio: ['ignore', 'ignore', 'pipe'] },
      )
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk
        if (log.includes('database system is ready to accept connections')) resolve()
      })
      child.once('exit', () => reject(new Error(`PostgreSQL exited:\n${log}`)))
      server = child
    })

  const stop = async () => {
    const child = server
    server = undefined
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGINT')
    await exited
  }

  await start()
  return {
    url: created.url,
    start,
    stop,
    remove: async () => {
      await stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
