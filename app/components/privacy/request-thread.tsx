// The messages and steps the requester sees, oldest first, each saying who wrote it: "You" or
// the company.
export type ThreadEvent = { id: string; author: string; fromSubject: boolean; body: string | null; files: string[]; at: string }

export function RequestThread(props: { events: ThreadEvent[] }) {
  return (
    <>
      <h2 className="mt-10 text-lg font-semibold">Messages and steps</h2>
      <ol className="mt-3 grid gap-3">
        {props.events.map((event) => (
          <li
            key={event.id}
            className={`rounded border p-4 ${event.fromSubject ? 'ml-8 border-brand-600/30 bg-brand-50' : 'mr-8 border-slate-200 bg-white'}`}
          >
            <p className="text-sm text-slate-600">
              <strong className="font-semibold text-slate-900">{event.author}</strong> · {event.at}
            </p>
            <p className="mt-1 whitespace-pre-line">{event.body}</p>
            {event.files.map((name) => (
              <p key={name} className="mt-2 text-sm text-slate-700">
                Attached: {name}
              </p>
            ))}
          </li>
        ))}
      </ol>
    </>
  )
}
