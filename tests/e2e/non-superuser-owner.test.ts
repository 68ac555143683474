// Candor on a database whose owner is not a superuser, as managed PostgreSQL provides it (a
// role with CREATEROLE that owns the database): migrations, the app role switch, and the
// operator commands must do real work there, not report success over rows they cannot see.
// `.ci/run` also runs this file against the PostgreSQL server on 127.0.0.1:5432.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { encryptSecret } from '~/modules/crypto/envelope.server'
import { kekIdOf } from '~/modules/crypto/kek.server'
import { disconnectDb } from '~/modules/db/client.server'
import { closeOwnerPool, ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { makeWorkspace } from '../support/factories'

const owner = `candor_owner_${randomBytes(4).toString('hex')}`
const password = randomBytes(12).toString('hex')
const superuserUrl = inject('serverUrl')
const ownerUrl = (() => {
  const url = new URL(superuserUrl)
  url.username = owner
  url.password = password
  url.pathname = `/${owner}`
  return url.toString()
})()
const testFileUrl = process.env.DATABASE_URL

async function asSuperuser(sql: string) {
  const client = new pg.Client({ connectionString: superuserUrl })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

function command(name: string, env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, ['server/main.js', name], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: ownerUrl,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...env,
    },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error)
}

beforeAll(async () => {
  await asSuperuser(`DROP DATABASE IF EXISTS ${owner} WITH (FORCE)`)
  await asSuperuser(`DROP ROLE IF EXISTS ${owner}`)
  await asSuperuser(`CREATE ROLE ${owner} LOGIN CREATEROLE PASSWORD '${password}'`)
  await asSuperuser(`CREATE DATABASE ${owner} OWNER ${owner}`)
  const { rows } = await asSuperuser(`SELECT current_setting('server_version_num')::int AS version`)
  if (rows[0].version >= 160000) {
    // candor_app already exists on this shared server. Give the owner the membership
    // PostgreSQL 16+ gives a CREATEROLE role that creates it: ADMIN, without SET or INHERIT.
    await asSuperuser(`GRANT candor_app TO ${owner} WITH ADMIN TRUE, INHERIT FALSE, SET FALSE`)
  }
  // From here on this file's app code (Prisma as candor_app, the owner pool) uses that database.
  process.env.DATABASE_URL = ownerUrl
})

afterAll(async () => {
  await Promise.all([disconnectDb(), closeOwnerPool()])
  process.env.DATABASE_URL = testFileUrl
  await asSuperuser(`DROP DATABASE IF EXISTS ${owner} WITH (FORCE)`)
  await asSuperuser(`DROP ROLE IF EXISTS ${owner}`)
})

describe('a database owner without superuser rights', () => {
  it('migrates the database', async () => {
    const run = await command('migrate')
    expect(run).not.toHaveProperty('code')
    const { rows } = await ownerPool().query(
      'SELECT current_user AS role, rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user',
    )
    expect(rows).toEqual([{ role: owner, super: false, bypass: false }])
  })

  it('connects the app as candor_app, and the owner pool sees what the app wrote', async () => {
    const { workspace } = await makeWorkspace()
    await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      encryptSecret(tx, workspace.id, { table: 'connector', column: 'credentials', rowId: 'c-1' }, 'pw'),
    )
    const counts = await ownerPool().query(
      `SELECT (SELECT count(*) FROM workspace)::int AS workspaces,
              (SELECT count(*) FROM workspace_key)::int AS keys,
              (SELECT count(*) FROM audit_entry)::int AS entries`,
    )
    expect(counts.rows).toEqual([{ workspaces: 1, keys: 1, entries: 1 }])
  })

  it('re-wraps the data keys with keys:rotate', async () => {
    const oldKey = Buffer.from((await readFile('.data/kek', 'utf8')).trim(), 'base64')
    const newKey = randomBytes(32)
    const run = await command('keys:rotate', {
      CANDOR_KEK: newKey.toString('base64'),
      CANDOR_KEK_PREVIOUS: oldKey.toString('base64'),
    })
    expect(run).not.toHaveProperty('code')
    expect(run.stdout).toContain(`Re-wrapped 1 data keys from KEK ${kekIdOf(oldKey)} to ${kekIdOf(newKey)}`)
    const keys = await ownerPool().query('SELECT kek_id FROM workspace_key')
    expect(keys.rows).toEqual([{ kek_id: kekIdOf(newKey) }])
  })

  it('verifies every chain with audit:verify', async () => {
    const run = await command('audit:verify')
    expect(run).not.toHaveProperty('code')
    // The workspace's creation, and the platform's record of the rotation.
    expect(run.stdout).toMatch(/^2 chains, 2 entries verified in \d+ ms$/m)
  })

  it('refuses to run blind when row-level security hides rows from the role', async () => {
    await ownerPool().query('DROP POLICY owner_maintenance ON audit_entry')
    const run = await command('audit:verify')
    expect(run).toMatchObject({ code: 1 })
    expect(run.stderr).toContain(`Row-level security hides the rows of audit_entry from the role ${owner}`)
  })
})
