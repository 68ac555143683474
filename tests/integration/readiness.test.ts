import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { checkReadiness } from '~/modules/health/readiness.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'

describe('checkReadiness', () => {
  it('is ready when the database answers, migrations are current and the queue runs', async () => {
    await startQueue({ supervise: false })
    expect(await checkReadiness()).toEqual({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, queue: { ok: true } },
    })
  })

  it('names what is wrong: the queue stopped, a migration not applied', async () => {
    await stopQueue({ graceMs: 0 })
    const [latest] = (
      await ownerPool().query('SELECT name FROM _candor_migrations ORDER BY name DESC LIMIT 1')
    ).rows
    await ownerPool().query('DELETE FROM _candor_migrations WHERE name = $1', [latest.name])
    const report = await checkReadiness()
    expect(report.status).toBe('not_ready')
    expect(report.checks.queue).toEqual({ ok: false, detail: 'not started' })
    expect(report.checks.migrations).toEqual({ ok: false, detail: `pending: ${latest.name}` })
    expect(report.checks.database).toEqual({ ok: true })
  })
})
