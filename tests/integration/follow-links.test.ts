// "Follow your request" links, against real PostgreSQL and the real queue: each requester e-mail
// carries a fresh link that opens the status page once, within 7 days; only its SHA-256 is
// stored; a used, expired or unknown link opens nothing, and a spent one sends a code (within
// the limits) so the page can truthfully say one was sent. A used confirmation link says the
// request is already confirmed.
import { createHash } from 'node:crypto'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { replyToSubject } from '~/modules/dsar/workflow.server'
import { loader as confirmLinkLoader } from '~/routes/privacy/confirm-link'
import { action as portalAction } from '~/routes/privacy/portal'
import { action as statusAction, loader as statusLoader } from '~/routes/privacy/status'
import { makeOwnedWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'
import { answerOf, callAction, callLoader } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const origin = () => ({ ip: faker.internet.ipv4(), userAgent: 'test', portalOrigin: appOrigin() })
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** A confirmed request and the follow link from its receipt e-mail. */
async function confirmedRequest() {
  const { workspace, member } = await makeOwnedWorkspace()
  const email = faker.internet.email().toLowerCase()
  const input = { type: 'erasure', subjectName: faker.person.fullName(), email, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null } as const
  const filed = await fileRequest(workspace.slug, input, origin())
  if (filed.outcome !== 'filed') throw new Error(filed.outcome)
  const confirm = await newestMailTo(email, 'Confirm your privacy request%')
  expect(await confirmRequest(workspace.slug, { reference: filed.reference, proof: { code: confirm.code! } }, origin())).toMatchObject({ outcome: 'confirmed' })
  const receipt = await newestMailTo(email, '%received your privacy request%')
  const link = /(https?:\/\/\S+\?follow=\S+)/.exec(receipt.text)![1]!
  return { workspace, member, email, reference: filed.reference, link, token: new URL(link).searchParams.get('follow')!, confirmLink: confirm.link! }
}

const statusPath = (slug: string, reference: string, query = '') => ({
  path: `/p/${slug}/requests/${reference}${query}`,
  params: { slug, reference },
})

async function openWith(slug: string, reference: string, token: string, extra: Record<string, string> = {}) {
  return answerOf(await callAction(statusAction as never, { ...statusPath(slug, reference), form: { intent: 'follow', token, ...extra } }))
}

async function lockedKind(slug: string, reference: string, query: string, clientIp?: string) {
  const page = (await callLoader(statusLoader as never, { ...statusPath(slug, reference, query), clientIp })) as { view: string; locked?: { kind: string } }
  expect(page.view).toBe('locked')
  return page.locked!.kind
}

describe('a follow link', () => {
  it('is in the receipt e-mail at Candor’s own origin; only its SHA-256 is stored, and it lives 7 days', async () => {
    const { link, token, reference } = await confirmedRequest()
    expect(link.startsWith(`${appOrigin()}/p/`)).toBe(true)
    expect(link).toContain(`/requests/${reference}?follow=`)
    const { rows } = await ownerPool().query(
      `SELECT c.* FROM requester_code c JOIN privacy_request r ON r.id = c.request_id WHERE r.reference = $1 AND c.purpose = 'follow'`,
      [reference],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0].link_hash).toBe(sha256(token))
    expect(JSON.stringify(rows)).not.toContain(token)
    const days = (rows[0].expires_at.getTime() - rows[0].created_at.getTime()) / 86_400_000
    expect(days).toBeCloseTo(7, 2)
  })

  it('opens the status page once: the second use is refused and opens nothing', async () => {
    const { workspace, reference, token } = await confirmedRequest()
    expect(await lockedKind(workspace.slug, reference, `?follow=${token}`)).toBe('follow')
    const first = await openWith(workspace.slug, reference, token, { timeZone: 'Europe/Berlin' })
    expect(first.status).toBe(302)
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!
    const opened = (await callLoader(statusLoader as never, { ...statusPath(workspace.slug, reference), headers: { cookie } })) as { view: string; timeZone: string }
    expect(opened).toMatchObject({ view: 'open', timeZone: 'Europe/Berlin' })

    const second = await openWith(workspace.slug, reference, token)
    expect(second.status).toBe(400)
    expect(second.headers.get('set-cookie')).toBeNull()
    expect(second.body).toEqual({ error: expect.stringContaining('used already or has expired') })
  })

  it('is refused once expired, and the page then e-mails a code and says so', async () => {
    const { workspace, email, reference, token } = await confirmedRequest()
    await ownerPool().query(`UPDATE requester_code SET expires_at = now() - interval '1 second' WHERE link_hash = $1`, [sha256(token)])
    expect((await openWith(workspace.slug, reference, token)).status).toBe(400)
    const before = new Date()
    expect(await lockedKind(workspace.slug, reference, `?follow=${token}`, faker.internet.ipv4())).toBe('code_sent')
    const code = await newestMailTo(email, `Your code to follow request ${reference}%`, before)
    expect(code.code).toMatch(/^\d{6}$/)
  })

  it('when spent, sends a code at most 5 times an hour per request, then says none was sent', async () => {
    const { workspace, reference, token } = await confirmedRequest()
    expect((await openWith(workspace.slug, reference, token)).status).toBe(302)
    const kinds = []
    for (let i = 0; i < 6; i++) kinds.push(await lockedKind(workspace.slug, reference, `?follow=${token}`, faker.internet.ipv4()))
    expect(kinds).toEqual(['code_sent', 'code_sent', 'code_sent', 'code_sent', 'code_sent', 'code_not_sent'])
  })

  it('that was never issued (or is another request’s) opens nothing and sends nothing', async () => {
    const one = await confirmedRequest()
    const other = await confirmedRequest()
    const since = new Date()
    expect(await lockedKind(one.workspace.slug, one.reference, `?follow=${other.token}`)).toBe('unknown_link')
    expect(await lockedKind(one.workspace.slug, one.reference, `?follow=${'x'.repeat(43)}`)).toBe('unknown_link')
    expect((await openWith(one.workspace.slug, one.reference, other.token)).status).toBe(400)
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM email_message WHERE "to" = $1 AND created_at >= $2`, [one.email, since])
    expect(rows[0].n).toBe(0)
  })

  it('is fresh in each e-mail: a later message brings a new one, and the earlier one still works', async () => {
    const { workspace, member, reference, token, email } = await confirmedRequest()
    const { rows } = await ownerPool().query('SELECT id FROM privacy_request WHERE reference = $1', [reference])
    const since = new Date()
    await replyToSubject(member, rows[0].id, 'We are on it.', { ip: '127.0.0.1' })
    const message = await newestMailTo(email, '%a message about your privacy request%', since)
    const later = new URL(/(https?:\/\/\S+\?follow=\S+)/.exec(message.text)![1]!).searchParams.get('follow')!
    expect(later).not.toBe(token)
    expect((await openWith(workspace.slug, reference, token)).status).toBe(302)
    expect((await openWith(workspace.slug, reference, later)).status).toBe(302)
  })
})

describe('a confirmation link opened again', () => {
  it('says the request is already confirmed, only once it truly is', async () => {
    const { workspace, reference, confirmLink } = await confirmedRequest()
    const token = confirmLink.split('/confirm/')[1]!
    const page = await callLoader(confirmLinkLoader as never, { path: `/p/${workspace.slug}/confirm/${token}`, params: { slug: workspace.slug, token } })
    expect(page).toMatchObject({ view: 'confirmed', reference })

  })

  it('says only that it no longer works while the request is unconfirmed (its link expired)', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const email = faker.internet.email().toLowerCase()
    const input = { type: 'access', subjectName: 'Ada Lovelace', email, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null } as const
    const filed = await fileRequest(workspace.slug, input, origin())
    if (filed.outcome !== 'filed') throw new Error(filed.outcome)
    const token = (await newestMailTo(email, 'Confirm your privacy request%')).link!.split('/confirm/')[1]!
    await ownerPool().query(`UPDATE requester_code SET expires_at = now() - interval '1 second' WHERE link_hash = $1`, [sha256(token)])
    const spent = await callLoader(confirmLinkLoader as never, { path: `/p/${workspace.slug}/confirm/${token}`, params: { slug: workspace.slug, token } })
    expect(spent).toMatchObject({ view: 'spent' })
  })
})

describe('the requester’s time zone', () => {
  it('is stored from the portal form when Intl knows it, and ignored otherwise', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const file = async (timeZone: string) => {
      const form = { type: 'access', subjectName: 'Ada Lovelace', email: faker.internet.email().toLowerCase(), relationship: 'customer', jurisdiction: 'gdpr', timeZone }
      const answer = await answerOf(await callAction(portalAction as never, { path: `/p/${workspace.slug}`, params: { slug: workspace.slug }, form, clientIp: faker.internet.ipv4() }))
      expect(answer.status).toBe(302)
      const reference = /requests\/(R-[A-Z0-9]{8})\/verify/.exec(answer.headers.get('location')!)![1]
      return (await ownerPool().query('SELECT time_zone FROM privacy_request WHERE reference = $1', [reference])).rows[0].time_zone
    }
    expect(await file('America/New_York')).toBe('America/New_York')
    expect(await file('Mars/Olympus_Mons')).toBeNull()
    expect(await file('')).toBeNull()
  })
})
