// Privacy requests for tests, made the way the product makes them: filed on the portal and
// confirmed with the e-mailed code (browser tests, against a running Candor), or filed through
// the API's domain function with the e-mail already verified (integration tests, which start
// the queue themselves). `receivedDaysAgo` moves a receipt into the past and recomputes the
// stored deadline, for queues with overdue and due-soon requests.
import { faker } from '@faker-js/faker'
import { withTenant } from '~/modules/db/tenant.server'
import { fileRequestByApi } from '~/modules/dsar/file-request.server'
import type { RequestInput } from '~/modules/dsar/portal-form'
import { refreshDueAt } from '~/modules/dsar/request-deadline.server'
import { newestMailTo } from './requester-mail'

const DAY_MS = 86_400_000

export function requestInputFor(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    type: 'rectification',
    subjectName: faker.person.fullName(),
    email: faker.internet.email().toLowerCase(),
    relationship: 'customer',
    jurisdiction: 'gdpr',
    details: faker.lorem.sentence(),
    agentName: null,
    agentAuthority: null,
    ...overrides,
  }
}

export type FiledRequest = { id: string; reference: string; email: string; subjectName: string }

/**
 * File on the portal at `baseUrl` and confirm with the code from the e-mail, as a requester
 * does (plain form posts). `ip` is sent as X-Forwarded-For, for servers that read it.
 */
export async function fileOnPortal(
  baseUrl: string,
  slug: string,
  overrides: Partial<RequestInput> = {},
  ip = faker.internet.ipv4(),
): Promise<Omit<FiledRequest, 'id'>> {
  const input = requestInputFor(overrides)
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(form),
      headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    })
  const asked = new Date(Date.now() - 1000)
  const filed = await post(`/p/${slug}`, {
    type: input.type,
    subjectName: input.subjectName,
    email: input.email,
    relationship: input.relationship,
    jurisdiction: input.jurisdiction,
    details: input.details,
    agent: 'self',
  })
  const reference = /\/requests\/(R-[A-Z0-9]{8})\/verify$/.exec(filed.headers.get('location') ?? '')?.[1]
  if (filed.status !== 302 || !reference) throw new Error(`the portal did not file the request (${filed.status})`)
  const mail = await newestMailTo(input.email, 'Confirm your privacy request%', asked)
  const confirmed = await post(`/p/${slug}/requests/${reference}/verify`, { code: mail.code! })
  if (confirmed.status !== 302) throw new Error(`the portal did not confirm the request (${confirmed.status})`)
  return { reference, email: input.email, subjectName: input.subjectName }
}

/** A request received now (the API's intake with the e-mail already verified). Needs the queue. */
export async function receivedRequest(workspaceId: string, overrides: Partial<RequestInput> = {}): Promise<FiledRequest> {
  const input = requestInputFor(overrides)
  const request = await fileRequestByApi(
    { workspaceId, actor: { type: 'system', reason: 'test' } },
    { ...input, emailVerified: true },
    { portalOrigin: 'https://portal.example' },
  )
  return { id: request.id, reference: request.reference, email: request.email, subjectName: request.subjectName }
}

/** Pretend the request was received `days` ago, and recompute its stored deadline. */
export async function receivedDaysAgo(workspaceId: string, requestId: string, days: number): Promise<Date> {
  return withTenant({ workspaceId, actor: { type: 'system', reason: 'test' } }, async (tx) => {
    await tx.privacyRequest.update({
      where: { id: requestId },
      data: { receivedAt: new Date(Date.now() - days * DAY_MS), submittedAt: new Date(Date.now() - days * DAY_MS) },
    })
    const deadlines = await refreshDueAt(tx, requestId)
    return deadlines.effective.endsAt
  })
}
