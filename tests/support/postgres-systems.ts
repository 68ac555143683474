// A connected Postgres data system in a workspace, as the dashboard adds it (settings checked,
// password sealed, audited). By default it points at a port where nothing listens, so a page
// that reads its schema learns at once that it cannot.
import { addConnectedSystem } from '~/modules/connectors/data-systems.server'
import { postgresSettingsSchema } from '~/modules/connectors/settings'
import { withTenant } from '~/modules/db/tenant.server'

export async function connectedPostgresSystem(workspaceId: string, settings: Record<string, unknown> = {}, password: string | null = 'not used'): Promise<string> {
  const scope = { workspaceId, actor: { type: 'system', reason: 'test' } } as const
  const parsed = postgresSettingsSchema.parse({ host: '127.0.0.1', port: 1, database: 'shop', user: 'candor_privacy', tls: 'disable', ...settings })
  const { id } = await withTenant(scope, (tx) => addConnectedSystem(tx, scope, { kind: 'postgres', name: `Product database ${Math.random().toString(36).slice(2, 8)}`, settings: parsed, secret: password }))
  return id
}
