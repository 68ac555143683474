// `npm run keys:rotate` as an operator runs it: new KEK in CANDOR_KEK, old in
// CANDOR_KEK_PREVIOUS. Every data key is re-wrapped, the platform audit log says so, and the
// secrets still open under the new KEK.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { decryptSecret, encryptSecret } from '~/modules/crypto/envelope.server'
import { kekIdOf } from '~/modules/crypto/kek.server'
import { rewrapDataKeys } from '~/modules/crypto/rotation.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { makeWorkspace } from '../support/factories'

const system = { type: 'system', reason: 'test' } as const
const where = { table: 'connector', column: 'credentials', rowId: 'c-1' }

it('re-wraps every data key under the new KEK and records it', async () => {
  const { workspace } = await makeWorkspace()
  const scope = { workspaceId: workspace.id, actor: system }
  const sealed = await withTenant(scope, (tx) => encryptSecret(tx, workspace.id, where, 'pw-42'))
  // This process runs with the development KEK generated into .data/kek.
  const oldKey = Buffer.from((await readFile('.data/kek', 'utf8')).trim(), 'base64')
  const newKey = randomBytes(32)

  const run = await promisify(execFile)(process.execPath, ['server/main.js', 'keys:rotate'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: process.env.DATABASE_URL,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      CANDOR_KEK: newKey.toString('base64'),
      CANDOR_KEK_PREVIOUS: oldKey.toString('base64'),
    },
  })
  expect(run.stdout).toMatch(
    new RegExp(`Re-wrapped 1 data keys from KEK ${kekIdOf(oldKey)} to ${kekIdOf(newKey)}`),
  )
  const keys = await ownerPool().query('SELECT kek_id FROM workspace_key')
  expect(keys.rows).toEqual([{ kek_id: kekIdOf(newKey) }])
  const audit = await ownerPool().query(
    "SELECT after FROM audit_entry WHERE workspace_id IS NULL AND action = 'kek.rotate'",
  )
  expect(audit.rows).toEqual([
    { after: { from: kekIdOf(oldKey), to: kekIdOf(newKey), dataKeys: 1 } },
  ])

  // Back under the development KEK, the secret opens as before.
  const newKek = { id: kekIdOf(newKey), key: newKey }
  const oldKek = { id: kekIdOf(oldKey), key: oldKey }
  expect(await rewrapDataKeys(ownerPool(), newKek, oldKek)).toBe(1)
  expect(await withTenant(scope, (tx) => decryptSecret(tx, workspace.id, where, sealed))).toBe('pw-42')
})

it('refuses to run without both keys, with a message saying which', async () => {
  const run = await promisify(execFile)(process.execPath, ['server/main.js', 'keys:rotate'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: 'test' },
  }).catch((error: { code: number; stderr: string }) => error)
  expect(run).toMatchObject({ code: 1 })
  expect((run as { stderr: string }).stderr).toContain(
    'keys:rotate needs CANDOR_KEK (the new key) and CANDOR_KEK_PREVIOUS',
  )
})
