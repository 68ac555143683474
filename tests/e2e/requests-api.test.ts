// The privacy-request API as a developer uses it, over HTTP against a running Candor: filing
// (validated with the portal's rules), reading, listing a page at a time, scopes, and the
// OpenAPI document held to the routes and to the responses.
import { faker } from '@faker-js/faker'
import type { RouteConfigEntry } from '@react-router/dev/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import routes from '~/routes'
import { privacyRequestResource, requestListResource } from '~/modules/api/requests-api.server'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'

let candor: RunningCandor
beforeAll(async () => {
  candor = await startCandor({ NODE_ENV: 'test' })
})
afterAll(async () => {
  await candor?.stop()
})

async function keyFor(scopes: ('requests:read' | 'requests:write' | 'workspace:read')[]) {
  const { workspace, owner } = await makeWorkspace()
  const key = await createApiKey({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, owner.id, { name: 'intake', scopes }, {})
  return { workspace, token: key.token }
}

const api = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${candor.url}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  })

const newRequest = (overrides: Record<string, unknown> = {}) => ({
  type: 'erasure',
  subjectName: faker.person.fullName(),
  email: faker.internet.email(),
  relationship: 'customer',
  jurisdiction: 'ccpa',
  ...overrides,
})

describe('POST /api/v1/requests', () => {
  it('files a request that the company already verified: received at once, with its due date', async () => {
    const { token } = await keyFor(['requests:read', 'requests:write'])
    const response = await api(token, '/requests', { method: 'POST', body: JSON.stringify(newRequest({ emailVerified: true })) })
    expect(response.status).toBe(201)
    const { data } = await response.json()
    const request = privacyRequestResource.parse(data)
    expect(request.state).toBe('in_progress')
    expect(request.receivedAt).not.toBeNull()
    // CCPA: 45 calendar days from receipt.
    const days = (Date.parse(request.dueAt!) - Date.parse(request.receivedAt!)) / 86_400_000
    expect(days).toBeGreaterThan(44)
    expect(days).toBeLessThanOrEqual(46)
  })

  it('otherwise asks the requester to confirm by e-mail, like the portal', async () => {
    const { token, workspace } = await keyFor(['requests:write', 'requests:read'])
    const body = newRequest()
    const { data } = await (await api(token, '/requests', { method: 'POST', body: JSON.stringify(body) })).json()
    expect(data.state).toBe('unverified')
    const mail = await newestMailTo(String(body.email).toLowerCase(), 'Confirm your privacy request%')
    expect(mail.text).toContain(data.reference)
    expect(mail.link).toContain(`/p/${workspace.slug}/confirm/`)
  })

  it('explains bad input field by field, and refuses a body that is not JSON', async () => {
    const { token } = await keyFor(['requests:write'])
    const bad = await api(token, '/requests', { method: 'POST', body: JSON.stringify(newRequest({ email: 'nope', type: 'teleport' })) })
    expect(bad.status).toBe(400)
    const { error } = await bad.json()
    expect(error.code).toBe('invalid_request')
    expect(error.fields).toMatchObject({ email: expect.stringContaining('e-mail'), type: expect.any(String) })
    const garbled = await api(token, '/requests', { method: 'POST', body: '{"type":' })
    expect(garbled.status).toBe(400)
    expect((await garbled.json()).error.code).toBe('invalid_json')
  })

  it('needs the requests:write scope', async () => {
    const { token } = await keyFor(['requests:read'])
    const response = await api(token, '/requests', { method: 'POST', body: JSON.stringify(newRequest()) })
    expect(response.status).toBe(403)
    expect((await response.json()).error.code).toBe('insufficient_scope')
  })
})

describe('GET /api/v1/requests', () => {
  it('lists newest first, a page at a time, filtered by state, and reads one by id', async () => {
    const { token } = await keyFor(['requests:read', 'requests:write'])
    const filed = []
    for (let i = 0; i < 3; i++) {
      const response = await api(token, '/requests', { method: 'POST', body: JSON.stringify(newRequest({ emailVerified: i > 0 })) })
      filed.push((await response.json()).data.id as string)
    }
    const first = requestListResource.parse(await (await api(token, '/requests?limit=2')).json())
    expect(first.data.map((r) => r.id)).toEqual([filed[2], filed[1]])
    const second = requestListResource.parse(await (await api(token, `/requests?limit=2&cursor=${first.nextCursor}`)).json())
    expect(second.data.map((r) => r.id)).toEqual([filed[0]])
    expect(second.nextCursor).toBeNull()
    const unverified = requestListResource.parse(await (await api(token, '/requests?state=unverified')).json())
    expect(unverified.data.map((r) => r.id)).toEqual([filed[0]])

    const one = await api(token, `/requests/${filed[1]}`)
    expect(privacyRequestResource.parse((await one.json()).data).id).toBe(filed[1])
    expect((await api(token, '/requests/not-a-uuid')).status).toBe(404)
    expect((await api(token, '/requests?limit=1000')).status).toBe(400)
    expect((await api(token, '/requests?cursor=garbage')).status).toBe(400)
  })
})

describe('GET /api/v1/openapi.json', () => {
  const apiRoutes = (entries: RouteConfigEntry[]): string[] =>
    entries.flatMap((e) => [...(e.path?.startsWith('api/v1/') && !e.path.includes('*') ? [e.path] : []), ...apiRoutes(e.children ?? [])])

  it('documents every /api/v1 route and nothing that does not exist', async () => {
    const document = await (await fetch(`${candor.url}/api/v1/openapi.json`)).json()
    expect(document.openapi).toBe('3.1.0')
    const documented = Object.keys(document.paths).map((p: string) => `api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`)
    const served = apiRoutes(routes).filter((p) => p !== 'api/v1/openapi.json')
    expect(documented.sort()).toEqual(served.sort())
  })

  it('describes the responses the API really sends, and the body it really accepts', async () => {
    const document = await (await fetch(`${candor.url}/api/v1/openapi.json`)).json()
    const { PrivacyRequest, CreatePrivacyRequest } = document.components.schemas
    const { token } = await keyFor(['requests:read', 'requests:write'])
    const { data } = await (await api(token, '/requests', { method: 'POST', body: JSON.stringify(newRequest()) })).json()
    expect(Object.keys(data).sort()).toEqual(Object.keys(PrivacyRequest.properties).sort())
    expect([...PrivacyRequest.required].sort()).toEqual(Object.keys(data).sort())
    const accepted = JSON.stringify(CreatePrivacyRequest)
    for (const field of ['type', 'subjectName', 'email', 'relationship', 'jurisdiction', 'emailVerified', 'agentName']) {
      expect(accepted, field).toContain(`"${field}"`)
    }
  })
})
