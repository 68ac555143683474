// A minor platform incident (S3) declared for one workspace and carried to it at once, the way
// the operator console and the platform_incident.notify job do: rows in the platform's tables,
// the workspace's platform_incident_workspace and platform_incident_notice rows, and its audit entry.
import { declareInput } from '~/modules/platform-incidents/incident-input'
import { declareIncident } from '~/modules/platform-incidents/incidents.server'
import { notifyIncidentEvent } from '~/modules/platform-incidents/notify.server'
import { ownerPool } from '~/modules/db/owner.server'

/** `operatorId`: any user's id (the OPERATOR_EMAILS check belongs to the console's routes). */
export async function platformIncidentAffecting(workspace: { slug: string }, operatorId: string): Promise<string> {
  const input = declareInput.parse({ title: 'Slow trust pages', description: 'Pages load slowly.', severity: 'S3', affects: 'chosen', workspaces: workspace.slug })
  const incidentId = await declareIncident(operatorId, input, {})
  const { rows } = await ownerPool().query<{ id: string }>('SELECT id FROM platform_incident_event WHERE incident_id = $1', [incidentId])
  await notifyIncidentEvent({ eventId: rows[0]!.id })
  return incidentId
}
