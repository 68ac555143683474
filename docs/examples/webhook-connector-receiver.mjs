// A receiver for Candor's webhook data system tasks, with no dependencies (Node 20+).
//   CANDOR_SIGNING_SECRET=whsec_… PORT=8787 node webhook-connector-receiver.mjs
// It checks each task's Standard Webhooks signature, answers an access task at once with the
// customer's data, and accepts an erasure (202), erases, then reports on the callback URL.
// Replace the in-memory `customers` with your own store.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const secret = process.env.CANDOR_SIGNING_SECRET ?? ''
const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')

const customers = new Map([
  ['ada@example.com', { orders: [{ id: 'o-1001', total: '42.00', placedAt: '2026-11-02' }, { id: 'o-1002', total: '7.50', placedAt: '2026-11-20' }] }],
])

/** Whether Candor signed this body: HMAC-SHA256 of "id.timestamp.body", at most 5 minutes old. */
function signedByCandor(headers, body) {
  const id = headers['webhook-id']
  const timestamp = headers['webhook-timestamp']
  if (!id || !/^\d+$/.test(timestamp ?? '') || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest()
  return (headers['webhook-signature'] ?? '').split(' ').some((part) => {
    const [version, value = ''] = part.split(',')
    const given = Buffer.from(value, 'base64')
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
  })
}

function accessAnswer(email) {
  const orders = customers.get(email)?.orders ?? []
  return { collections: [{ name: 'orders', description: 'Orders placed in our shop', fields: ['id', 'total', 'placedAt'], rows: orders }] }
}

/** Erase now, then tell Candor on the task's callback URL what was erased. */
async function eraseAndReport(task) {
  const orders = customers.get(task.subject.email)?.orders.length ?? 0
  customers.delete(task.subject.email)
  const response = await fetch(task.answer.resultUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${task.answer.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ counts: [{ what: 'orders', count: orders }], kept: [] }),
  })
  console.log(`erasure of task ${task.taskId} reported: ${response.status}`)
}

const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    if (request.method !== 'POST' || !signedByCandor(request.headers, body)) {
      response.writeHead(401, { 'content-type': 'text/plain' }).end('invalid signature')
      return
    }
    const task = JSON.parse(body)
    if (task.type === 'access') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(accessAnswer(task.subject.email)))
    } else {
      response.writeHead(202).end()
      setTimeout(() => eraseAndReport(task).catch((error) => console.error('the erasure report failed', error)), 50)
    }
  })
})

server.listen(Number(process.env.PORT ?? 8787), '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`))
