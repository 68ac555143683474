// Benchmark: sign-in code request → e-mail in the outbox. Starts the built server (web and
// worker, local outbox), asks for codes for SIGN_IN_BENCH_REQUESTS addresses one after the
// other, and times (a) the POST /sign-in answer and (b) until the sign-in e-mail's status is
// `outbox` (delivered by the email.send job). Baseline in the same run: the same path for a
// plain test e-mail queued from /dev/mailbox. Run with `npm run bench:sign-in`; one JSON line.
import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { startCandor } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { printFigures } from '../support/bench-figures'

const REQUESTS = Number(process.env.SIGN_IN_BENCH_REQUESTS ?? 30)

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!

async function deliveredAfter(to: string, started: number): Promise<number> {
  await eventually(
    async () => {
      const { rows } = await ownerPool().query(`SELECT 1 FROM email_message WHERE "to" = $1 AND status = 'outbox'`, [to])
      return rows.length > 0
    },
    { intervalMs: 5, timeoutMs: 30_000, what: `the e-mail to ${to} in the outbox` },
  )
  return performance.now() - started
}

it('measures sign-in code → outbox latency', async () => {
  const candor = await startCandor({ NODE_ENV: 'test', LOG_LEVEL: 'error' })
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${candor.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: candor.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    })
  try {
    const answer: number[] = []
    const outbox: number[] = []
    const baseline: number[] = []
    for (let i = 0; i < REQUESTS; i++) {
      const email = `bench-${randomUUID()}@example.com`
      const started = performance.now()
      const response = await post('/sign-in', { email })
      answer.push(performance.now() - started)
      expect(response.status).toBe(302)
      outbox.push(await deliveredAfter(email, started))

      const to = `baseline-${randomUUID()}@example.com`
      const queued = performance.now()
      expect((await post('/dev/mailbox', { to, subject: 'Baseline', text: 'Baseline message' })).status).toBe(302)
      baseline.push(await deliveredAfter(to, queued))
    }
    const figures = {
      benchmark: 'sign-in',
      requests: REQUESTS,
      answer_ms_median: Math.round(median(answer)),
      outbox_ms_median: Math.round(median(outbox)),
      outbox_ms_p95: Math.round(p95(outbox)),
      baseline_outbox_ms_median: Math.round(median(baseline)),
      ratio_to_baseline: Number((median(outbox) / median(baseline)).toFixed(2)),
    }
    printFigures(figures)
  } finally {
    await candor.stop()
  }
})
