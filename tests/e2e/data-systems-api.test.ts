// The data systems API as a company uses it to keep its configuration in code, over HTTP against
// a running Candor: adding, reading and changing each kind of system, dataset map versions
// (the same map twice saves one), bad input answered field by field with nothing written,
// scopes, other workspaces' ids, the staff download of an export, and a request's tasks with
// their erasure receipts.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataSystemDetailResource, dataSystemListResource } from '~/modules/api/data-systems-api.server'
import { privacyRequestDetailResource } from '~/modules/api/requests-api.server'
import { type ApiScope, createApiKey } from '~/modules/auth/api-keys.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { rawRequest } from '../support/raw-http'
import { makeWorkspace } from '../support/factories'
import { readZip } from '../support/zip'

let candor: RunningCandor
beforeAll(async () => {
  candor = await startCandor({ NODE_ENV: 'test' })
})
afterAll(async () => {
  await candor?.stop()
})

const ALL: ApiScope[] = ['data-systems:read', 'data-systems:write', 'requests:read', 'requests:write', 'requests:export']

async function keyFor(scopes: ApiScope[] = ALL) {
  const { workspace, owner } = await makeWorkspace()
  const key = await createApiKey({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, owner.id, { name: 'config-as-code', scopes }, {})
  return { workspace, token: key.token, keyId: key.id }
}

const api = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${candor.url}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  })
const send = (token: string, method: string, path: string, body: unknown) => api(token, path, { method, body: JSON.stringify(body) })

/** A reviewed map of a small product database: users found by e-mail, their orders by user id. */
function productMap(orderStrategy: 'delete_row' | 'keep' = 'delete_row') {
  return {
    tables: [
      {
        schema: 'public',
        name: 'users',
        primaryKey: ['id'],
        included: true,
        columns: [
          { name: 'id', type: 'bigint', identity: 'user_id', category: 'identifier', strategy: 'delete_row' },
          { name: 'email', type: 'text', identity: 'email', category: 'contact', strategy: 'delete_row' },
        ],
      },
      {
        schema: 'public',
        name: 'orders',
        primaryKey: ['id'],
        included: true,
        columns: [
          { name: 'id', type: 'bigint', strategy: 'keep', keepReason: 'Order numbers: bookkeeping, 10 years' },
          { name: 'user_id', type: 'bigint', strategy: orderStrategy, ...(orderStrategy === 'keep' ? { keepReason: 'Invoices: HGB §257' } : {}) },
        ],
      },
    ],
    references: [{ from: { schema: 'public', table: 'orders', columns: ['user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } }],
  }
}

const postgresSystem = (overrides: Record<string, unknown> = {}) => ({
  kind: 'postgres',
  name: `Product database ${faker.string.alphanumeric(6)}`,
  settings: { host: 'db.internal.example', database: 'product', user: 'candor_reader', tls: 'require' },
  secret: 'correct horse battery staple',
  map: productMap(),
  ...overrides,
})

async function auditOf(workspaceId: string, action: string) {
  const { rows } = await ownerPool().query(
    'SELECT actor_type, actor_id, target_id, before, after FROM audit_entry WHERE workspace_id = $1 AND action = $2 ORDER BY seq',
    [workspaceId, action],
  )
  return rows
}

async function countsOf(workspaceId: string) {
  const { rows } = await ownerPool().query(
    `SELECT (SELECT count(*)::int FROM data_system WHERE workspace_id = $1) AS systems,
            (SELECT count(*)::int FROM data_system_map WHERE workspace_id = $1) AS maps,
            (SELECT count(*)::int FROM audit_entry WHERE workspace_id = $1) AS audit`,
    [workspaceId],
  )
  return rows[0]
}

describe('a Postgres system', () => {
  it('is added with its password sealed and its map as version 1; the same map again saves nothing, a changed one makes version 2', async () => {
    const { token, workspace, keyId } = await keyFor()
    const created = await send(token, 'POST', '/data-systems', postgresSystem())
    expect(created.status).toBe(201)
    const body = await created.json()
    expect(body.secret).toBeUndefined()
    expect(JSON.stringify(body)).not.toContain('correct horse')
    const system = dataSystemDetailResource.parse(body.data)
    expect(system).toMatchObject({ kind: 'postgres', secretSet: true, mapVersion: 1, settings: { port: 5432, tls: 'require', statementTimeoutSeconds: 30 } })
    expect(system.map?.tables.map((t) => t.name)).toEqual(['users', 'orders'])
    const { rows } = await ownerPool().query('SELECT secret FROM data_system WHERE id = $1', [system.id])
    expect(rows[0].secret).not.toContain('correct horse')

    const read = dataSystemDetailResource.parse((await (await api(token, `/data-systems/${system.id}`)).json()).data)
    expect(read).toEqual(system)

    const same = await send(token, 'PATCH', `/data-systems/${system.id}`, { map: productMap() })
    expect(same.status).toBe(200)
    expect((await same.json()).mapSaved).toBeNull()
    // A new port without the password: refused, so the stored one never goes to another server.
    expect((await send(token, 'PATCH', `/data-systems/${system.id}`, { settings: { port: 6543 } })).status).toBe(409)
    const changed = await send(token, 'PATCH', `/data-systems/${system.id}`, { map: productMap('keep'), settings: { port: 6543 }, secret: 'correct horse battery staple' })
    const after = await changed.json()
    expect(after.mapSaved).toBe(2)
    expect(after.data).toMatchObject({ mapVersion: 2, settings: { host: 'db.internal.example', port: 6543 } })
    const again = await send(token, 'PATCH', `/data-systems/${system.id}`, { map: productMap('keep'), settings: { port: 6543 } })
    expect((await again.json()).mapSaved).toBeNull()
    expect((await countsOf(workspace.id)).maps).toBe(2)

    // Every change is in the audit log, with the API key as the actor and no secret in it.
    const saves = await auditOf(workspace.id, 'data_system.map_save')
    expect(saves.map((e) => e.after.version)).toEqual([1, 2])
    expect(saves.every((e) => e.actor_type === 'api_key' && e.actor_id === keyId)).toBe(true)
    const changes = await auditOf(workspace.id, 'data_system.change')
    expect(changes).toHaveLength(1)
    expect(changes[0].after.settings.port).toBe(6543)
    expect(JSON.stringify(await auditOf(workspace.id, 'data_system.add'))).not.toContain('correct horse')
  })
})

describe("a webhook system's callbacks over HTTP", () => {
  // Larger than the usual body limit (1 MiB), as a result or an upload may be: the server lets
  // them reach the handler, which refuses the unknown token, and refuses only what passes the
  // callback limits, with words.
  const taskPath = (rest: string) => `${candor.url}/api/v1/data-system-tasks/${crypto.randomUUID()}/${rest}`
  const big = 'x'.repeat(2 * 1024 * 1024)

  it('takes a result or an upload over 1 MiB to the handler', async () => {
    // Over a connection of its own, closed after: the handler answers before reading it all.
    const headers = (type: string) => ({ authorization: 'Bearer cdt_unknown', 'content-type': type, connection: 'close' })
    expect((await rawRequest(taskPath('result'), { method: 'POST', headers: headers('application/json'), body: big })).status).toBe(401)
    expect((await rawRequest(taskPath('collections/orders'), { method: 'PUT', headers: headers('application/x-ndjson'), body: big })).status).toBe(401)
  })

  it('refuses a body over the callback limit before reading it', async () => {
    // Only the declared length is sent: the server answers before any of the body is read.
    const headers = { authorization: 'Bearer cdt_unknown', 'content-type': 'application/json', 'content-length': String(6 * 1024 * 1024), connection: 'close' }
    const answer = await rawRequest(taskPath('result'), { method: 'POST', headers, body: '{' })
    expect(answer.status).toBe(413)
    expect(answer.body.toString()).toContain('A result is at most 5 MB')
  })
})

describe('a webhook system', () => {
  it('gets a signing secret generated when none is sent, returned once and never read back', async () => {
    const { token } = await keyFor()
    const created = await send(token, 'POST', '/data-systems', { kind: 'webhook', name: 'Billing service', settings: { url: 'https://billing.example.com/candor' } })
    expect(created.status).toBe(201)
    const { data, secret } = await created.json()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(data).toMatchObject({ kind: 'webhook', secretSet: true, mapVersion: null, map: null, settings: { timeoutSeconds: 10 } })
    const read = await (await api(token, `/data-systems/${data.id}`)).text()
    expect(read).not.toContain(secret)

    const renamed = await send(token, 'PATCH', `/data-systems/${data.id}`, { name: 'Billing', secret: null, backupRetentionDays: 30 })
    expect((await renamed.json()).data).toMatchObject({ name: 'Billing', secretSet: false, backupRetentionDays: 30 })
    const mapped = await send(token, 'PATCH', `/data-systems/${data.id}`, { map: productMap() })
    expect(mapped.status).toBe(400)
    expect((await mapped.json()).error.fields).toEqual({ map: 'Only a Postgres system has a dataset map.' })
  })
})

describe('a manual system', () => {
  it('is added, changed and archived like the dashboard does, and leaves the list', async () => {
    const { token, workspace } = await keyFor()
    const created = await send(token, 'POST', '/data-systems', { kind: 'manual', name: 'Zendesk', instructions: 'Search the requester by e-mail.' })
    const { data } = await created.json()
    expect(data).toMatchObject({ kind: 'manual', settings: null, secretSet: false, instructions: 'Search the requester by e-mail.' })
    const clash = await send(token, 'POST', '/data-systems', { kind: 'manual', name: 'zendesk', instructions: 'Again.' })
    expect(clash.status).toBe(409)
    expect((await clash.json()).error.message).toContain('already a data system named')

    const changed = await send(token, 'PATCH', `/data-systems/${data.id}`, { instructions: 'Delete the user in Zendesk.' })
    expect((await changed.json()).data.instructions).toBe('Delete the user in Zendesk.')
    const archived = await send(token, 'PATCH', `/data-systems/${data.id}`, { archived: true })
    expect((await archived.json()).data.archivedAt).not.toBeNull()
    expect(await auditOf(workspace.id, 'data_system.archive')).toHaveLength(1)
    const list = dataSystemListResource.parse(await (await api(token, '/data-systems')).json())
    expect(list.data.map((s) => s.kind)).toEqual(['built_in'])
    const builtIn = await send(token, 'PATCH', `/data-systems/${list.data[0]!.id}`, { archived: true })
    expect(builtIn.status).toBe(400)
    expect((await send(token, 'PATCH', `/data-systems/${data.id}`, { name: 'Zendesk 2' })).status).toBe(400)
  })
})

describe('bad input', () => {
  it.each([
    ['a NUL byte in the name', postgresSystem({ name: 'Product\u0000db' }), 'name'],
    ['an overlong name', postgresSystem({ name: 'x'.repeat(101) }), 'name'],
    ['a reference to a missing column', postgresSystem({ map: { ...productMap(), references: [{ from: { schema: 'public', table: 'orders', columns: ['buyer'] }, to: { schema: 'public', table: 'users', columns: ['id'] } }] } }), 'map.references.0.from'],
    ['a huge port number', { ...postgresSystem(), settings: { ...postgresSystem().settings, port: 1e300 } }, 'settings.port'],
    ['an infinite retention', '{"kind":"manual","name":"CRM","instructions":"x","backupRetentionDays":1e999}', 'backupRetentionDays'],
    ['an unknown kind', { kind: 'mongodb', name: 'Mongo' }, 'kind'],
    ['a field of another kind', { kind: 'webhook', name: 'W', settings: { url: 'https://x.example' }, map: productMap() }, 'body'],
  ])('answers %s with 400 and its path, and writes nothing', async (_case, body, path) => {
    const { token, workspace } = await keyFor()
    const before = await countsOf(workspace.id)
    const response = await api(token, '/data-systems', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) })
    expect(response.status).toBe(400)
    const { error } = await response.json()
    expect(error.code).toBe('invalid_request')
    expect(Object.keys(error.fields)).toContain(path)
    expect(await countsOf(workspace.id)).toEqual(before)
  })

  it('refuses a bad map in a PATCH without saving a version or changing anything else', async () => {
    const { token, workspace } = await keyFor()
    const { data } = await (await send(token, 'POST', '/data-systems', postgresSystem())).json()
    const before = await countsOf(workspace.id)
    const response = await send(token, 'PATCH', `/data-systems/${data.id}`, { name: 'Renamed', map: { tables: [], references: [] } })
    expect(response.status).toBe(400)
    expect((await response.json()).error.fields).toHaveProperty('map.tables')
    expect(await countsOf(workspace.id)).toEqual(before)
    expect((await (await api(token, `/data-systems/${data.id}`)).json()).data.name).toBe(data.name)
  })
})

describe('who may', () => {
  it('needs the scope, and answers 404 for another workspace’s system without touching it', async () => {
    const reader = await keyFor(['data-systems:read'])
    expect((await send(reader.token, 'POST', '/data-systems', postgresSystem())).status).toBe(403)
    const requestsOnly = await keyFor(['requests:read'])
    const refused = await api(requestsOnly.token, '/data-systems')
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.code).toBe('insufficient_scope')

    const other = await keyFor()
    const { data } = await (await send(other.token, 'POST', '/data-systems', postgresSystem())).json()
    const mine = await keyFor()
    expect((await api(mine.token, `/data-systems/${data.id}`)).status).toBe(404)
    expect((await send(mine.token, 'PATCH', `/data-systems/${data.id}`, { archived: true, map: productMap('keep') })).status).toBe(404)
    const untouched = await (await api(other.token, `/data-systems/${data.id}`)).json()
    expect(untouched.data).toMatchObject({ archivedAt: null, mapVersion: 1 })
  })
})

const newRequest = (type: string) => ({
  type,
  subjectName: faker.person.fullName(),
  email: faker.internet.email().toLowerCase(),
  relationship: 'customer',
  jurisdiction: 'gdpr',
  emailVerified: true,
})

describe('GET /api/v1/requests/:id/export', () => {
  it('streams the export ZIP to staff once built, audited with the key; 404 for a request without one', async () => {
    const { token, workspace, keyId } = await keyFor()
    const { data: filed } = await (await send(token, 'POST', '/requests', newRequest('access'))).json()
    let download: Response | undefined
    await eventually(
      async () => {
        download = await api(token, `/requests/${filed.id}/export`)
        if (download.status === 409) expect((await download.json()).error.code).toBe('export_not_ready')
        return download.status === 200
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the export to be built' },
    )
    expect(download!.headers.get('content-type')).toBe('application/zip')
    const files = await readZip(Buffer.from(await download!.arrayBuffer()))
    expect([...files.keys()].some((name) => name.endsWith('.csv'))).toBe(true)
    expect([...files.values()].join('\n')).toContain(filed.reference)
    const entries = await auditOf(workspace.id, 'request.export.download')
    expect(entries).toEqual([expect.objectContaining({ actor_type: 'api_key', actor_id: keyId })])

    const { data: erasure } = await (await send(token, 'POST', '/requests', newRequest('erasure'))).json()
    expect((await api(token, `/requests/${erasure.id}/export`)).status).toBe(404)
    const noScope = await keyFor(['requests:read'])
    expect((await api(noScope.token, `/requests/${filed.id}/export`)).status).toBe(403)
  })

  it('says 409 while a manual system’s task waits for staff, and shows each task with its receipt', async () => {
    const { token } = await keyFor()
    await send(token, 'POST', '/data-systems', { kind: 'manual', name: 'Paper files', instructions: 'Look in the cabinet.' })
    const { data: access } = await (await send(token, 'POST', '/requests', newRequest('access'))).json()
    const { data: erasure } = await (await send(token, 'POST', '/requests', newRequest('erasure'))).json()

    const detail = async (id: string) => privacyRequestDetailResource.parse((await (await api(token, `/requests/${id}`)).json()).data)
    await eventually(async () => (await detail(erasure.id)).tasks.some((t) => t.system.kind === 'built_in' && t.state === 'done'), {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'the built-in erasure to finish',
    })
    const erased = await detail(erasure.id)
    const builtIn = erased.tasks.find((t) => t.system.kind === 'built_in')!
    expect(builtIn).toMatchObject({ mode: 'erasure', attempts: 1, lastError: null, waitingReason: null })
    expect(builtIn.receipt?.items.length).toBeGreaterThan(0)
    expect(builtIn.completedAt).not.toBeNull()
    expect(erased.tasks.find((t) => t.system.kind === 'manual')).toMatchObject({ state: 'waiting_for_staff', receipt: null, completedAt: null })

    const waiting = await api(token, `/requests/${access.id}/export`)
    expect(waiting.status).toBe(409)
    expect((await waiting.json()).error.message).toContain('not built yet')
    // The list stays light: no tasks there.
    const list = await (await api(token, '/requests')).json()
    expect(list.data[0]).not.toHaveProperty('tasks')
  })
})

describe('the OpenAPI document', () => {
  it('describes the data systems and the request detail as the API sends them', async () => {
    const { schemas } = (await (await fetch(`${candor.url}/api/v1/openapi.json`)).json()).components
    const { token } = await keyFor()
    const { data: system } = await (await send(token, 'POST', '/data-systems', postgresSystem())).json()
    expect(Object.keys(system).sort()).toEqual(Object.keys(schemas.DataSystemDetail.properties).sort())
    const { data: filed } = await (await send(token, 'POST', '/requests', newRequest('erasure'))).json()
    const { data: detail } = await (await api(token, `/requests/${filed.id}`)).json()
    expect(Object.keys(detail).sort()).toEqual(Object.keys(schemas.PrivacyRequestDetail.properties).sort())
    expect(Object.keys(detail.tasks[0]).sort()).toEqual(Object.keys(schemas.RequestTask.properties).sort())
    const accepted = JSON.stringify(schemas.CreateDataSystem)
    for (const kind of ['postgres', 'webhook', 'manual']) expect(accepted).toContain(`"${kind}"`)
  })
})
