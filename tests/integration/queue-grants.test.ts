// Web and worker processes start at the same time and both let candor_app enqueue. Concurrent
// GRANTs on one object fail in PostgreSQL ("tuple concurrently updated"), so a boot must not.
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { BOSS_SCHEMA, allowAppToEnqueue, startQueue, stopQueue } from '~/modules/jobs/queue.server'

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
