// The "Service incidents" section of Candor's own trust page: the platform incidents its
// operators chose to publish, newest first, each with its severity, status, dates and updates.
// Nothing in it says which customers an incident affected.
import { SEVERITY_LABELS, STATUS_LABELS } from '~/modules/platform-incidents/incident-input'
import type { PublishedIncident } from '~/modules/platform-incidents/published.server'
import { Badge, Card, Section } from './trust-section'

const formatTime = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(new Date(iso))} UTC`

export function PlatformIncidentsSection({ incidents }: { incidents: PublishedIncident[] }) {
  return (
    <Section id="incidents" title="Service incidents" intro="Incidents of the Candor service that its operators chose to publish here, newest first.">
      <ul className="grid gap-4">
        {incidents.map((incident) => (
          <Card as="li" key={incident.id}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <h3 className="font-semibold text-ink">{incident.title}</h3>
              <Badge tone={incident.status === 'resolved' ? 'good' : 'bad'}>{STATUS_LABELS[incident.status]}</Badge>
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {SEVERITY_LABELS[incident.severity]} · started {formatTime(incident.startedAt)}
              {incident.resolvedAt ? ` · resolved ${formatTime(incident.resolvedAt)}` : ''}
            </p>
            <ol className="mt-4 grid gap-3 border-t border-slate-100 pt-3 text-sm">
              {incident.updates.map((update, i) => (
                <li key={i}>
                  <p className="text-xs text-slate-500">
                    {formatTime(update.postedAt)} · {STATUS_LABELS[update.status]}
                  </p>
                  <p className="mt-0.5 whitespace-pre-wrap text-slate-700">{update.message}</p>
                </li>
              ))}
            </ol>
          </Card>
        ))}
      </ul>
    </Section>
  )
}
