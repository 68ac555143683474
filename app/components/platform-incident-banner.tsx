// The incidents of the Candor service that affect this workspace, at the top of every dashboard
// page: severity, title, status and the newest update with its time, as the rows say now. The
// update's text folds open (no script needed); a resolved incident reads as resolved, in green.
import { utcInstant } from '~/modules/formats/utc-instant'
import { SEVERITY_LABELS, STATUS_LABELS } from '~/modules/platform-incidents/incident-input'
import type { IncidentHere } from '~/modules/platform-incidents/dashboard.server'

export function PlatformIncidentBanners({ incidents }: { incidents: IncidentHere[] }) {
  return incidents.map((incident) => {
    const resolved = incident.status === 'resolved'
    return (
      <section
        key={incident.id}
        aria-label={`Candor service incident: ${incident.title}`}
        data-testid="platform-incident"
        className={`mb-6 rounded border px-3 py-2 text-sm ${resolved ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-red-200 bg-red-50 text-red-900'}`}
      >
        <p>
          <strong>
            Candor service incident, {SEVERITY_LABELS[incident.severity]}: {incident.title}
          </strong>{' '}
          — {resolved && incident.resolvedAt ? `resolved ${utcInstant(incident.resolvedAt)}` : `${STATUS_LABELS[incident.status].toLowerCase()} (started ${utcInstant(incident.startedAt)})`}.
        </p>
        <details className="mt-1">
          <summary className="cursor-pointer">Latest update from Candor, {utcInstant(incident.lastPostedAt)}</summary>
          <p className="mt-1 whitespace-pre-wrap">{incident.lastMessage}</p>
        </details>
      </section>
    )
  })
}
