// Every deadline of the request, each with the rule it comes from, in the workspace's days.
import { PageSection } from '~/components/page-section'
import type { RequestView } from '~/modules/dsar/desk/request-view.server'

export function DeadlinesSection({ deadlines, timeZone }: { deadlines: RequestView['deadlines']; timeZone: string }) {
  return (
    <PageSection id="deadlines" title="Deadlines">
      <p className="mt-1 text-sm text-slate-600">Days counted in {timeZone}.</p>
      <table className="mt-3 w-full text-left text-sm">
        <tbody className="divide-y divide-slate-100">
          {deadlines.map((deadline) => (
            <tr key={deadline.caption} className="align-top">
              <th scope="row" className="py-2 pr-4 font-medium">
                {deadline.caption}
              </th>
              <td className="py-2 pr-4 sm:whitespace-nowrap">
                {deadline.date}
                {deadline.paused ? <span className="block text-xs text-amber-800">clock paused since {deadline.paused}</span> : null}
              </td>
              <td className="py-2 text-xs text-slate-500">{deadline.basis}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PageSection>
  )
}
