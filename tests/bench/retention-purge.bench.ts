// Benchmark: one retention purge over RETENTION_BENCH_ROWS (default 100,000) each of expired
// sessions, outbox e-mails two days old holding a bearer link, and webhook deliveries 31 days
// old, in batches of 1,000 with a statement timeout. Measures the run (in this process) and the
// rows it handled per second, and checks a second run finds nothing. Run with
// `npm run bench:retention`; prints one JSON line.
import { expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { runRetentionPurge } from '~/modules/retention/purge-run.server'
import { printFigures } from '../support/bench-figures'
import { makeWorkspace } from '../support/factories'

const ROWS = Number(process.env.RETENTION_BENCH_ROWS ?? 100_000)

it(`purges ${ROWS} sessions, e-mail links and webhook deliveries in batches`, async () => {
  const { workspace, owner } = await makeWorkspace()
  const db = ownerPool()
  await db.query(
    `INSERT INTO session (id, user_id, token_hash, expires_at, last_seen_at)
     SELECT gen_random_uuid(), $1, 'bench-' || g, now() - interval '2 days', now() - interval '2 days' FROM generate_series(1, $2) g`,
    [owner.id, ROWS],
  )
  // A 43-character base64url token in each body, as every bearer link carries.
  await db.query(
    `INSERT INTO email_message (id, workspace_id, "to", "from", subject, text, status, created_at)
     SELECT gen_random_uuid(), $1, 'sam@example.com', 'privacy@candor.example', 'Your document',
            'Download: https://candor.example/t/acme/documents/access/' || substr(translate(encode(decode(md5(random()::text) || md5(random()::text), 'hex'), 'base64'), '+/', '-_'), 1, 43),
            'outbox', now() - interval '2 days'
       FROM generate_series(1, $2)`,
    [workspace.id, ROWS],
  )
  const { rows: [endpoint] } = await db.query(
    `INSERT INTO webhook_endpoint (id, workspace_id, url, secret_encrypted, events) VALUES (gen_random_uuid(), $1, 'https://hooks.example/c', 'sealed', '{request.received}') RETURNING id`,
    [workspace.id],
  )
  await db.query(
    `INSERT INTO webhook_delivery (id, workspace_id, endpoint_id, event_id, event_type, payload, created_at)
     SELECT gen_random_uuid(), $1, $2, gen_random_uuid(), 'request.received', '{"subject": {"email": "sam@example.com"}}', now() - interval '31 days'
       FROM generate_series(1, $3)`,
    [workspace.id, endpoint.id, ROWS],
  )
  await db.query('ANALYZE session, email_message, webhook_delivery')

  const started = performance.now()
  const run = await runRetentionPurge({ trigger: 'command' })
  const seconds = (performance.now() - started) / 1000
  expect(run.counts).toMatchObject({ sessions: ROWS, emailLinksRedacted: ROWS, webhookDeliveries: ROWS })
  const again = await runRetentionPurge({ trigger: 'command' })
  expect(again.counts).toMatchObject({ sessions: 0, emailLinksRedacted: 0, webhookDeliveries: 0 })

  const handled = 3 * ROWS
  printFigures({
    bench: 'retention-purge',
    rowsPerKind: ROWS,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(handled / seconds),
    sessionsDeleted: run.counts.sessions,
    emailLinksRedacted: run.counts.emailLinksRedacted,
    webhookDeliveriesDeleted: run.counts.webhookDeliveries,
    batchRows: 1000,
  })
})
