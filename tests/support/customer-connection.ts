// A scratch customer database's URL as a Postgres data system's settings and password (the
// test server offers no TLS), and a login role on that server, dropped after the file's tests.
import { randomBytes } from 'node:crypto'
import { afterAll } from 'vitest'
import { readConnectionUrl } from '~/modules/connectors/postgres/connection-url'
import { postgresSettingsSchema } from '~/modules/connectors/settings'
import { ownerPool } from '~/modules/db/owner.server'
import { databaseUrl, withClient } from './database-url'

export function settingsOf(url: string) {
  const { settings, password } = readConnectionUrl(url)
  return { settings: postgresSettingsSchema.parse({ ...settings, tls: 'disable' }), password }
}

/** Role names for the file's tests (roles are the server's, not a database's): each call gives a fresh one. */
export function scratchRoles(): () => { role: string; password: string; dropIn: (url: string) => void } {
  const made: { role: string; urls: string[] }[] = []
  afterAll(async () => {
    for (const { role, urls } of made) {
      // As the server's owner: the database's own role may not drop what another role owns.
      for (const url of urls) {
        const asOwner = databaseUrl(process.env.DATABASE_URL!, new URL(url).pathname.slice(1))
        await withClient(asOwner, (client) => client.query(`DROP OWNED BY "${role}"`)).catch(() => {})
      }
      await ownerPool().query(`DROP ROLE IF EXISTS "${role}"`)
    }
  })
  return () => {
    const entry = { role: `candor_privacy_${randomBytes(4).toString('hex')}`, urls: [] as string[] }
    made.push(entry)
    return { role: entry.role, password: randomBytes(12).toString('hex'), dropIn: (url: string) => void entry.urls.push(url) }
  }
}
