// Benchmark: a webhook data system's large collection (WEBHOOK_BENCH_ROWS NDJSON rows, default
// 200,000, about 17 MB) PUT to its upload URL, streamed through the route into encrypted object
// storage, three times; then the result call that completes the task. Reports the median
// seconds, rows and megabytes a second, and how much the process's memory grew while uploading
// (the upload is streamed: it should stay far below the body's size). Run with
// `npm run bench:webhook-upload`; prints one JSON line.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { faker } from '@faker-js/faker'
import { RouterContextProvider } from 'react-router'
import { expect, it } from 'vitest'
import { addConnectedSystem } from '~/modules/connectors/data-systems.server'
import { newSigningSecret } from '~/modules/connectors/webhook/signature.server'
import type { TaskMessage } from '~/modules/connectors/webhook/task-message'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { runTaskJob } from '../../jobs/dsar-task'
import { action as collectionAction } from '../../app/routes/api/v1/data-system-task-collection'
import { action as resultAction } from '../../app/routes/api/v1/data-system-task-result'
import { median, printFigures } from '../support/bench-figures'
import { makeOwnedWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'

const ROWS = Number(process.env.WEBHOOK_BENCH_ROWS ?? 200_000)
const ROUNDS = 3

const call = async (route: unknown, request: Request, params: Record<string, string>) =>
  (await (route as (args: unknown) => Promise<unknown>)({ request, params, context: new RouterContextProvider() })) as Response

/** The NDJSON body, made as it is read, so the benchmark itself holds none of it. */
function ndjson(rows: number): { stream: ReadableStream<Uint8Array>; bytes: () => number } {
  const encoder = new TextEncoder()
  let row = 0
  let bytes = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (row >= rows) return controller.close()
      const lines: string[] = []
      for (let i = 0; i < 1000 && row < rows; i++, row++) {
        lines.push(JSON.stringify({ id: row, at: '2026-11-20T10:00:00Z', page: `/products/${row % 977}`, referrer: 'https://search.example/?q=shoes', agent: 'Mozilla/5.0' }))
      }
      const chunk = encoder.encode(`${lines.join('\n')}\n`)
      bytes += chunk.length
      controller.enqueue(chunk)
    },
  })
  return { stream, bytes: () => bytes }
}

it('measures an NDJSON upload to a webhook task and the result that completes it', async () => {
  await startQueue({ supervise: false })
  const endpoint = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk))
    request.on('end', () => {
      tasks.push(JSON.parse(body) as TaskMessage)
      response.writeHead(202).end()
    })
  })
  const tasks: TaskMessage[] = []
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve))
  const { workspace } = await makeOwnedWorkspace()
  const scope = { workspaceId: workspace.id, actor: { type: 'system', reason: 'benchmark' } as const }
  const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/tasks`
  await withTenant(scope, (tx) => addConnectedSystem(tx, scope, { kind: 'webhook', name: 'Analytics', settings: { url, timeoutSeconds: 10 }, secret: newSigningSecret() }))

  const email = faker.internet.email().toLowerCase()
  const filed = await fileRequest(
    workspace.slug,
    { type: 'access', subjectName: 'Ada', email, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null },
    { ip: faker.internet.ipv4(), portalOrigin: 'https://portal.example' },
  )
  if (filed.outcome !== 'filed') throw new Error('not filed')
  await confirmRequest(workspace.slug, { reference: filed.reference, proof: { code: (await newestMailTo(email, 'Confirm your privacy request%')).code! } }, {})
  const { rows } = await ownerPool().query(
    `SELECT t.id FROM request_task t JOIN data_system s ON s.id = t.data_system_id AND s.kind = 'webhook' JOIN privacy_request r ON r.id = t.request_id WHERE r.reference = $1`,
    [filed.reference],
  )
  const taskId = rows[0].id as string
  await runTaskJob({ id: 'bench', name: 'dsar.task', data: { workspaceId: workspace.id, taskId } } as never)
  const { uploadUrl, resultUrl, token } = tasks[0]!.answer

  const times: number[] = []
  const growth: number[] = []
  let megabytes = 0
  for (let round = 0; round < ROUNDS; round++) {
    const body = ndjson(ROWS)
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const started = performance.now()
    const response = await call(collectionAction, new Request(uploadUrl.replace('{name}', 'page_views'), { method: 'PUT', body: body.stream, duplex: 'half' } as RequestInit), {
      taskId,
      name: 'page_views',
    })
    times.push((performance.now() - started) / 1000)
    clearInterval(sampler)
    expect(await response.json()).toEqual({ data: { taskId, collection: 'page_views', rows: ROWS } })
    growth.push((peak - before) / 1024 / 1024)
    megabytes = body.bytes() / 1024 / 1024
  }
  const started = performance.now()
  const result = await call(
    resultAction,
    new Request(resultUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ collections: [{ name: 'page_views', description: 'Pages seen', fields: ['id', 'at', 'page', 'referrer', 'agent'], uploaded: true }] }),
    }),
    { taskId },
  )
  const resultSeconds = (performance.now() - started) / 1000
  expect(result.status).toBe(200)
  endpoint.close()
  await stopQueue({ graceMs: 0 })

  const seconds = median(times)
  printFigures({
    benchmark: 'webhook-upload',
    rows: ROWS,
    megabytes: Number(megabytes.toFixed(1)),
    rounds: ROUNDS,
    medianSeconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(ROWS / seconds),
    megabytesPerSecond: Number((megabytes / seconds).toFixed(1)),
    medianRssGrowthMegabytes: Number(median(growth).toFixed(1)),
    resultSeconds: Number(resultSeconds.toFixed(3)),
  })
})
