// Said on a page whose resources reached the plan's limit: nothing is deleted, only adding more
// is refused. The billing link is for those who may change the plan.
export function PlanLimitNotice(props: { message: string | null; upgrade: string | null }) {
  if (!props.message) return null
  return (
    <p role="status" className="mt-4 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {props.message}
      {props.upgrade ? (
        <>
          {' '}
          <a className="font-medium underline" href={props.upgrade}>
            Upgrade the plan
          </a>
        </>
      ) : null}
    </p>
  )
}
