// The per-process cap on deliveries to one endpoint: a turn is handed over on release, and a
// delivery that waited too long is told so (its job is then deferred).
import { describe, expect, it } from 'vitest'
import { IN_FLIGHT_PER_ENDPOINT, releaseSlot, takeSlot } from './endpoint-health.server'

describe('delivery slots of an endpoint', () => {
  it(`lets ${IN_FLIGHT_PER_ENDPOINT} run at once, hands a released slot to the next in line, and gives up after the wait`, async () => {
    const endpoint = crypto.randomUUID()
    const taken = await Promise.all(Array.from({ length: IN_FLIGHT_PER_ENDPOINT }, () => takeSlot(endpoint, 0)))
    expect(taken).toEqual(Array(IN_FLIGHT_PER_ENDPOINT).fill(true))

    const waiting = takeSlot(endpoint, 5_000)
    const tooLate = takeSlot(endpoint, 20)
    releaseSlot(endpoint)
    expect(await waiting).toBe(true)
    expect(await tooLate).toBe(false)

    // Another endpoint is not held back by this one.
    const other = crypto.randomUUID()
    expect(await takeSlot(other, 0)).toBe(true)
    releaseSlot(other)

    // Once every slot is released, the next one is taken at once.
    for (let i = 0; i < IN_FLIGHT_PER_ENDPOINT; i++) releaseSlot(endpoint)
    expect(await takeSlot(endpoint, 0)).toBe(true)
    releaseSlot(endpoint)
  })
})
