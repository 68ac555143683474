// Filing and confirming privacy requests against real PostgreSQL and the real queue: a request
// is received only once its e-mail is confirmed, codes are counted on the server, limits hold,
// and confirming sets the clock and fans out one task per data system.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { deleteUnconfirmedRequests } from '~/modules/dsar/expiry.server'
import type { RequestInput } from '~/modules/dsar/portal-form'
import { MAX_ATTEMPTS } from '~/modules/dsar/requester-codes.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const origin = () => ({ ip: faker.internet.ipv4(), userAgent: 'test', portalOrigin: 'https://portal.example' })

function requestFor(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    type: 'access',
    subjectName: faker.person.fullName(),
    email: faker.internet.email().toLowerCase(),
    relationship: 'customer',
    jurisdiction: 'gdpr',
    details: '',
    agentName: null,
    agentAuthority: null,
    ...overrides,
  }
}

async function requestRow(reference: string) {
  const { rows } = await ownerPool().query('SELECT * FROM privacy_request WHERE reference = $1', [reference])
  return rows[0]
}

async function fileOne(slug: string, input = requestFor()) {
  const filed = await fileRequest(slug, input, origin())
  if (filed.outcome !== 'filed') throw new Error(`not filed: ${filed.outcome}`)
  const mail = await newestMailTo(input.email, 'Confirm your privacy request%')
  return { reference: filed.reference, input, mail }
}

describe('filing a request', () => {
  it('stores it unconfirmed, not received, and e-mails a code and a link', async () => {
    const { workspace } = await makeWorkspace()
    const { reference, mail } = await fileOne(workspace.slug)
    expect(reference).toMatch(/^R-[2-9A-HJKMNP-TV-Z]{8}$/)
    expect(await requestRow(reference)).toMatchObject({ state: 'unverified', received_at: null, due_at: null })
    expect(mail.code).toMatch(/^\d{6}$/)
    expect(mail.link).toContain(`https://portal.example/p/${workspace.slug}/confirm/`)
    expect(mail.text).toContain(reference)
  })

  it('answers no_workspace for an unknown or deleted portal, and stores nothing', async () => {
    expect(await fileRequest('no-such-portal', requestFor(), origin())).toEqual({ outcome: 'no_workspace' })
  })

  it('limits one e-mail to 5 requests a day per workspace', async () => {
    const { workspace } = await makeWorkspace()
    const input = requestFor()
    const outcomes = []
    for (let i = 0; i < 6; i++) outcomes.push((await fileRequest(workspace.slug, input, origin())).outcome)
    expect(outcomes).toEqual(['filed', 'filed', 'filed', 'filed', 'filed', 'rate_limited'])
  })
})

describe('confirming a request', () => {
  it('receives it: state, receipt time, due date, a task per data system, and an e-mail', async () => {
    const { workspace } = await makeWorkspace()
    const { reference, input, mail } = await fileOne(workspace.slug)
    const result = await confirmRequest(workspace.slug, { reference, proof: { code: mail.code! } }, {})
    expect(result).toEqual({ outcome: 'confirmed', reference })
    const row = await requestRow(reference)
    expect(row.state).toBe('in_progress')
    expect(row.received_at).toBeInstanceOf(Date)
    expect(row.due_at.getTime()).toBeGreaterThan(row.received_at.getTime() + 27 * 86_400_000)
    const { rows: tasks } = await ownerPool().query(
      `SELECT t.state, t.mode, s.kind FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = $1`,
      [row.id],
    )
    expect(tasks).toEqual([{ state: expect.any(String), mode: 'access', kind: 'built_in' }])
    const { rows: jobs } = await ownerPool().query(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = 'dsar.task' AND data->>'workspaceId' = $1`, [workspace.id])
    expect(jobs[0].n).toBe(1)
    const received = await newestMailTo(input.email, `${workspace.name} received your privacy request%`)
    expect(received.text).toContain('Answer due by:')
    expect(received.link).toContain(`/p/${workspace.slug}/requests/${reference}`)
  })

  it('works once by link too, and a used link does nothing', async () => {
    const { workspace } = await makeWorkspace()
    const { reference, mail } = await fileOne(workspace.slug)
    const token = mail.link!.split('/confirm/')[1]!
    expect(await confirmRequest(workspace.slug, { proof: { linkToken: token } }, {})).toEqual({ outcome: 'confirmed', reference })
    expect(await confirmRequest(workspace.slug, { proof: { linkToken: token } }, {})).toEqual({ outcome: 'none' })
  })

  it(`counts wrong codes on the server and locks after ${MAX_ATTEMPTS}, even for the right one`, async () => {
    const { workspace } = await makeWorkspace()
    const { reference, mail } = await fileOne(workspace.slug)
    const wrong = mail.code === '000000' ? '111111' : '000000'
    const tries = await Promise.all(
      Array.from({ length: MAX_ATTEMPTS + 2 }, () => confirmRequest(workspace.slug, { reference, proof: { code: wrong } }, {})),
    )
    expect(tries.filter((t) => t?.outcome === 'wrong')).toHaveLength(MAX_ATTEMPTS)
    expect(tries.filter((t) => t?.outcome === 'locked')).toHaveLength(2)
    expect(await confirmRequest(workspace.slug, { reference, proof: { code: mail.code! } }, {})).toEqual({ outcome: 'locked' })
    expect((await requestRow(reference)).state).toBe('unverified')
  })

  it("refuses a code of another workspace's portal", async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const { reference, mail } = await fileOne(b.workspace.slug)
    expect(await confirmRequest(a.workspace.slug, { reference, proof: { code: mail.code! } }, {})).toEqual({ outcome: 'none' })
    expect((await requestRow(reference)).state).toBe('unverified')
  })
})

describe('unconfirmed requests', () => {
  it('are deleted after 7 days, with an audit entry, and confirmed ones stay', async () => {
    const { workspace } = await makeWorkspace()
    const stale = await fileOne(workspace.slug)
    const kept = await fileOne(workspace.slug)
    await confirmRequest(workspace.slug, { reference: kept.reference, proof: { code: kept.mail.code! } }, {})
    await ownerPool().query(`UPDATE privacy_request SET submitted_at = now() - interval '8 days' WHERE workspace_id = $1`, [workspace.id])
    expect(await deleteUnconfirmedRequests()).toBeGreaterThanOrEqual(1)
    expect(await requestRow(stale.reference)).toBeUndefined()
    expect(await requestRow(kept.reference)).toBeDefined()
    const audit = await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      tx.auditEntry.findMany({ where: { action: 'request.expire' }, select: { actorType: true, before: true } }),
    )
    expect(audit).toEqual([{ actorType: 'system', before: { reference: stale.reference, state: 'unverified' } }])
  })
})
