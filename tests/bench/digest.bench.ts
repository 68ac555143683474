// Benchmark: the weekly digest (digest.send) for DIGEST_BENCH_WORKSPACES (default 1,000)
// workspaces of 10 members each (an owner, an admin, six agents, two viewers of whom one chose
// the digest), in seven time zones from UTC+00:00 to UTC+05:45, each with privacy requests
// received, closed, overdue and due, some with vulnerability reports and an announced
// sub-processor change with objections. Each run is a Monday noon UTC of a new ISO week, when
// every member's 08:00 has come: the run finds who is due, reads each workspace's figures once,
// claims and queues every digest (in this process, as the worker would). Digests built and
// queued per second is the median of DIGEST_BENCH_RUNS (default 3) runs; peak RSS is this
// process's. One JSON line: `npm run bench:digest`.
import { expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { sendWeeklyDigests } from '~/modules/notifications/digest.server'
import { median, printFigures } from '../support/bench-figures'
import { makeWorkspace } from '../support/factories'

const WORKSPACES = Number(process.env.DIGEST_BENCH_WORKSPACES ?? 1_000)
const RUNS = Number(process.env.DIGEST_BENCH_RUNS ?? 3)
const MEMBERS_ADDED = 9
const ZONES = ['Europe/London', 'Africa/Lagos', 'Europe/Berlin', 'Europe/Helsinki', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Kathmandu']
/** Monday 1 March 2027, 12:00 UTC: Monday after 08:00 in every zone above. */
const FIRST_MONDAY_NOON = Date.UTC(2027, 2, 1, 12)
const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/** The rows of a workspace's week, relative to `monday` (SQL). */
async function fillWorkspaces(workspaceIds: string[]) {
  const db = ownerPool()
  // Nine more members each, a quarter of them with a time zone of their own.
  await db.query(
    `WITH made AS (
       SELECT w.id AS workspace_id, g, gen_random_uuid() AS user_id,
              CASE WHEN g = 1 THEN 'admin' WHEN g <= 7 THEN 'agent' ELSE 'viewer' END::member_role AS role
         FROM unnest($1::uuid[]) AS w(id), generate_series(1, $2) g),
     users AS (
       INSERT INTO "user" (id, email, name, time_zone)
       SELECT user_id, 'member-' || user_id || '@bench.example', 'Bench Member',
              CASE WHEN g % 4 = 0 THEN ($3::text[])[1 + (abs(hashtext(user_id::text)) % array_length($3::text[], 1))] END
         FROM made RETURNING id)
     INSERT INTO membership (id, workspace_id, user_id, role) SELECT gen_random_uuid(), workspace_id, user_id, role FROM made`,
    [workspaceIds, MEMBERS_ADDED, ZONES],
  )
  await db.query(
    `UPDATE workspace SET time_zone = ($2::text[])[1 + (abs(hashtext(id::text)) % array_length($2::text[], 1))] WHERE id = ANY($1::uuid[])`,
    [workspaceIds, ZONES],
  )
  await db.query(
    `INSERT INTO notification_preference (workspace_id, user_id, kind, enabled)
     SELECT DISTINCT ON (m.workspace_id) m.workspace_id, m.user_id, 'weekly_digest', true
       FROM membership m WHERE m.workspace_id = ANY($1::uuid[]) AND m.role = 'viewer' ORDER BY m.workspace_id, m.user_id`,
    [workspaceIds],
  )
  // Thirty requests each over the benchmark's weeks: open ones due on every day, closed ones.
  await db.query(
    `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship,
                                  portal_origin, submitted_at, received_at, due_at, completed_at)
     SELECT gen_random_uuid(), w.id, 'R-' || upper(substr(md5(w.id::text || g), 1, 8)), 'access', 'gdpr',
            CASE WHEN g % 3 = 0 THEN 'completed' ELSE 'in_progress' END::request_state,
            'Bench Subject', 'subject-' || g || '@bench.example', 'customer', 'https://portal.example',
            to_timestamp($2 / 1000.0) - make_interval(days => 35 - g), to_timestamp($2 / 1000.0) - make_interval(days => 35 - g),
            to_timestamp($2 / 1000.0) + make_interval(days => g - 5),
            CASE WHEN g % 3 = 0 THEN to_timestamp($2 / 1000.0) - make_interval(days => 30 - g) END
       FROM unnest($1::uuid[]) AS w(id), generate_series(1, 30) g`,
    [workspaceIds, FIRST_MONDAY_NOON],
  )
  await db.query(
    `INSERT INTO vulnerability_report (id, workspace_id, reference, reporter_email, affected_surface, reproduction_steps, severity,
                                       preferred_timeline, received_at, acknowledge_by, disclosure_due_at)
     SELECT gen_random_uuid(), w.id, 'VR-' || upper(substr(md5(w.id::text), 1, 8)), 'finder@bench.example', 'api.example.com', 'Steps', 'high', 'policy',
            to_timestamp($2 / 1000.0) - interval '3 days', to_timestamp($2 / 1000.0) - interval '1 day', to_timestamp($2 / 1000.0) + interval '87 days'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS w(id, n) WHERE n % 4 = 0`,
    [workspaceIds, FIRST_MONDAY_NOON],
  )
  await db.query(
    `WITH changes AS (
       INSERT INTO subprocessor_change (id, workspace_id, kind, name, purpose, effective_on, state, announced_at)
       SELECT gen_random_uuid(), w.id, 'add', 'Postmark', 'E-mail delivery', (to_timestamp($2 / 1000.0) + interval '40 days')::date, 'announced',
              to_timestamp($2 / 1000.0) - interval '2 days'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS w(id, n) WHERE n % 5 = 0 RETURNING id, workspace_id)
     INSERT INTO subprocessor_objection (id, workspace_id, change_id, email, reason)
     SELECT gen_random_uuid(), workspace_id, id, 'customer-' || g || '@bench.example', 'Our data must stay in the EU' FROM changes, generate_series(1, 2) g`,
    [workspaceIds, FIRST_MONDAY_NOON],
  )
  await db.query('ANALYZE membership, "user", privacy_request, vulnerability_report, subprocessor_change, subprocessor_objection, digest_sent')
}

it(`queues the weekly digests of ${WORKSPACES} workspaces`, async () => {
  await startQueue({ supervise: false })
  try {
    const workspaceIds: string[] = []
    for (let i = 0; i < WORKSPACES; i++) workspaceIds.push((await makeWorkspace()).workspace.id)
    await fillWorkspaces(workspaceIds)
    const members = WORKSPACES * (1 + MEMBERS_ADDED)
    // Per workspace: the owner, the admin, six agents and the viewer who chose it.
    const expected = WORKSPACES * 9

    const perSecond: number[] = []
    const seconds: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const now = new Date(FIRST_MONDAY_NOON + run * WEEK_MS)
      const started = performance.now()
      const result = await sendWeeklyDigests(now)
      const elapsed = (performance.now() - started) / 1000
      expect(result).toMatchObject({ failed: 0 })
      // Other benchmark files' workspaces may share the database: count this benchmark's own.
      const { rows } = await ownerPool().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM digest_sent WHERE workspace_id = ANY($1::uuid[]) AND emailed AND iso_week = to_char($2::timestamptz, 'IYYY-"W"IW')`,
        [workspaceIds, now],
      )
      expect(rows[0]!.n).toBe(expected)
      seconds.push(elapsed)
      perSecond.push(result.digests / elapsed)
    }
    printFigures({
      bench: 'digest',
      workspaces: WORKSPACES,
      members,
      digests_per_run: expected,
      runs: RUNS,
      digests_per_second: Math.round(median(perSecond)),
      seconds_per_run: Number(median(seconds).toFixed(2)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    })
  } finally {
    await stopQueue({ graceMs: 0 })
  }
})
