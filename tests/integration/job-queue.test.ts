// The job queue at boot and when it fails. Web and worker processes start at the same time and
// both let candor_app enqueue: concurrent GRANTs on one object fail in PostgreSQL ("tuple
// concurrently updated"), so a boot must not. pg-boss's own errors reach the log scrubbed.
import pg from 'pg'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { allowAppToEnqueue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'

const processes = Array.from({ length: 6 }, () => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 }))
afterAll(() => Promise.all(processes.map((pool) => pool.end())))

async function appRights() {
  const { rows } = await ownerPool().query(
    `SELECT has_schema_privilege('candor_app', $1, 'USAGE') AS schema,
            has_table_privilege('candor_app', $1 || '.queue', 'SELECT') AS queues,
            has_table_privilege('candor_app', $1 || '.job', 'INSERT') AS insert_jobs,
            has_column_privilege('candor_app', $1 || '.job', 'id', 'SELECT') AS read_job_id,
            has_column_privilege('candor_app', $1 || '.job', 'data', 'SELECT') AS read_job_data`,
    [BOSS_SCHEMA],
  )
  return rows[0]
}

describe('letting the app role enqueue', () => {
  it('succeeds when several processes grant at the same moment, again and again', async () => {
    await startQueue({ supervise: false })
    await stopQueue({ graceMs: 0 })
    for (let boot = 0; boot < 15; boot++) {
      await ownerPool().query(
        `REVOKE ALL ON SCHEMA ${BOSS_SCHEMA} FROM candor_app;
         REVOKE ALL ON ${BOSS_SCHEMA}.queue, ${BOSS_SCHEMA}.job FROM candor_app`,
      )
      await Promise.all(
        processes.map((pool) =>
          allowAppToEnqueue({ executeSql: (text, values) => pool.query(text, values) }),
        ),
      )
    }
    expect(await appRights()).toEqual({
      schema: true,
      queues: true,
      insert_jobs: true,
      read_job_id: true,
      read_job_data: false,
    })
  })
})

describe("pg-boss's errors", () => {
  it('are logged as one scrubbed line', async () => {
    const boss = await startQueue({ supervise: false })
    const written: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    try {
      const email = ['ana.lopez', 'example.com'].join('@')
      boss.emit('error', new Error(`connection to 198.51.100.7 lost while sending to ${email}`))
    } finally {
      stderr.mockRestore()
      await stopQueue({ graceMs: 0 })
    }
    const line = written.map((chunk) => JSON.parse(chunk)).find((entry) => entry.message === 'job queue error')
    expect(line).toMatchObject({
      level: 'error',
      error: 'Error: connection to [ip] lost while sending to [email]',
    })
  })
})
