// Input fuzzing of a running Candor: a few thousand hostile inputs (NUL and control characters,
// overlong text, bad UTF-8, huge numbers, duplicate and missing fields, wrong JSON types) sent to
// every route's path parameters, every POST form of every public and dashboard page (found in
// the pages' own HTML), the API and the CSP report endpoint. No answer may be a 5xx, and no
// refusal may show internal text (a Prisma message, a stack, a route id). The generator is
// seeded: a failure names its seed and case, and replays with FUZZ_SEED.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { RouteConfigEntry } from '@react-router/dev/routes'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import routes from '~/routes'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { submitReport } from '~/modules/disclosure/reports.server'
import { reportInput } from '~/modules/disclosure/report-form'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { requestInput } from '~/modules/dsar/portal-form'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { seedDemoIfEmpty } from '~/modules/tenancy/demo-seed.server'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { signedDpaOf } from '../support/dpa-signatures'
import { digestTokenOf } from '../support/digest-links'
import { FUZZ_JSON, FUZZ_PATH, FUZZ_TEXT, type FuzzValue, encodeFuzz, fuzzBytes, seededRandom } from '../support/fuzz-values'
import { type HtmlForm, postForms } from '../support/html-forms'
import { newestMailTo } from '../support/requester-mail'
import { subscriptionsOf } from '../support/subprocessor-subscriptions'
import { documentsOf } from '../support/trust-documents'
import { attachmentOf } from '../support/requester-attachments'
import { unreachablePostgresSystem } from '../support/unreachable-postgres-system'

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)
const random = seededRandom(SEED)
const CASES_PER_PUBLIC_FORM = 60
const CASES_PER_DASHBOARD_FORM = 12
const PATH_VALUES_PER_PARAMETER = 6
/** Requests in flight at once: enough to keep a two-core machine busy. */
const CONCURRENCY = 6

/** Internal text that must never reach a person: error classes, stacks, ORM and route details. */
const LEAK = /prisma|invocation|\bat [\w.<>]+ \(|node_modules|routes\/[\w-]+\/|ZodError|TypeError|ReferenceError|SyntaxError:|Unexpected Server Error|ECONNREFUSED|22021|violates/i

let candor: RunningCandor
let fx: Awaited<ReturnType<typeof setUp>>
let failures: string[] = []
let sent = 0

beforeAll(async () => {
  // Each request names its own client address, so the per-address limits let the inputs reach
  // validation instead of refusing them all after the first few.
  candor = await startCandor({ NODE_ENV: 'test', CLIENT_IP_HEADER: 'x-fuzz-client' })
  await startQueue({ supervise: false })
  fx = await setUp()
})
/** What the server logged as errors (scrubbed by its logger) since `from` characters of output. */
const serverErrors = (from: number) =>
  candor
    .output()
    .slice(from)
    .split('\n')
    .filter((line) => line.includes('"level":"error"'))
let outputAtStart = 0
beforeEach(() => {
  failures = []
  outputAtStart = candor.output().length
})
afterEach(async () => {
  // A server that crashed or failed quietly: no answer to a probe, or an error in its log.
  expect((await exchange('GET', '/healthz', {})).status).toBe(200)
  expect(serverErrors(outputAtStart).slice(0, 5)).toEqual([])
})
afterAll(async () => {
  await stopQueue({ graceMs: 0 })
  await candor?.stop()
})

async function setUp() {
  await seedDemoIfEmpty()
  const { rows } = await ownerPool().query<{ id: string; slug: string; name: string; owner_id: string }>(
    `SELECT w.id, w.slug, w.name, m.user_id AS owner_id FROM workspace w JOIN membership m ON m.workspace_id = w.id AND m.role = 'owner' WHERE w.slug = 'acme'`,
  )
  const workspace = rows[0]!
  const documents = await documentsOf(workspace, 'Fuzz')
  const dpa = await signedDpaOf(workspace)
  const subscription = await subscriptionsOf(workspace.id)
  const email = `subject-${randomUUID()}@example.com`
  const filed = await fileRequest(
    workspace.slug,
    requestInput.parse({ type: 'access', subjectName: 'Fuzz Subject', email, relationship: 'customer', jurisdiction: 'gdpr' }),
    { ip: randomUUID(), portalOrigin: candor.url },
  )
  if (filed.outcome !== 'filed') throw new Error('the request was not filed')
  const mail = await newestMailTo(email, 'Confirm your privacy request%')
  await confirmRequest(workspace.slug, { reference: filed.reference, proof: { code: mail.code! } }, {})
  const { rows: request } = await ownerPool().query('SELECT id FROM privacy_request WHERE reference = $1', [filed.reference])
  const report = await submitReport(
    workspace.slug,
    reportInput.parse({ reporterEmail: `r-${randomUUID()}@example.com`, affectedSurface: 'API', reproductionSteps: 'GET /x', severity: 'low', preferredTimeline: 'policy' }),
    { ip: randomUUID(), appOrigin: candor.url },
  )
  if (report.outcome !== 'filed') throw new Error('the report was not filed')
  const { rows: reportRow } = await ownerPool().query('SELECT id FROM vulnerability_report WHERE reference = $1', [report.reference])
  const { token } = await withPlatform((tx) => startSession(tx, workspace.owner_id))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
  const apiKey = await createApiKey(
    { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } },
    workspace.owner_id,
    { name: 'fuzz', scopes: ['workspace:read', 'audit:read', 'requests:read', 'requests:write', 'requests:export', 'data-systems:read', 'data-systems:write'] },
    {},
  )
  const params: Record<string, string> = {
    slug: workspace.slug,
    id: randomUUID(),
    requestId: request[0].id,
    // The workspace's own system (Candor's): the API refuses to change it, whatever the body.
    dataSystemId: (await ownerPool().query("SELECT id FROM data_system WHERE workspace_id = $1 AND kind = 'built_in'", [workspace.id])).rows[0].id,
    attachmentId: await attachmentOf(workspace.id, request[0].id),
    reference: filed.reference,
    documentId: documents.gatedId,
    reportId: reportRow[0].id,
    signatureId: dpa.id,
    // An incident id nobody has: the register's pages answer 404 to it, never a 5xx.
    incidentId: randomUUID(),
    // A connected Postgres database whose address answers nothing: its page says so at once.
    systemId: await unreachablePostgresSystem(workspace.id),
    // A data system task nobody holds a token for: its callbacks answer 401, never a 5xx.
    taskId: randomUUID(),
    name: 'orders',
    token: subscription.confirmToken,
    // A DRP agent id nobody registered, as the directory spells ids: the DRP routes answer 403.
    agentId: 'CR_AA_DRP_ID_001',
    // A page of the documentation (/docs/:page).
    page: 'getting-started',
    // A section of the trust page's editor (/w/:slug/trust/:section), one with a list.
    section: 'faq',
    // A brand asset's name that no logo or colour has: the logo and accent routes answer 404.
    file: '0123456789abcdef.png',
  }
  // A route whose :token is another kind of link: the right token for it.
  const tokens: Record<string, string> = {
    'p/:slug/confirm/:token': randomUUID(),
    't/:slug/subprocessors/unsubscribe/:token': subscription.unsubscribeToken,
    't/:slug/subprocessors/object/:token': subscription.objectionToken,
    't/:slug/documents/access/:token': documents.accessToken,
    't/:slug/documents/access/:token/download': documents.accessToken,
    't/:slug/dpa/signed/:token': dpa.token,
    't/:slug/dpa/signed/:token/pdf': dpa.token,
    'notifications/:slug/unsubscribe/:token': await digestTokenOf(workspace.id, workspace.owner_id),
  }
  return { params, tokens, cookie, apiKey: apiKey.token }
}

function flatten(entries: RouteConfigEntry[], parent = ''): string[] {
  return entries.flatMap((entry) => {
    const path = entry.path ? (parent ? `${parent}/${entry.path}` : entry.path) : parent
    return [...(entry.index || entry.path ? [path] : []), ...flatten(entry.children ?? [], path)]
  })
}

// Routes that end the session the fuzzer works with, or a developer tool that sends mail.
const SKIPPED = new Set(['sign-out', 'dev/mailbox', 'ops/end'])
const allPaths = [...new Set(flatten(routes))].filter((path) => !path.includes('*') && !SKIPPED.has(path))

function fill(path: string, override?: { name: string; value: FuzzValue }): string {
  return `/${path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (override?.name === name) return encodeFuzz(override.value)
    const value = name === 'token' ? (fx.tokens[path] ?? fx.params.token!) : fx.params[name]
    if (value === undefined) throw new Error(`route ${path}: say how to fill :${name}`)
    return encodeURIComponent(value)
  })}`
}

type Sent = { method: string; url: string; body?: string | Buffer; headers?: Record<string, string>; signedIn?: boolean }

async function send(request: Sent, label: string): Promise<{ status: number; body: string }> {
  sent += 1
  const headers: Record<string, string> = {
    origin: candor.url,
    'x-fuzz-client': `10.${random.int(256)}.${random.int(256)}.${random.int(256)}`,
    ...(request.signedIn ? { cookie: fx.cookie } : {}),
    ...request.headers,
  }
  let status = 0
  let body = ''
  try {
    ;({ status, body } = await exchange(request.method, request.url, headers, request.body))
  } catch (error) {
    // A client still sending when the server has answered and closed sees a reset: Node refuses
    // a request head over 16 KB (431), and React Router drops a body that an action had no use
    // for (a one-click unsubscribe) once it has answered. Not a server error: a crash would
    // refuse the next connection, and each test checks that the server logged no error.
    const sending = request.url.length > 16_384 || request.body !== undefined
    if (sending && (error as { code?: string }).code === 'ECONNRESET') return { status: 0, body }
    failures.push(`${label}: ${request.method} ${request.url.slice(0, 120)} failed to answer (${String(error)})`)
    return { status, body }
  }
  if (status >= 500) failures.push(`${label}: ${request.method} ${request.url.slice(0, 120)} answered ${status}: ${body.slice(0, 200)}`)
  else if (status >= 400 && LEAK.test(shownText(body))) {
    const shown = shownText(body)
    failures.push(`${label}: ${request.method} ${request.url.slice(0, 120)} leaked internal text (${status}): ${LEAK.exec(shown)?.[0]} in ${shown.slice(0, 200)}`)
  }
  return { status, body }
}

/** One HTTP exchange through node:http, which sends the headers as given (fetch replaces Host). */
function exchange(method: string, url: string, headers: Record<string, string>, body?: string | Buffer) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }
    const request = http.request(`${candor.url}${url}`, { method, headers: { ...headers, ...length } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(body)
  })
}

/**
 * What a person sees of a response: an HTML page without its scripts (whose route manifest
 * names every route, as on every page) and tags; any other body as it is.
 */
function shownText(body: string): string {
  if (!body.trimStart().startsWith('<')) return body
  return body
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>) {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

/** A value a person would type into a field of this kind. */
function plausible(field: HtmlForm['fields'][number]): string {
  if (field.kind === 'honeypot') return ''
  if (field.kind === 'hidden' || field.kind === 'radio' || field.kind === 'select' || field.kind === 'checkbox') return field.value
  if (field.kind === 'email' || /email/i.test(field.name)) return `fuzz-${random.int(1e9)}@example.com`
  if (field.kind === 'date') return '2027-03-01'
  if (field.kind === 'number') return '30'
  if (field.kind === 'url') return 'https://example.com/page'
  return 'Fuzz value'
}

/** One mutated submission of `form`: some fields hostile, some missing, some twice. */
function mutate(form: HtmlForm): Sent {
  const pairs: [string, FuzzValue][] = form.fields.filter((f) => f.kind !== 'file').map((f) => [f.name, plausible(f)])
  if (form.buttons.length > 0) {
    const button = random.pick(form.buttons)
    pairs.push([button.name, random.next() < 0.8 ? button.value : random.pick(FUZZ_TEXT)])
  }
  const hostile = 1 + random.int(3)
  for (let i = 0; i < hostile && pairs.length > 0; i++) pairs[random.int(pairs.length)]![1] = random.pick(FUZZ_TEXT)
  const roll = random.next()
  if (roll < 0.1 && pairs.length > 0) pairs.splice(random.int(pairs.length), 1)
  else if (roll < 0.2 && pairs.length > 0) pairs.push([random.pick(pairs)[0], random.pick(FUZZ_TEXT)])
  else if (roll < 0.25) pairs.push([random.pick(FUZZ_TEXT) as string, 'extra'])

  if (form.multipart) {
    const boundary = `fuzz${random.int(1e9)}`
    const parts: Buffer[] = pairs.map(([name, value]) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`),
        fuzzBytes(name),
        Buffer.from('"\r\n\r\n'),
        fuzzBytes(value),
        Buffer.from('\r\n'),
      ]),
    )
    for (const field of form.fields.filter((f) => f.kind === 'file')) {
      const fileName = random.pick(['report.pdf', 'rep\u0000ort.pdf', `${'a'.repeat(500)}.pdf`, '../../x.pdf', 'x\u0007.pdf', '😀.pdf'])
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n`))
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`))
    return { method: 'POST', url: form.action, body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
  }
  const body = pairs.map(([name, value]) => `${encodeFuzz(name)}=${encodeFuzz(value)}`).join('&')
  return { method: 'POST', url: form.action, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
}

it('answers every hostile path parameter and query without a 5xx or internal text', async () => {
  const cases: [Sent, string][] = []
  for (const path of allPaths) {
    const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!)
    const signedIn = path.startsWith('w/') || path.startsWith('account') || path === 'app' || path === 'onboarding' || path.startsWith('ops')
    for (const name of names) {
      for (let i = 0; i < PATH_VALUES_PER_PARAMETER; i++) {
        cases.push([{ method: 'GET', url: fill(path, { name, value: random.pick(FUZZ_PATH) }), signedIn }, `path ${path} :${name}`])
      }
    }
    for (let i = 0; i < 2; i++) {
      const query = `${encodeFuzz(random.pick(['next', 'cursor', 'limit', 'state', 'type', 'page', 'q', random.pick(FUZZ_TEXT)]))}=${encodeFuzz(random.pick(FUZZ_TEXT))}`
      cases.push([{ method: 'GET', url: `${fill(path)}?${query}`, signedIn }, `query ${path}`])
    }
  }
  await inParallel(cases, CONCURRENCY, ([request, label]) => send(request, label))
  expect(failures, `seed ${SEED}`).toEqual([])
})

it('answers hostile submissions of every public and dashboard form without a 5xx or internal text', { timeout: 180_000 }, async () => {
  const pages: { url: string; signedIn: boolean }[] = allPaths
    .filter((path) => !path.startsWith('api/') && !path.endsWith('.atom') && !path.endsWith('.txt') && !path.endsWith('pdf') && !path.endsWith('download') && !path.endsWith('export') && !path.endsWith('.csv'))
    .map((path) => ({ url: fill(path), signedIn: path.startsWith('w/') || path.startsWith('account') || path === 'onboarding' }))
  const forms: { form: HtmlForm; signedIn: boolean; page: string }[] = []
  for (const page of pages) {
    const { status, body } = await send({ method: 'GET', url: page.url, signedIn: page.signedIn }, `page ${page.url}`)
    if (status !== 200) continue
    for (const form of postForms(body, `${candor.url}${page.url}`)) {
      if (form.action.startsWith('/sign-out')) continue
      forms.push({ form, signedIn: page.signedIn, page: page.url })
    }
  }
  // The public pages alone hold the portal, status sign-in, subscription, objection, security
  // report, document request and DPA forms; the dashboard many more.
  expect(forms.filter((f) => !f.signedIn).length).toBeGreaterThanOrEqual(8)
  // Public forms first and most: they face anyone. A dashboard form that ends the fuzzer's
  // session (2FA required, say) only makes later dashboard cases redirect, which they may.
  for (const signedIn of [false, true]) {
    const cases = forms
      .filter((f) => f.signedIn === signedIn)
      .flatMap(({ form, page }) =>
        Array.from({ length: signedIn ? CASES_PER_DASHBOARD_FORM : CASES_PER_PUBLIC_FORM }, () => [{ ...mutate(form), signedIn }, `form on ${page} → ${form.action}`] as [Sent, string]),
      )
    await inParallel(cases, CONCURRENCY, ([request, label]) => send(request, label))
  }
  expect(failures, `seed ${SEED}`).toEqual([])
})

it('answers hostile API calls and CSP reports without a 5xx or internal text', async () => {
  const bearer = { authorization: `Bearer ${fx.apiKey}` }
  const json = { ...bearer, 'content-type': 'application/json' }
  const base = { type: 'access', subjectName: 'Api Subject', email: 'api@example.com', relationship: 'customer', jurisdiction: 'gdpr' }
  const cases: [Sent, string][] = []
  for (const key of [...Object.keys(base), 'details', 'agentName', 'agentAuthority', 'emailVerified', 'agent']) {
    for (const value of FUZZ_JSON) {
      cases.push([{ method: 'POST', url: '/api/v1/requests', headers: json, body: JSON.stringify({ ...base, email: `api-${random.int(1e9)}@example.com`, [key]: value }) }, `API field ${key}`])
    }
  }
  for (const body of ['', '{', '[1,2', '"text"', '[]', 'null', '{"__proto__":{"x":1}}', '['.repeat(5000), `{"type":"${'a'.repeat(500_000)}"}`]) {
    cases.push([{ method: 'POST', url: '/api/v1/requests', headers: json, body }, 'API body'])
  }
  // Data systems: a manual system (created when valid; a manual task only waits for staff), a
  // Postgres system whose map is refused (so none is ever created and connected to), and every
  // field of a change to Candor's own system (refused once the body is read).
  const manual = { kind: 'manual', name: 'Fuzz CRM', instructions: 'Delete the contact.', backupRetentionDays: 30 }
  const postgres = { kind: 'postgres', name: 'Fuzz DB', settings: { host: 'db.example', database: 'app', user: 'candor', port: 5432 }, map: { tables: [], references: [] } }
  for (const value of FUZZ_JSON) {
    for (const key of Object.keys(manual)) {
      cases.push([{ method: 'POST', url: '/api/v1/data-systems', headers: json, body: JSON.stringify({ ...manual, [key]: value }) }, `data system field ${key}`])
    }
    for (const key of [...Object.keys(postgres.settings), 'tls', 'statementTimeoutSeconds']) {
      const body = { ...postgres, settings: { ...postgres.settings, [key]: value } }
      cases.push([{ method: 'POST', url: '/api/v1/data-systems', headers: json, body: JSON.stringify(body) }, `data system setting ${key}`])
    }
    for (const key of ['name', 'settings', 'secret', 'map', 'instructions', 'archived', 'backupRetentionDays']) {
      cases.push([{ method: 'PATCH', url: `/api/v1/data-systems/${fx.params.dataSystemId}`, headers: json, body: JSON.stringify({ [key]: value }) }, `data system change ${key}`])
    }
  }
  for (let i = 0; i < 60; i++) {
    const query = ['state', 'type', 'limit', 'cursor'].map((name) => `${name}=${encodeFuzz(random.pick(FUZZ_TEXT))}`).join('&')
    cases.push([{ method: 'GET', url: `/api/v1/requests?${query}`, headers: bearer }, 'API list query'])
  }
  for (const authorization of ['Bearer ', 'Bearer cnd_\u00ff', `Bearer ${'x'.repeat(5000)}`, 'Basic abc', `Bearer ${fx.apiKey}x`]) {
    cases.push([{ method: 'GET', url: '/api/v1/workspace', headers: { authorization } }, 'API key'])
  }
  const reports = [
    { 'csp-report': { 'document-uri': 'https://x/', 'line-number': 2 ** 31, 'column-number': 2 ** 40 } },
    { 'csp-report': { 'document-uri': 'https://x/\u0000', 'violated-directive': 'a\u0000b' } },
    { 'csp-report': { 'document-uri': 'a'.repeat(15_000) } },
    [{ type: 'csp-violation', body: { documentURL: 'https://x/', lineNumber: 1e300, columnNumber: -1 } }],
    Array.from({ length: 25 }, () => ({ type: 'csp-violation', body: { documentURL: 'https://x/' } })),
    { 'csp-report': null },
  ]
  for (const report of reports) {
    for (const type of ['application/csp-report', 'application/reports+json', 'application/json', 'text/plain']) {
      cases.push([{ method: 'POST', url: '/api/csp-report', headers: { 'content-type': type }, body: JSON.stringify(report) }, 'CSP report'])
    }
  }
  for (const host of ['127.0.0.1:99999', '127.0.0.1:65536', 'evil.example:1234567']) {
    for (const path of ['/healthz', '/t/acme', '/p/acme', '/sign-in']) {
      cases.push([{ method: 'GET', url: path, headers: { host } }, 'Host header'])
    }
  }
  await inParallel(cases, CONCURRENCY, ([request, label]) => send(request, label))
  expect(failures, `seed ${SEED}`).toEqual([])
  // The whole run: a few thousand inputs.
  expect(sent).toBeGreaterThan(2_000)
  console.log(`input fuzz: ${sent} requests, seed ${SEED}, ${failures.length} failures`)
})
