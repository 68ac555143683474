// The audit page's statement about its hash chain: how far it is verified and how, the last
// full verification, and the button that asks for one (a job).
import { Form } from 'react-router'
import type { ChainBadge } from '~/modules/audit/chain-badge'

const BADGE_TONES = {
  intact: 'border-green-300 bg-green-50 text-green-900',
  partly: 'border-amber-300 bg-amber-50 text-amber-900',
  broken: 'border-red-300 bg-red-50 text-red-900',
} as const

export function ChainBadgeSection({ chain }: { chain: ChainBadge }) {
  return (
    <section aria-label="Hash chain" className="mt-4 max-w-5xl rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <p
        role={chain.tone === 'broken' ? 'alert' : 'status'}
        className={`inline-block rounded border px-3 py-1 font-medium ${BADGE_TONES[chain.tone]}`}
      >
        {chain.headline}
      </p>
      {chain.coverage.map((line) => (
        <p key={line} className="mt-2 text-slate-700">
          {line}
        </p>
      ))}
      <p className="mt-2 text-slate-700">{chain.fullVerification}</p>
      {chain.pending ? <p className="mt-2 text-slate-700">{chain.pending}</p> : null}
      <Form method="post" className="mt-3">
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Verify the whole chain
        </button>
      </Form>
    </section>
  )
}
