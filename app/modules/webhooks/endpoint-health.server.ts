// How one customer's endpoint is kept from holding back everybody's webhooks. Deliveries of
// every workspace share the webhook.deliver queue; a slow or failing endpoint would otherwise
// fill a worker's batches with 10-second timeouts. Two rules:
// - in a worker process, at most IN_FLIGHT_PER_ENDPOINT deliveries to one endpoint run at once;
//   another one waits up to SLOT_WAIT_MS for a turn (a fast endpoint frees one within
//   milliseconds), and otherwise its job is deferred by BUSY_WAIT_MS to the back of the queue,
//   not failed: a slow endpoint's backlog holds no more than four deliveries of a process;
// - after FAILURES_BEFORE_BACKOFF failed deliveries in a row, the endpoint backs off: no delivery
//   to it is tried before `backoff_until` (30 s, doubling up to an hour); its deliveries wait in
//   the queue without using a retry. The first delivery tried after that either succeeds (the
//   endpoint is healthy again) or moves the moment further.
// Deferring never loses a delivery: its job goes back in the queue (batch.server.ts).
import type { Tx } from '~/modules/db/tenant.server'

export const IN_FLIGHT_PER_ENDPOINT = 4
export const SLOT_WAIT_MS = 250
export const BUSY_WAIT_MS = 2_000
export const FAILURES_BEFORE_BACKOFF = 3
const FIRST_BACKOFF_SECONDS = 30
const LONGEST_BACKOFF_SECONDS = 60 * 60

/** Record a delivery's outcome on its endpoint, in the delivery's transaction. */
export async function recordEndpointOutcome(tx: Tx, endpointId: string, delivered: boolean): Promise<void> {
  if (delivered) {
    await tx.webhookEndpoint.updateMany({
      where: { id: endpointId, failuresInRow: { gt: 0 } },
      data: { failuresInRow: 0, backoffUntil: null },
    })
    return
  }
  await tx.$executeRaw`
    UPDATE webhook_endpoint
       SET failures_in_row = failures_in_row + 1,
           backoff_until = CASE WHEN failures_in_row + 1 >= ${FAILURES_BEFORE_BACKOFF}::int
             THEN now() + make_interval(secs => LEAST(
               ${FIRST_BACKOFF_SECONDS}::float8 * 2 ^ (failures_in_row + 1 - ${FAILURES_BEFORE_BACKOFF}::int),
               ${LONGEST_BACKOFF_SECONDS}::float8))
           END
     WHERE id = ${endpointId}::uuid`
}

/**
 * When a delivery held back by its endpoint's backoff is fetched again: a little after the
 * backoff ends, spread over up to 30 seconds so that a backlog does not arrive all at once.
 */
export const afterBackoff = (until: Date) => new Date(until.getTime() + Math.random() * 30_000)

/** When a delivery that found its endpoint busy in this process is fetched again. */
export const whenLessBusy = () => new Date(Date.now() + BUSY_WAIT_MS + Math.random() * BUSY_WAIT_MS)

type Slots = { running: number; waiting: (() => void)[] }
const slots = new Map<string, Slots>()

/**
 * Take one of the endpoint's delivery slots in this process, waiting up to `waitMs` for one to
 * be released; false when none came. Each `true` must be followed by one releaseSlot.
 */
export function takeSlot(endpointId: string, waitMs = SLOT_WAIT_MS): Promise<boolean> {
  const endpoint = slots.get(endpointId) ?? { running: 0, waiting: [] }
  slots.set(endpointId, endpoint)
  if (endpoint.running < IN_FLIGHT_PER_ENDPOINT) {
    endpoint.running++
    return Promise.resolve(true)
  }
  return new Promise((resolve) => {
    const turn = () => {
      clearTimeout(timer)
      resolve(true) // releaseSlot handed its slot over: `running` is unchanged
    }
    const timer = setTimeout(() => {
      endpoint.waiting.splice(endpoint.waiting.indexOf(turn), 1)
      resolve(false)
    }, waitMs)
    endpoint.waiting.push(turn)
  })
}

export function releaseSlot(endpointId: string): void {
  const endpoint = slots.get(endpointId)
  if (!endpoint) return
  const next = endpoint.waiting.shift()
  if (next) return next()
  endpoint.running--
  if (endpoint.running === 0) slots.delete(endpointId)
}
