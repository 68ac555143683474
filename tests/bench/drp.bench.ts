// Benchmark: the Data Rights Protocol's cost per call, through the route modules on real
// PostgreSQL. DRP_BENCH_ROUNDS (default 100, under the API's 300 filings an hour per workspace)
// times after a warm-up, medians in milliseconds:
// - opening a signed envelope (base64, Ed25519 verification with Node's crypto, SHA-256);
// - a valid exercise request, filed and received (signature, §3.07 checks, the privacy request
//   with its tasks, deadline, e-mail and audit entries, the drp_request row);
// - a status read (bearer token, the request and its erasure statement).
// Run with `npm run bench:drp`; one JSON line.
import { expect, it } from 'vitest'
import { addAgent } from '~/modules/drp/agents.server'
import { businessIdOf } from '~/modules/drp/business-id'
import { openEnvelope } from '~/modules/drp/signed-message.server'
import { verifyKeyBytes } from '~/modules/drp/verify-key'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { median, printFigures } from '../support/bench-figures'
import { TestAgent } from '../support/drp-agent'
import { makeOwnedWorkspace } from '../support/factories'

const ROUNDS = Number(process.env.DRP_BENCH_ROUNDS ?? 100)
const round2 = (value: number) => Math.round(value * 100) / 100

async function timed(work: () => unknown): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

it('measures envelope verification, a filed exercise request and a status read', { timeout: 600_000 }, async () => {
  await startQueue({ supervise: false })
  try {
    const { workspace, member } = await makeOwnedWorkspace()
    const agent = new TestAgent('BENCH_AGENT')
    await addAgent(member.tenant, { agentId: agent.agentId, name: 'Bench agent', verifyKey: agent.verifyKey }, {})
    const business = businessIdOf(workspace.slug)
    expect((await agent.pair(workspace.slug, agent.seal(agent.envelope(business)))).status).toBe(200)
    const key = verifyKeyBytes(agent.verifyKey)!
    const sealed = agent.seal(agent.exercise(business))

    const verify: number[] = []
    const exercise: number[] = []
    const status: number[] = []
    let lastId = ''
    for (let i = -5; i < ROUNDS; i++) {
      const v = await timed(() => expect(openEnvelope(sealed, key).ok).toBe(true))
      const body = agent.seal(agent.exercise(business))
      const e = await timed(async () => {
        const answer = await agent.submit(workspace.slug, body)
        expect(answer.status).toBe(200)
        lastId = String(answer.body!.request_id)
      })
      const s = await timed(async () => expect((await agent.status(workspace.slug, lastId)).status).toBe(200))
      if (i < 0) continue
      verify.push(v)
      exercise.push(e)
      status.push(s)
    }
    printFigures({
      bench: 'drp',
      rounds: ROUNDS,
      verifyEnvelopeMs: round2(median(verify)),
      exerciseRequestMs: round2(median(exercise)),
      statusReadMs: round2(median(status)),
    })
  } finally {
    await stopQueue({ graceMs: 0 })
  }
})
