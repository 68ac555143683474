// The database restarted under load: Candor in production mode (web and worker in one
// process, as `npm start` runs it) on a PostgreSQL of this test's own, with people filing
// privacy requests on the portal without pause. While the database is down each submission
// gets a plain "temporarily unavailable, try again" page (503), never a stack trace, an
// address or a hang; once it is back the
// same process serves again, and every request that was answered as filed exists whole (its
// timeline, audit entry, confirmation code and e-mail, sent by the job queue, which survived
// the restart too).
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { migrate, readMigrations } from '~/modules/db/migrate.server'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { startResendStandIn } from '../support/resend-stand-in'
import { type RestartablePostgres, startRestartablePostgres } from '../support/restartable-postgres'

let database: RestartablePostgres
let resend: Awaited<ReturnType<typeof startResendStandIn>>
let candor: RunningCandor
let owner: pg.Pool

beforeAll(async () => {
  ;[database, resend] = await Promise.all([startRestartablePostgres(), startResendStandIn()])
  // Production never migrates at start (the release command does).
  await migrate(database.url, await readMigrations())
  owner = new pg.Pool({ connectionString: database.url, max: 2 })
  // Our own idle connections die with the database; that must not crash the test process.
  owner.on('error', () => {})
  await owner.query(`INSERT INTO workspace (id, name, slug) VALUES (gen_random_uuid(), 'Restart Test Ltd', 'restart-test')`)
  candor = await startCandor({
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    CANDOR_KEK: randomBytes(32).toString('base64'),
    RESEND_API_KEY: 're_stand_in',
    RESEND_BASE_URL: resend.url,
    PLATFORM_WORKSPACE_SLUG: 'candor',
    CLIENT_IP_HEADER: 'x-forwarded-for',
    LOG_LEVEL: 'error',
  })
})

afterAll(async () => {
  await candor?.stop()
  await owner?.end()
  await Promise.all([database?.remove(), resend?.close()])
})

type Answer = { email: string; status: number; reference: string | null; body: string; sentAt: number; answeredAt: number }

it('answers "temporarily unavailable" while the database is down, and loses no request answered as filed', { timeout: 90_000 }, async () => {
  const answers: Answer[] = []
  const networkErrors: unknown[] = []
  let running = true
  let sent = 0
  const submitter = async () => {
    while (running) {
      const n = sent++
      const email = `subject-${n}@restart.example`
      const sentAt = performance.now()
      try {
        const response = await fetch(`${candor.url}/p/restart-test`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            origin: candor.url,
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': `10.9.${Math.floor(n / 256) % 256}.${n % 256}`,
          },
          body: new URLSearchParams({ type: 'access', subjectName: 'Restart Subject', email, relationship: 'customer', jurisdiction: 'gdpr', agent: 'self' }),
          signal: AbortSignal.timeout(15_000),
        })
        const reference = /\/requests\/(R-[A-Z0-9]{8})\/verify$/.exec(response.headers.get('location') ?? '')?.[1] ?? null
        answers.push({ email, status: response.status, reference, body: await response.text(), sentAt, answeredAt: performance.now() })
      } catch (error) {
        networkErrors.push(error)
      }
    }
  }
  const load = Promise.all(Array.from({ length: 6 }, submitter))
  const filedSince = (since: number) => answers.filter((a) => a.sentAt > since && a.status === 302).length

  await eventually(async () => filedSince(0) >= 10, { what: 'submissions before the restart' })
  // A job is surely running when the database goes: the e-mail provider holds its answer.
  resend.holdEverything(true)
  await eventually(async () => resend.heldCount() > 0, { what: 'an e-mail job to be under way' })
  await database.stop()
  const down = performance.now()
  // That job now finishes against a database that is gone (its outcome cannot be recorded).
  resend.holdEverything(false)
  resend.releaseHeld()
  await sleep(500)
  const readiness = await fetch(`${candor.url}/readyz`)
  // An API client is told the same, in the API's own error shape.
  // (A well-formed key, so that looking it up needs the database.)
  const api = await fetch(`${candor.url}/api/v1/requests`, { headers: { authorization: `Bearer cnd_0123456789_${'a'.repeat(43)}` } })
  const apiAnswer = { status: api.status, retryAfter: api.headers.get('retry-after'), body: await api.text() }
  // And a client-side navigation, whose error boundary shows these words.
  const navigation = await fetch(`${candor.url}/p/restart-test.data`)
  const navigationAnswer = { status: navigation.status, body: await navigation.text() }
  await sleep(1500)
  const restarting = performance.now()
  await database.start()
  const up = performance.now()
  // The same process serves again once its pools reconnect.
  await eventually(async () => filedSince(up) >= 10, { timeoutMs: 30_000, what: 'submissions to succeed after the restart' })
  running = false
  await load

  expect(networkErrors).toEqual([])
  expect(readiness.status).toBe(503)
  expect(apiAnswer).toMatchObject({ status: 503, retryAfter: '30' })
  expect(navigationAnswer).toEqual({ status: 503, body: 'Candor cannot reach its database just now. Please try again in a minute.' })
  expect(JSON.parse(apiAnswer.body)).toEqual({ error: { code: 'unavailable', message: expect.stringContaining('try again') } })
  const duringOutage = answers.filter((a) => a.sentAt > down && a.answeredAt < restarting)
  expect(duringOutage.length).toBeGreaterThan(0)
  for (const answer of duringOutage) {
    expect(answer.status).toBe(503)
    expect(answer.body).toContain('Please try again in a minute.')
    expect(answer.body).not.toMatch(/ECONNREFUSED|prisma|DriverAdapter|\n\s+at |pg-boss|password|127\.0\.0\.1:\d+|reach database server/i)
  }
  expect(answers.filter((a) => a.status !== 302 && a.status !== 503).map((a) => `${a.status} ${a.body.slice(0, 200)}`)).toEqual([])

  // Every request answered as filed exists, with everything filing writes in its transaction.
  const filed = answers.filter((a) => a.status === 302)
  const { rows } = await owner.query<{ reference: string; email: string; events: number; audits: number; codes: number; emails: number }>(
    `SELECT r.reference, r.email,
            (SELECT count(*)::int FROM request_event e WHERE e.request_id = r.id AND e.kind = 'submitted') AS events,
            (SELECT count(*)::int FROM audit_entry a WHERE a.target_id = r.id::text AND a.action = 'request.file') AS audits,
            (SELECT count(*)::int FROM requester_code c WHERE c.request_id = r.id) AS codes,
            (SELECT count(*)::int FROM email_message m WHERE m."to" = r.email AND m.subject LIKE 'Confirm your privacy request%') AS emails
       FROM privacy_request r
      WHERE r.email LIKE '%@restart.example'`,
  )
  const stored = new Map(rows.map((row) => [row.reference, row]))
  for (const answer of filed) expect(stored.get(answer.reference!)?.email).toBe(answer.email)
  // No half-written request, including any whose answer was lost with the connection.
  for (const row of rows) expect(row).toMatchObject({ events: 1, audits: 1, codes: 1, emails: 1 })
  // The job queue came back too: the e-mails of requests filed after the restart are sent
  // (to the Resend stand-in), and every e-mail not sent yet still has its job waiting (a job
  // whose outcome was lost with the connection is retried once it expires).
  const filedAfter = answers.filter((a) => a.sentAt > up && a.status === 302).map((a) => a.email)
  await eventually(
    async () =>
      (
        await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_message WHERE "to" = ANY($1) AND status <> 'sent'`, [filedAfter])
      ).rows[0]!.n === 0,
    { timeoutMs: 30_000, what: 'the e-mails of requests filed after the restart to be sent' },
  )
  const unsentWithoutJob = await owner.query(
    `SELECT m.id FROM email_message m
      WHERE m."to" LIKE '%@restart.example' AND m.status <> 'sent'
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j
                         WHERE j.name = 'email.send' AND j.data->>'messageId' = m.id::text
                           AND j.state IN ('created', 'retry', 'active'))`,
  )
  expect(unsentWithoutJob.rows).toEqual([])
  expect((await fetch(`${candor.url}/readyz`)).status).toBe(200)
})
