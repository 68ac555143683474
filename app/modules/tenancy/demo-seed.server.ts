// Demo data for a fresh development database (never in production), created through the same
// domain functions the app uses. Later capabilities add their own demo records here.
import { db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
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
  // Web and worker processes started together on an empty database would each seed it, and all
  // but the first fail to start ("acme" is taken): one seeds at a time, the next finds it seeded.
  const lock = await ownerPool().connect()
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [SEED_LOCK])
    if ((await db().user.count()) > 0) return false
    const demo = await createWorkspace(DEMO_WORKSPACE, { type: 'system', reason: 'demo seed' })
    await seedDemoTrustPages(demo.workspace)
    return true
  } finally {
    // A lock that could not be released goes with its connection.
    const unlocked = await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [SEED_LOCK]).then(() => true, () => false)
    lock.release(!unlocked)
  }
}

const SEED_LOCK = 'candor.demo-seed'
