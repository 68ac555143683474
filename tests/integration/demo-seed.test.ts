// Its own file: the seed needs a database with no account yet.
import { describe, expect, it } from 'vitest'
import { db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
import { DEMO_WORKSPACE, seedDemoIfEmpty } from '~/modules/tenancy/demo-seed.server'

describe('seedDemoIfEmpty', () => {
  it('seeds the demo workspace once, on an empty database only', async () => {
    expect(await db().user.count()).toBe(0)
    expect(await seedDemoIfEmpty()).toBe(true)
    expect(await seedDemoIfEmpty()).toBe(false)
    const { rows } = await ownerPool().query('SELECT slug, name FROM workspace')
    expect(rows).toEqual([{ slug: DEMO_WORKSPACE.slug, name: DEMO_WORKSPACE.name }])
  })
})
