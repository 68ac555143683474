// The support inbox's query against real PostgreSQL: only received requests of the member's own
// workspace, soonest deadline first, each filter doing what its label says, 50 a page, the
// deadline badges, and every wrong query-string value answered with a plain message.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '~/modules/db/tenant.server'
import { fileRequest } from '~/modules/dsar/file-request.server'
import {
  INBOX_PAGE_SIZE,
  type InboxFilters,
  deadlineBadge,
  inboxPage,
  inboxSearch,
  parseInboxQuery,
} from '~/modules/dsar/inbox.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { addMember, makeWorkspace } from '../support/factories'
import { requestInputFor, receivedDaysAgo, receivedRequest } from '../support/requests'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const DAY_MS = 86_400_000
const system = { type: 'system', reason: 'test' } as const

type Queue = Awaited<ReturnType<typeof makeQueue>>

/**
 * One workspace's queue: an overdue rectification, an objection due within days, an erasure
 * and an access request received today (the access one assigned to an agent), a completed and
 * a rejected one, one whose e-mail is not confirmed, and a request of another workspace.
 */
async function makeQueue() {
  const { workspace, owner } = await makeWorkspace()
  const agent = await addMember(workspace.id, 'agent')
  const overdue = await receivedRequest(workspace.id, { type: 'rectification' })
  await receivedDaysAgo(workspace.id, overdue.id, 45)
  const dueSoon = await receivedRequest(workspace.id, { type: 'objection' })
  await receivedDaysAgo(workspace.id, dueSoon.id, 27)
  const erasure = await receivedRequest(workspace.id, { type: 'erasure' })
  const access = await receivedRequest(workspace.id, { type: 'access', jurisdiction: 'ccpa' })
  const completed = await receivedRequest(workspace.id, { type: 'rectification' })
  await receivedDaysAgo(workspace.id, completed.id, 60)
  const rejected = await receivedRequest(workspace.id, { type: 'objection' })
  await withTenant({ workspaceId: workspace.id, actor: system }, async (tx) => {
    await tx.privacyRequest.update({ where: { id: access.id }, data: { assigneeId: agent.userId } })
    await tx.privacyRequest.update({ where: { id: completed.id }, data: { state: 'completed', completedAt: new Date() } })
    await tx.privacyRequest.update({ where: { id: rejected.id }, data: { state: 'rejected', rejectedAt: new Date() } })
  })
  const unconfirmed = await fileRequest(workspace.slug, requestInputFor({ type: 'access' }), {
    ip: faker.internet.ipv4(),
    portalOrigin: 'https://portal.example',
  })
  if (unconfirmed.outcome !== 'filed') throw new Error('not filed')
  const other = await makeWorkspace()
  const elsewhere = await receivedRequest(other.workspace.id, { type: 'rectification' })
  await receivedDaysAgo(other.workspace.id, elsewhere.id, 45)
  return {
    workspace,
    owner,
    agent,
    refs: { overdue, dueSoon, erasure, access, completed, rejected },
    unconfirmed: unconfirmed.reference,
    elsewhere,
  }
}

let q: Queue
beforeAll(async () => {
  q = await makeQueue()
})

async function list(filters: Partial<InboxFilters> = {}, as = q.owner.id, page = 1) {
  return withTenant({ workspaceId: q.workspace.id, actor: { type: 'user', userId: as } }, (tx) =>
    inboxPage(tx, { filters: { state: 'open', ...filters }, page }, { userId: as }),
  )
}

const references = (result: { rows: { reference: string }[] }) => result.rows.map((row) => row.reference)

describe('the inbox query', () => {
  it('lists the open received requests of the workspace, soonest deadline first', async () => {
    const result = await list()
    const { overdue, dueSoon, erasure, access } = q.refs
    expect(references(result).slice(0, 2)).toEqual([overdue.reference, dueSoon.reference])
    expect(new Set(references(result))).toEqual(new Set([overdue, dueSoon, erasure, access].map((r) => r.reference)))
    expect(result.total).toBe(4)
    expect(result.hasNext).toBe(false)
    expect(references(result)).not.toContain(q.unconfirmed)
    expect(references(result)).not.toContain(q.elsewhere.reference)
    const dues = result.rows.map((row) => row.due!)
    expect(dues).toEqual([...dues].sort())
  })

  it('shows what the queue needs of each request: type, requester, state, assignee, dates', async () => {
    const { rows } = await list()
    const access = rows.find((row) => row.reference === q.refs.access.reference)!
    expect(access).toMatchObject({
      id: q.refs.access.id,
      type: 'access',
      email: q.refs.access.email,
      state: 'in_progress',
      assignee: q.agent.email,
      received: new Date().toISOString().slice(0, 10),
    })
    expect(access.due).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(rows.find((row) => row.reference === q.refs.overdue.reference)).toMatchObject({ state: 'verified', assignee: null })
  })

  it('filters by state: one state, every state, and never the unconfirmed', async () => {
    expect(references(await list({ state: 'completed' }))).toEqual([q.refs.completed.reference])
    expect(references(await list({ state: 'rejected' }))).toEqual([q.refs.rejected.reference])
    expect(new Set(references(await list({ state: 'in_progress' })))).toEqual(
      new Set([q.refs.erasure.reference, q.refs.access.reference]),
    )
    const all = await list({ state: 'all' })
    expect(all.total).toBe(6)
    expect(references(all)).not.toContain(q.unconfirmed)
  })

  it('filters by type', async () => {
    expect(references(await list({ type: 'objection' }))).toEqual([q.refs.dueSoon.reference])
    expect(references(await list({ type: 'objection', state: 'all' })).sort()).toEqual(
      [q.refs.dueSoon.reference, q.refs.rejected.reference].sort(),
    )
    expect(references(await list({ type: 'portability' }))).toEqual([])
  })

  it('filters by assignee: me, unassigned, or a named member', async () => {
    expect(references(await list({ assignee: 'me' }, q.agent.userId))).toEqual([q.refs.access.reference])
    expect(references(await list({ assignee: 'me' }, q.owner.id))).toEqual([])
    expect(references(await list({ assignee: q.agent.userId }))).toEqual([q.refs.access.reference])
    expect(references(await list({ assignee: 'unassigned' }))).toEqual([
      q.refs.overdue.reference,
      q.refs.dueSoon.reference,
      q.refs.erasure.reference,
    ])
  })

  it('filters overdue requests, and those due within N days (overdue included), leaving closed ones out', async () => {
    expect(references(await list({ overdue: true }))).toEqual([q.refs.overdue.reference])
    // The completed request's date passed too, but it is answered.
    expect(references(await list({ overdue: true, state: 'all' }))).toEqual([q.refs.overdue.reference])
    expect(references(await list({ dueWithin: 7 }))).toEqual([q.refs.overdue.reference, q.refs.dueSoon.reference])
    expect((await list({ dueWithin: 60 })).total).toBe(4)
    expect(references(await list({ dueWithin: 7, type: 'objection' }))).toEqual([q.refs.dueSoon.reference])
  })

  it('gives each open request the badge of its deadline', async () => {
    const badges = Object.fromEntries((await list({ state: 'all' })).rows.map((row) => [row.reference, row.badge?.kind ?? null]))
    expect(badges).toEqual({
      [q.refs.overdue.reference]: 'overdue',
      [q.refs.dueSoon.reference]: 'due_soon',
      [q.refs.erasure.reference]: 'on_track',
      [q.refs.access.reference]: 'on_track',
      [q.refs.completed.reference]: null,
      [q.refs.rejected.reference]: null,
    })
  })

  it('pages 50 at a time in deadline order', async () => {
    const { workspace, owner } = await makeWorkspace()
    const made = []
    for (let i = 0; i < INBOX_PAGE_SIZE + 3; i++) made.push(await receivedRequest(workspace.id))
    // The last three filed are the most urgent.
    for (const [i, request] of made.slice(-3).entries()) await receivedDaysAgo(workspace.id, request.id, 40 - i)
    const page = (n: number) =>
      withTenant({ workspaceId: workspace.id, actor: { type: 'user', userId: owner.id } }, (tx) =>
        inboxPage(tx, { filters: { state: 'open' }, page: n }, { userId: owner.id }),
      )
    const first = await page(1)
    expect(first.rows).toHaveLength(INBOX_PAGE_SIZE)
    expect(first.total).toBe(INBOX_PAGE_SIZE + 3)
    expect(first.hasNext).toBe(true)
    expect(references(first).slice(0, 3)).toEqual(made.slice(-3).map((r) => r.reference))
    const second = await page(2)
    expect(second.rows).toHaveLength(3)
    expect(second.hasNext).toBe(false)
    expect(new Set([...references(first), ...references(second)]).size).toBe(INBOX_PAGE_SIZE + 3)
    expect((await page(3)).rows).toEqual([])
  })
})

describe('deadlineBadge', () => {
  const now = new Date('2026-03-10T12:00:00Z')
  const at = (ms: number) => new Date(now.getTime() + ms)
  it.each([
    ['in_progress', at(-1), 'overdue'],
    ['in_progress', now, 'overdue'],
    ['verified', at(1), 'due_soon'],
    ['awaiting_subject', at(7 * DAY_MS), 'due_soon'],
    ['needs_attention', at(7 * DAY_MS + 1), 'on_track'],
    ['completed', at(-DAY_MS), null],
    ['rejected', at(DAY_MS), null],
  ] as const)('a %s request due at %s is %s', (state, dueAt, kind) => {
    expect(deadlineBadge({ state, dueAt }, now)?.kind ?? null).toBe(kind)
  })

  it('says how many days are left when the date is near', () => {
    expect(deadlineBadge({ state: 'verified', dueAt: at(2.5 * DAY_MS) }, now)?.label).toBe('Due in 3 days')
    expect(deadlineBadge({ state: 'verified', dueAt: at(DAY_MS / 2) }, now)?.label).toBe('Due in 1 day')
    expect(deadlineBadge({ state: 'verified', dueAt: null }, now)).toBeNull()
  })
})

describe('parseInboxQuery', () => {
  const parse = (query: string) => parseInboxQuery(new URLSearchParams(query))

  it('reads an empty form as the open queue, first page', () => {
    expect(parse('')).toEqual({ success: true, data: { filters: { state: 'open' }, page: 1 } })
    expect(parse('state=&type=&assignee=&dueWithin=&page=')).toEqual({
      success: true,
      data: { filters: { state: 'open' }, page: 1 },
    })
  })

  it('reads every filter', () => {
    const uuid = faker.string.uuid()
    expect(parse(`state=awaiting_subject&type=erasure&assignee=${uuid.toUpperCase()}&dueWithin=14&overdue=yes&page=3`)).toEqual({
      success: true,
      data: {
        filters: { state: 'awaiting_subject', type: 'erasure', assignee: uuid, dueWithin: 14, overdue: true },
        page: 3,
      },
    })
    expect(parse('assignee=me').success && parse('assignee=unassigned').success).toBe(true)
  })

  it.each([
    ['state=bogus', 'state', 'Choose a state from the list'],
    ['state=unverified', 'state', 'Choose a state from the list'],
    ['type=everything', 'type', 'Choose a request type from the list'],
    ['assignee=bob', 'assignee', 'Choose whose requests to show'],
    ['dueWithin=0', 'dueWithin', '“Due within” must be a whole number of days from 1 to 366.'],
    ['dueWithin=abc', 'dueWithin', '“Due within” must be a whole number of days'],
    ['dueWithin=1.5', 'dueWithin', '“Due within” must be a whole number of days'],
    ['dueWithin=400', 'dueWithin', '“Due within” must be a whole number of days'],
    ['overdue=maybe', 'overdue', '“Overdue only” is either ticked'],
    ['page=0', 'page', 'The page must be a whole number'],
    ['page=-2', 'page', 'The page must be a whole number'],
  ])('refuses %s with a message for the %s field', (query, field, message) => {
    const parsed = parse(query)
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(parsed.errors[field as keyof typeof parsed.errors]).toContain(message)
  })

  it('writes the filters back into a query string that reads the same', () => {
    const filters: InboxFilters = { state: 'all', type: 'access', assignee: 'me', dueWithin: 5, overdue: true }
    const search = inboxSearch(filters, 2)
    expect(search).toBe('?state=all&type=access&assignee=me&dueWithin=5&overdue=yes&page=2')
    expect(parse(search.slice(1))).toEqual({ success: true, data: { filters, page: 2 } })
    expect(inboxSearch({ state: 'open' })).toBe('')
  })
})
