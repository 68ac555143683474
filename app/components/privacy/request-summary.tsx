// The request at a glance on the requester's page: what it is, its state and its deadline (the
// steps below carry the dates it reached).
type Summary = { type: string; stateLabel: string; closed: boolean; due: string | null; extensionReason: string | null }

export function RequestSummary({ request }: { request: Summary }) {
  return (
    <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-5">
      <dt className="text-slate-600">Request</dt>
      <dd>{request.type}</dd>
      <dt className="text-slate-600">State</dt>
      <dd>
        <strong>{request.stateLabel}</strong>
      </dd>
      {request.due && !request.closed ? (
        <>
          <dt className="text-slate-600">Answer due by</dt>
          <dd>{request.due}</dd>
        </>
      ) : null}
      {request.extensionReason ? (
        <>
          <dt className="text-slate-600">Extended because</dt>
          <dd>{request.extensionReason}</dd>
        </>
      ) : null}
    </dl>
  )
}
