// On the requester's page of a request closed as a duplicate: what it repeats, linked only when
// that request is theirs too (dsar/duplicate-notice.server.ts decides).
import type { DuplicateNotice as Notice } from '~/modules/dsar/duplicate-notice.server'

export function DuplicateNotice({ notice }: { notice: Notice }) {
  return (
    <p className="mt-6 rounded border border-slate-200 bg-white p-4" data-testid="duplicate-notice">
      {notice.sentence}
      {notice.href ? (
        <>
          {' '}
          <a className="text-brand-700 underline" href={notice.href}>
            Follow {notice.reference}
          </a>
        </>
      ) : null}
    </p>
  )
}
