// Demo data for a fresh development database (never in production), created through the same
// domain functions the app uses. Later capabilities add their own demo records here.
import { db } from '~/modules/db/client.server'
import { createWorkspace } from './workspaces.server'
import { seedDemoTrustPages } from '~/modules/trust/demo-trust-pages.server'

/** A demo customer, with its own trust page. */
export const DEMO_WORKSPACE = {
  name: 'Acme Analytics',
  slug: 'acme',
  owner: { email: 'owner@acme.example', name: 'Ada Owner' },
}

/**
 * Seed the demo workspaces (the customer and the platform's own) when the database has no
 * account yet; true if it seeded.
 */
export async function seedDemoIfEmpty(): Promise<boolean> {
  if ((await db().user.count()) > 0) return false
  const demo = await createWorkspace(DEMO_WORKSPACE, { type: 'system', reason: 'demo seed' })
  await seedDemoTrustPages(demo.workspace)
  return true
}
