// npm run backup:drill as an operator runs it, as its own process: a drill that passes says what
// it checked; in production without BACKUP_PRIVATE_KEY it fails saying why, records the failure
// and e-mails the operators; killed with SIGKILL mid-drill it leaves a running drill and its
// scratch database, which the next drill fails and drops.
import { spawn } from 'node:child_process'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { scratchDatabaseName } from '~/modules/backups/scratch-database.server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { commandEnv, productionEnv, runCommand } from '../support/candor-command'

// Every command here runs with an operator to e-mail when a drill fails.
const OPERATORS = { OPERATOR_EMAILS: 'ops@candor.example' }
const command = (args: string[], env: Record<string, string> = {}) => runCommand(args, { ...OPERATORS, ...env })

const newestDrill = async () =>
  (await ownerPool().query(`SELECT id, status, trigger, backup_id, error FROM backup_drill ORDER BY started_at DESC LIMIT 1`)).rows[0] as {
    id: string
    status: string
    trigger: string
    backup_id: string
    error: string | null
  }

describe('npm run backup:drill', () => {
  it('restores the newest backup into a scratch database, checks it, drops it and says so', async () => {
    await makeWorkspace()
    expect(await command(['backup:run'])).not.toHaveProperty('code')
    const drill = await command(['backup:drill'])
    expect(drill).not.toHaveProperty('code')
    const row = await newestDrill()
    expect(row).toMatchObject({ status: 'passed', trigger: 'command', error: null })
    expect(drill.stdout).toMatch(
      new RegExp(`^Drill ${row.id} passed: backup ${row.backup_id} restored into a scratch database in [\\d.]+ s, \\d+ rows, every count, hash and encrypted record checked, \\d+ audit chains intact; scratch database dropped\\.$`, 'm'),
    )
  })

  it('in production without BACKUP_PRIVATE_KEY, fails saying why, records it and e-mails the operators', async () => {
    const production = productionEnv()
    const drill = await command(['backup:drill'], production)
    expect(drill).toMatchObject({ code: 1 })
    const row = await newestDrill()
    expect(row.status).toBe('failed')
    expect(row.error).toBe(
      `Backup ${row.backup_id} was not restored: A restore needs BACKUP_PRIVATE_KEY: the private line of the pair whose public line is BACKUP_PUBLIC_KEY.`,
    )
    expect(drill.stderr).toContain(`Drill ${row.id} FAILED after`)
    expect(drill.stderr).toContain('1 operator(s) e-mailed.')
    const mail = await ownerPool().query(`SELECT "to", text FROM email_message WHERE subject = $1`, [`Restore drill failed (backup ${row.backup_id})`])
    expect(mail.rows).toEqual([{ to: 'ops@candor.example', text: expect.stringContaining(row.error!) }])
  })

  it('killed with SIGKILL mid-drill leaves its drill running (and, mid-restore, its scratch database); the next drill fails it and drops it', async () => {
    // Hold the drill up once its row is written: naming the backup it restores checks the
    // backup's row, which the blocker holds. Then kill it.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query(`SELECT id FROM backup WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1 FOR UPDATE`)
    const child = spawn(process.execPath, ['server/main.js', 'backup:drill'], { env: commandEnv(OPERATORS), stdio: 'ignore' })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const running = await eventually(async () => {
      const { rows } = await ownerPool().query(
        `SELECT id FROM backup_drill WHERE status = 'running'
            AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'candor-drill' AND wait_event_type = 'Lock')`,
      )
      return rows[0] as { id: string } | undefined
    }, { timeoutMs: 60_000, what: 'the drill to wait at the locked backup row' })
    // What a kill in the middle of the restore leaves besides the row: its scratch database.
    await ownerPool().query(`CREATE DATABASE "${scratchDatabaseName(running.id)}"`)
    child.kill('SIGKILL')
    await exited
    await blocker.query('ROLLBACK')
    await blocker.end()

    const next = await eventually(async () => {
      const result = await command(['backup:drill'])
      // The dead drill's lock is freed once PostgreSQL notices its client is gone.
      return 'code' in result ? undefined : result
    }, { timeoutMs: 30_000, what: 'the next drill to start' })
    expect(next.stdout).toContain('1 earlier drill(s) had stopped before finishing: marked failed.')
    expect(next.stdout).toContain(`Dropped the scratch database ${scratchDatabaseName(running.id)} an earlier drill left.`)
    const { rows } = await ownerPool().query(`SELECT status, error FROM backup_drill WHERE id = $1`, [running.id])
    expect(rows).toEqual([{ status: 'failed', error: 'The drill stopped before it finished (the process ended).' }])
    const left = await ownerPool().query('SELECT 1 FROM pg_database WHERE datname = $1', [scratchDatabaseName(running.id)])
    expect(left.rows).toEqual([])
  }, 120_000)
})
