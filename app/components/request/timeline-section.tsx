// Every event of the request in order, marked as seen by the requester or by staff only.
import { PageSection } from '~/components/page-section'
import type { RequestView } from '~/modules/dsar/desk/request-view.server'

export function TimelineSection({ events }: { events: RequestView['events'] }) {
  return (
    <PageSection id="timeline" title="Timeline">
      <ol className="mt-3 space-y-4">
        {events.map((event) => (
          <li key={event.id} className="rounded border border-slate-200 p-3 text-sm">
            <div className="flex flex-wrap items-baseline gap-x-3">
              <strong>{event.kind}</strong>
              <span className="text-slate-600">{event.who}</span>
              <time className="text-slate-500">{event.when}</time>
              {event.public ? (
                <span className="rounded bg-sky-50 px-2 py-0.5 text-xs text-sky-900">visible to requester</span>
              ) : (
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">staff only</span>
              )}
            </div>
            {event.body ? <p className="mt-2 break-words whitespace-pre-wrap">{event.body}</p> : null}
          </li>
        ))}
      </ol>
    </PageSection>
  )
}
