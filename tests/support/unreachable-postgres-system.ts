// A connected Postgres data system in a workspace, as the dashboard adds it (settings checked,
// password sealed, audited), pointing at a port where nothing listens: a page that reads its
// schema learns at once that it cannot (for the route walk, the input fuzz and the step-up walk).
import { addConnectedSystem } from '~/modules/connectors/data-systems.server'
import { postgresSettingsSchema } from '~/modules/connectors/settings'
import { withTenant } from '~/modules/db/tenant.server'

export async function unreachablePostgresSystem(workspaceId: string): Promise<string> {
  const scope = { workspaceId, actor: { type: 'system', reason: 'test' } } as const
  const parsed = postgresSettingsSchema.parse({ host: '127.0.0.1', port: 1, database: 'shop', user: 'candor_privacy', tls: 'disable' })
  const { id } = await withTenant(scope, (tx) => addConnectedSystem(tx, scope, { kind: 'postgres', name: `Product database ${Math.random().toString(36).slice(2, 8)}`, settings: parsed, secret: 'not used' }))
  return id
}
