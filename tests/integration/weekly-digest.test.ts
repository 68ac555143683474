// The weekly digest (issue 16 item 5, decision 030): on Monday from 08:00 in each member's time
// zone, once per workspace, member and ISO week however often digest.send runs (and when two runs
// meet), never before 08:00 nor after that Monday; not when there is nothing to say; never to a
// member removed or who turned it off; text and HTML with counts, references and dates only; a
// one-click unsubscribe link that works on POST only; the operators' backup section only for
// operators, in the platform's own workspace. Each test uses its own Monday, so the workspaces
// of the others (due on other Mondays) change nothing here.
process.env.OPERATOR_EMAILS = 'ops-digest@candor.example'

import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { sendWeeklyDigests } from '~/modules/notifications/digest.server'
import { DIGEST_UNSUBSCRIBE_LIMIT } from '~/modules/notifications/digest-unsubscribe.server'
import { createWorkspace } from '~/modules/tenancy/workspaces.server'
import { action, loader } from '~/routes/notifications/digest-unsubscribe'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { addMember, makeOwnedWorkspace, makeWorkspace, workspaceInput } from '../support/factories'
import { recordedIncident } from '../support/incidents'
import { receivedRequest } from '../support/requests'
import { answerOf, callAction, callLoader } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

type Digest = { to: string; subject: string; text: string; html: string | null; headers: Record<string, string> | null; created_at: Date; job: string }

/** The digests e-mailed from `workspaceId`, oldest first, with the queue each one's delivery job is in. */
async function digestsOf(workspaceId: string): Promise<Digest[]> {
  const { rows } = await ownerPool().query<Digest>(
    `SELECT m."to", m.subject, m.text, m.html, m.headers, m.created_at,
            (SELECT j.name FROM pgboss.job j WHERE j.data->>'messageId' = m.id::text LIMIT 1) AS job
       FROM email_message m WHERE m.workspace_id = $1 AND m.subject LIKE '%weekly digest' ORDER BY m.created_at, m."to"`,
    [workspaceId],
  )
  return rows
}

const run = (at: string) => sendWeeklyDigests(new Date(at))

/** Runs every 15 minutes from `from` until before `to` (UTC instants), except those `skip` says. */
async function runEveryQuarterHour(from: string, to: string, skip: (at: Date) => boolean = () => false) {
  for (let at = new Date(from); at < new Date(to); at = new Date(at.getTime() + 15 * 60_000)) {
    if (!skip(at)) await sendWeeklyDigests(at)
  }
}

async function setZone(workspaceId: string, timeZone: string) {
  await ownerPool().query('UPDATE workspace SET time_zone = $2 WHERE id = $1', [workspaceId, timeZone])
}

/** A request received now whose deadline is `dueAt`, open: something for the digest to say. */
async function requestDue(workspaceId: string, dueAt: string) {
  const request = await receivedRequest(workspaceId)
  await ownerPool().query("UPDATE privacy_request SET due_at = $2, state = 'in_progress' WHERE id = $1", [request.id, dueAt])
  return request
}

describe('when the digest goes out', () => {
  it('goes once on Monday from 08:00 where each member is, however often it runs, and not before', async () => {
    const { workspace, owner } = await makeWorkspace()
    await setZone(workspace.id, 'Europe/Berlin')
    const agent = await addMember(workspace.id, 'agent')
    await ownerPool().query('UPDATE "user" SET time_zone = $2 WHERE id = $1', [agent.userId, 'Asia/Kathmandu'])
    const viewer = await addMember(workspace.id, 'viewer')
    const request = await requestDue(workspace.id, '2027-01-01T12:00:00Z')

    // Monday 4 January 2027: 08:00 is 02:15 UTC in Kathmandu (+05:45), 07:00 UTC in Berlin (+01:00).
    await run('2027-01-03T22:59:00Z') // Sunday 23:59 in Berlin
    await run('2027-01-04T02:14:00Z')
    expect(await digestsOf(workspace.id)).toEqual([])
    await run('2027-01-04T02:15:00Z')
    expect((await digestsOf(workspace.id)).map((d) => d.to)).toEqual([agent.email])
    await run('2027-01-04T06:59:00Z')
    expect(await digestsOf(workspace.id)).toHaveLength(1)
    // Two runs at once (two workers): one digest each all the same.
    await Promise.all([run('2027-01-04T07:00:00Z'), run('2027-01-04T07:00:00Z'), run('2027-01-04T07:01:00Z')])
    await runEveryQuarterHour('2027-01-04T07:15:00Z', '2027-01-04T23:00:00Z')
    const first = await digestsOf(workspace.id)
    expect(first.map((d) => d.to).sort()).toEqual([agent.email, owner.email].sort())
    expect(first.map((d) => d.to)).not.toContain(viewer.email)

    // Stale: a member who joins on Monday evening gets nothing on Tuesday for this week.
    const admin = await addMember(workspace.id, 'admin')
    await runEveryQuarterHour('2027-01-04T23:00:00Z', '2027-01-05T09:00:00Z')
    expect(await digestsOf(workspace.id)).toHaveLength(2)
    const { rows } = await ownerPool().query('SELECT user_id FROM digest_sent WHERE workspace_id = $1 AND user_id = $2', [workspace.id, admin.userId])
    expect(rows).toEqual([])

    // The next Monday is a new ISO week: one more each, the admin included.
    await run('2027-01-11T07:00:00Z')
    await run('2027-01-11T07:30:00Z')
    const second = await digestsOf(workspace.id)
    expect(second.slice(2).map((d) => d.to).sort()).toEqual([admin.email, agent.email, owner.email].sort())
    const weeks = await ownerPool().query('SELECT DISTINCT iso_week FROM digest_sent WHERE workspace_id = $1 ORDER BY iso_week', [workspace.id])
    expect(weeks.rows.map((r) => r.iso_week)).toEqual(['2027-W01', '2027-W02'])

    // What it says: text and HTML, counts, references and dates, nothing about the requester.
    const ownersDigest = first.find((d) => d.to === owner.email)!
    expect(ownersDigest.subject).toBe(`${workspace.name}: your weekly digest`)
    expect(ownersDigest.text).toContain(`${workspace.name} as it stands on Monday 4 January 2027, 08:00 (Europe/Berlin).`)
    expect(ownersDigest.text).toContain('Overdue now: 1.')
    expect(ownersDigest.text).toContain(`  - ${request.reference}, due Friday 1 January 2027`)
    expect(ownersDigest.text).toContain(`Open the requests: ${appOrigin()}/w/${workspace.slug}/requests`)
    expect(ownersDigest.text).toContain('Audit log')
    expect(ownersDigest.text).toContain(`${appOrigin()}/account/notifications`)
    expect(ownersDigest.html).toContain('<h2')
    expect(ownersDigest.html).toContain(request.reference)
    for (const copy of [ownersDigest.text, ownersDigest.html!]) {
      expect(copy).not.toContain(request.subjectName)
      expect(copy).not.toContain(request.email)
    }
    // The agent's, in Kathmandu: its own time; no audit section (agents do not read the audit log).
    const agentsDigest = first.find((d) => d.to === agent.email)!
    expect(agentsDigest.text).toContain('Monday 4 January 2027, 08:00 (Asia/Kathmandu)')
    expect(agentsDigest.text).not.toContain('Audit log')
    // Mail to many goes through the bulk queue, with RFC 8058 headers.
    expect(first.every((d) => d.job === 'email.bulk')).toBe(true)
    expect(ownersDigest.headers!['List-Unsubscribe']).toMatch(new RegExp(`^<${appOrigin()}/notifications/${workspace.slug}/unsubscribe/[A-Za-z0-9_-]{43}>$`))
    expect(ownersDigest.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    // The bulk queue's worker delivers them (here: to the outbox).
    await workQueue(queue(), 'email.bulk', { pollingIntervalSeconds: 0.5 })
    await eventually(
      async () => {
        const { rows } = await ownerPool().query(
          "SELECT count(*)::int AS n FROM email_message WHERE workspace_id = $1 AND subject LIKE '%weekly digest' AND status = 'outbox'",
          [workspace.id],
        )
        return rows[0].n === second.length ? true : undefined
      },
      { what: 'the digests delivered to the outbox' },
    )
  })

  it('goes once where a DST jump fell on that Monday, at the first run past 08:00 even when 08:00 never came', async () => {
    // No IANA zone ever skipped Monday 08:00 (PostgreSQL's zone data, 1890–2037, decision 030);
    // Istanbul moved its clocks on Monday 31 March 2014 (03:00 → 04:00, +02 → +03). Here the
    // runs from 08:00 to 09:00 local never happen, as if the clock had jumped over 08:00.
    const { workspace, owner } = await makeWorkspace()
    await setZone(workspace.id, 'Europe/Istanbul')
    await requestDue(workspace.id, '2014-03-28T12:00:00Z')
    const skipped = (at: Date) => at >= new Date('2014-03-31T05:00:00Z') && at < new Date('2014-03-31T06:00:00Z')
    await runEveryQuarterHour('2014-03-30T18:00:00Z', '2014-03-31T22:00:00Z', skipped)
    const digests = await digestsOf(workspace.id)
    expect(digests.map((d) => d.to)).toEqual([owner.email])
    expect(digests[0]!.text).toContain('Monday 31 March 2014, 09:00 (Europe/Istanbul)')
    // With every run (the jump at 03:00 included): still one.
    await runEveryQuarterHour('2014-03-30T18:00:00Z', '2014-03-31T22:00:00Z')
    expect(await digestsOf(workspace.id)).toHaveLength(1)
  })
})

describe('who gets one', () => {
  it('sends nothing when there is nothing to say, and records that it looked', async () => {
    const { workspace, owner } = await makeWorkspace()
    await runEveryQuarterHour('2027-01-18T07:45:00Z', '2027-01-18T10:00:00Z')
    expect(await digestsOf(workspace.id)).toEqual([])
    const { rows } = await ownerPool().query('SELECT user_id, iso_week, emailed, unsubscribe_token_hash FROM digest_sent WHERE workspace_id = $1', [
      workspace.id,
    ])
    expect(rows).toEqual([{ user_id: owner.id, iso_week: '2027-W03', emailed: false, unsubscribe_token_hash: null }])
  })

  it('leaves out a member removed and a member who turned it off', async () => {
    const { workspace, owner } = await makeWorkspace()
    await requestDue(workspace.id, '2027-01-20T12:00:00Z')
    const removed = await addMember(workspace.id, 'agent')
    const declined = await addMember(workspace.id, 'admin')
    const optedIn = await addMember(workspace.id, 'viewer')
    await ownerPool().query(
      `INSERT INTO notification_preference (workspace_id, user_id, kind, enabled) VALUES ($1, $2, 'weekly_digest', false), ($1, $3, 'weekly_digest', true)`,
      [workspace.id, declined.userId, optedIn.userId],
    )
    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2', [workspace.id, removed.userId])
    await runEveryQuarterHour('2027-01-25T08:00:00Z', '2027-01-25T09:00:00Z')
    expect((await digestsOf(workspace.id)).map((d) => d.to).sort()).toEqual([optedIn.email, owner.email].sort())
  })

  it('lists the open incidents with their 72-hour clocks, to a viewer too, and closed ones no more', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await setZone(workspace.id, 'UTC')
    const viewer = await addMember(workspace.id, 'viewer')
    await ownerPool().query(`INSERT INTO notification_preference (workspace_id, user_id, kind, enabled) VALUES ($1, $2, 'weekly_digest', true)`, [
      workspace.id,
      viewer.userId,
    ])
    const incident = await recordedIncident(member, { title: 'Backup tape lost' })
    await run('2027-03-01T08:00:00Z')
    const digests = await digestsOf(workspace.id)
    expect(digests.map((d) => d.to).sort()).toEqual([member.user.email, viewer.email].sort())
    for (const digest of digests) {
      expect(digest.text).toContain(`${incident.reference} (S1) Backup tape lost: Overdue by`)
      expect(digest.html).toContain(incident.reference)
    }

    // Closed the week after (the authority notified, the lessons learned): nothing more to say.
    await ownerPool().query("UPDATE incident SET status = 'closed', closed_at = now(), authority_name = 'DPC', authority_notified_at = aware_at, lessons_learned = 'x' WHERE id = $1", [incident.id])
    await run('2027-03-08T08:00:00Z')
    expect(await digestsOf(workspace.id)).toHaveLength(2)
  })

  it('adds the backups to the operators’ digest of the platform’s own workspace, for operators only', async () => {
    const platform = await createWorkspace({ ...workspaceInput(), slug: platformWorkspaceSlug() }, { type: 'system', reason: 'test' })
    const operatorId = randomUUID()
    await ownerPool().query('INSERT INTO "user" (id, email, name) VALUES ($1, $2, $3)', [operatorId, 'ops-digest@candor.example', 'Olu Operator'])
    await ownerPool().query("INSERT INTO membership (id, workspace_id, user_id, role) VALUES ($1, $2, $3, 'admin')", [randomUUID(), platform.workspace.id, operatorId])
    const colleague = await addMember(platform.workspace.id, 'admin')
    // The operator is also a member of a customer's workspace, which has something to say.
    const customer = await makeWorkspace()
    await ownerPool().query("INSERT INTO membership (id, workspace_id, user_id, role) VALUES ($1, $2, $3, 'admin')", [randomUUID(), customer.workspace.id, operatorId])
    await requestDue(customer.workspace.id, '2027-02-10T12:00:00Z')

    await run('2027-02-15T08:00:00Z')
    // No backup has succeeded in this database: the operator is told; the other admin, who
    // cannot act on it and has nothing else to read, gets nothing.
    const platformDigests = await digestsOf(platform.workspace.id)
    expect(platformDigests.map((d) => d.to)).toEqual(['ops-digest@candor.example'])
    expect(platformDigests[0]!.text).toContain('Candor’s backups (operators)')
    expect(platformDigests[0]!.text).toContain('Taken daily: FAILING. No backup of Candor’s whole database')
    expect(platformDigests.map((d) => d.to)).not.toContain(colleague.email)
    const customerDigests = await digestsOf(customer.workspace.id)
    expect(customerDigests.map((d) => d.to).sort()).toEqual([customer.owner.email, 'ops-digest@candor.example'].sort())
    for (const digest of customerDigests) expect(digest.text).not.toContain('backups')
  })
})

describe('the unsubscribe link', () => {
  const tokenOf = (digest: Digest) => /\/unsubscribe\/([A-Za-z0-9_-]{43})/.exec(digest.text)![1]!
  const call = (slug: string, token: string) => ({ path: `/notifications/${slug}/unsubscribe/${token}`, params: { slug, token }, clientIp: randomUUID() })
  const choice = async (workspaceId: string, userId: string) =>
    (await ownerPool().query("SELECT enabled FROM notification_preference WHERE workspace_id = $1 AND user_id = $2 AND kind = 'weekly_digest'", [workspaceId, userId])).rows

  it('shows a button on GET, turns the digest off on POST, and the next Monday sends none', async () => {
    const { workspace, owner } = await makeWorkspace()
    const other = await makeWorkspace()
    await requestDue(workspace.id, '2027-01-29T12:00:00Z')
    await requestDue(other.workspace.id, '2027-01-29T12:00:00Z')
    await run('2027-02-01T08:00:00Z')
    const [digest] = await digestsOf(workspace.id)
    const [othersDigest] = await digestsOf(other.workspace.id)
    const token = tokenOf(digest!)
    expect(digest!.text).toContain(`To stop these digests from ${workspace.name}, open ${appOrigin()}/notifications/${workspace.slug}/unsubscribe/${token}`)

    // Opening the link (a mail scanner does) changes nothing.
    const page = await answerOf(await callLoader(loader, call(workspace.slug, token)))
    expect(page).toMatchObject({ status: 200, body: { workspace: { name: workspace.name }, state: 'subscribed' } })
    expect(await choice(workspace.id, owner.id)).toEqual([])

    // A token of another workspace, an unknown one, or a malformed one: nothing changes, and the page says so.
    for (const [slug, wrong] of [
      [workspace.slug, tokenOf(othersDigest!)],
      [workspace.slug, randomBytes(32).toString('base64url')],
      [workspace.slug, 'x'.repeat(5000)],
      [workspace.slug, 'a\u0000b'],
    ] as const) {
      const shown = await answerOf(await callLoader(loader, call(slug, wrong)))
      expect(shown.status).toBe(404)
      const refused = await answerOf(await callAction(action, call(slug, wrong)))
      expect(refused.status).toBe(404)
    }
    for (const slug of ['no-such-workspace', 'x'.repeat(500), 'ac\u0000me']) {
      const answer = await answerOf(await callAction(action, call(slug, token)))
      expect(answer.status).toBe(404)
      expect(String(answer.body)).toContain('There is no weekly digest at this address')
    }
    expect(await choice(workspace.id, owner.id)).toEqual([])
    expect(await choice(other.workspace.id, other.owner.id)).toEqual([])

    // The one-click POST (List-Unsubscribe=One-Click): off, audited; twice is once.
    const done = await answerOf(await callAction(action, { ...call(workspace.slug, token), form: { 'List-Unsubscribe': 'One-Click' } }))
    expect(done).toMatchObject({ status: 200, body: { state: 'unsubscribed' } })
    expect(await choice(workspace.id, owner.id)).toEqual([{ enabled: false }])
    await callAction(action, call(workspace.slug, token))
    const audit = await ownerPool().query("SELECT target_id FROM audit_entry WHERE workspace_id = $1 AND action = 'notification_preference.unsubscribe'", [
      workspace.id,
    ])
    expect(audit.rows).toEqual([{ target_id: owner.id }])
    const after = await answerOf(await callLoader(loader, call(workspace.slug, token)))
    expect(after.body).toMatchObject({ state: 'unsubscribed' })

    await run('2027-02-08T08:00:00Z')
    expect((await digestsOf(workspace.id)).map((d) => d.to)).toEqual([owner.email])
    expect(await digestsOf(other.workspace.id)).toHaveLength(2)
  })

  it('keeps working for real links from a mail provider’s shared address, and limits only links that lead nowhere', async () => {
    const { workspace, owner } = await makeWorkspace()
    await requestDue(workspace.id, '2027-03-12T12:00:00Z')
    await run('2027-03-15T08:00:00Z')
    const [digest] = await digestsOf(workspace.id)
    const provider = randomUUID()
    const from = (token: string) => ({ ...call(workspace.slug, token), clientIp: provider })
    for (let i = 0; i < DIGEST_UNSUBSCRIBE_LIMIT.limit; i++) {
      expect((await answerOf(await callAction(action, from(randomBytes(32).toString('base64url'))))).status).toBe(404)
    }
    expect((await answerOf(await callAction(action, from(randomBytes(32).toString('base64url'))))).status).toBe(429)
    // The member's own link, from the same address: it works.
    expect(await answerOf(await callAction(action, from(tokenOf(digest!))))).toMatchObject({ status: 200, body: { state: 'unsubscribed' } })
    expect(await choice(workspace.id, owner.id)).toEqual([{ enabled: false }])
  })

  it('changes nothing for a member removed since, and says so', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    await requestDue(workspace.id, '2027-02-19T12:00:00Z')
    await run('2027-02-22T08:00:00Z')
    const digest = (await digestsOf(workspace.id)).find((d) => d.to === agent.email)!
    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2', [workspace.id, agent.userId])
    const answer = await answerOf(await callAction(action, call(workspace.slug, tokenOf(digest))))
    expect(answer.body).toMatchObject({ state: 'gone' })
    expect(await choice(workspace.id, agent.userId)).toEqual([])
  })
})
