// Envelope encryption with real AES-256-GCM and real PostgreSQL: round trips, refusals of
// tampered or moved ciphertexts, and a database dump that reveals no secret.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { recordAudit } from '~/modules/audit/record.server'
import { DecryptionError, decryptSecret, encryptSecret } from '~/modules/crypto/envelope.server'
import { keyring, kekIdOf } from '~/modules/crypto/kek.server'
import { rewrapDataKeys } from '~/modules/crypto/rotation.server'
import { pendingEnrolment, startEnrolment } from '~/modules/auth/two-factor.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { makeWorkspace } from '../support/factories'

const system = { type: 'system', reason: 'test' } as const
const binding = { table: 'data_system', column: 'credentials', rowId: 'row-1' }

async function sealIn(workspaceId: string, plaintext: string, where = binding) {
  return withTenant({ workspaceId, actor: system }, (tx) => encryptSecret(tx, workspaceId, where, plaintext))
}
async function openIn(workspaceId: string, ciphertext: string, where = binding) {
  return withTenant({ workspaceId, actor: system }, (tx) => decryptSecret(tx, workspaceId, where, ciphertext))
}

describe('encryptSecret / decryptSecret', () => {
  it('round-trips, with a fresh IV every time', async () => {
    const { workspace } = await makeWorkspace()
    const first = await sealIn(workspace.id, 'postgres://reader:hunter2@db.acme.example/crm')
    const second = await sealIn(workspace.id, 'postgres://reader:hunter2@db.acme.example/crm')
    expect(first).toMatch(/^v1\.1\.[A-Za-z0-9_-]+$/)
    expect(first).not.toBe(second)
    expect(first).not.toContain('hunter2')
    expect(await openIn(workspace.id, first)).toBe('postgres://reader:hunter2@db.acme.example/crm')
  })

  it('fails loudly on a tampered ciphertext', async () => {
    const { workspace } = await makeWorkspace()
    const sealed = await sealIn(workspace.id, 'JBSWY3DPEHPK3PXP')
    const body = Buffer.from(sealed.split('.')[2]!, 'base64url')
    body[body.length - 1]! ^= 0x01
    const tampered = `v1.1.${body.toString('base64url')}`
    await expect(openIn(workspace.id, tampered)).rejects.toThrow(DecryptionError)
    await expect(openIn(workspace.id, tampered)).rejects.toThrow(/could not be decrypted/)
    await expect(openIn(workspace.id, 'not-a-ciphertext')).rejects.toThrow(/not a Candor ciphertext/)
  })

  it('refuses a ciphertext copied to another row, column or workspace', async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const sealed = await sealIn(a.workspace.id, 'whsec_live_abc')
    await expect(openIn(a.workspace.id, sealed, { ...binding, rowId: 'row-2' })).rejects.toThrow(
      DecryptionError,
    )
    await expect(openIn(a.workspace.id, sealed, { ...binding, column: 'webhook_secret' })).rejects.toThrow(
      DecryptionError,
    )
    await sealIn(b.workspace.id, 'something else') // b has its own data key
    await expect(openIn(b.workspace.id, sealed)).rejects.toThrow(DecryptionError)
  })

  it('gives each workspace one data key, stored only wrapped', async () => {
    const { workspace } = await makeWorkspace()
    await Promise.all([1, 2, 3].map((i) => sealIn(workspace.id, `secret ${i}`)))
    const { rows } = await ownerPool().query(
      'SELECT version, kek_id, length(wrapped_key) AS bytes FROM workspace_key WHERE workspace_id = $1',
      [workspace.id],
    )
    expect(rows).toEqual([{ version: 1, kek_id: expect.stringMatching(/^[0-9a-f]{16}$/), bytes: 60 }])
  })
})

describe('a database dump', () => {
  it('contains none of the secrets, only ciphertexts', async () => {
    const { workspace, owner } = await makeWorkspace()
    const secrets = ['JBSWY3DPEHPK3PXPXYZ', 'whsec_9f8e7d6c5b4a', 'sk_live_connector_pw_77']
    // Connector and webhook secrets come later: store their ciphertexts in an audit entry (a
    // free-form column), so the dump has them to show.
    const sealed = await Promise.all(secrets.map((s) => sealIn(workspace.id, s)))
    await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      recordAudit(tx, { workspaceId: workspace.id, actor: system }, {
        action: 'test.secrets_stored',
        after: { stored: sealed },
      }),
    )
    // A person's authenticator secret, stored the way enrolment stores it.
    await startEnrolment(owner.id)
    const { secret: totpSecret } = (await pendingEnrolment(owner.id, owner.email))!
    const dump = await dumpDatabase()
    expect(dump).toContain(sealed[0])
    for (const secret of [...secrets, totpSecret]) expect(dump).not.toContain(secret)
  })
})

describe('a webhook signing secret', () => {
  it('is stored only encrypted, bound to its endpoint, and absent from a dump', async () => {
    const { workspace } = await makeWorkspace()
    const tenant = { workspaceId: workspace.id, actor: system }
    const endpoint = await createWebhookEndpoint(tenant, { url: 'https://hooks.acme.example/candor', events: ['request.received'] }, {})
    const other = await createWebhookEndpoint(tenant, { url: 'https://hooks.acme.example/other', events: ['request.completed'] }, {})
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    const { rows } = await ownerPool().query('SELECT secret_encrypted FROM webhook_endpoint WHERE id = $1', [endpoint.id])
    const stored = rows[0].secret_encrypted as string
    expect(stored).toMatch(/^v1\.1\./)
    const binding = { table: 'webhook_endpoint', column: 'secret_encrypted', rowId: endpoint.id }
    expect(await openIn(workspace.id, stored, binding)).toBe(endpoint.secret)
    // Copied onto another endpoint's row, it does not open.
    await expect(openIn(workspace.id, stored, { ...binding, rowId: other.id })).rejects.toThrow(DecryptionError)
    const dump = await dumpDatabase()
    expect(dump).toContain(stored)
    expect(dump).not.toContain(endpoint.secret)
    expect(dump).not.toContain(endpoint.secret.slice('whsec_'.length))
    expect(dump).not.toContain(other.secret.slice('whsec_'.length))
  })
})

/** pg_dump when its version matches the server's; otherwise every table copied out as text. */
async function dumpDatabase(): Promise<string> {
  const url = process.env.DATABASE_URL!
  const server = Number((await ownerPool().query('SHOW server_version_num')).rows[0].server_version_num)
  const client = await promisify(execFile)('pg_dump', ['--version']).catch(() => undefined)
  const clientMajor = Number(/(\d+)\./.exec(client?.stdout ?? '')?.[1])
  if (clientMajor === Math.floor(server / 10000)) {
    const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', url], {
      maxBuffer: 256 * 1024 * 1024,
    })
    return stdout
  }
  const { rows: tables } = await ownerPool().query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname IN ('public')",
  )
  const parts: string[] = []
  for (const { name } of tables) {
    const { rows } = await ownerPool().query(`SELECT row_to_json(t)::text AS row FROM "${name}" t`)
    parts.push(...rows.map((r) => r.row))
  }
  return parts.join('\n')
}

describe('rotating the KEK', () => {
  it('re-wraps data keys so that only the new KEK opens them, and back again', async () => {
    const { workspace } = await makeWorkspace()
    const sealed = await sealIn(workspace.id, 'totp-seed-for-ada')
    const { current } = await keyring()
    const next = { id: kekIdOf(Buffer.alloc(32, 9)), key: Buffer.alloc(32, 9) }

    const rotation = await rewrapDataKeys(ownerPool(), current, next)
    expect(rotation.rewrapped).toBeGreaterThanOrEqual(1)
    expect(rotation.stillUnderPrevious).toBe(0)
    await expect(openIn(workspace.id, sealed)).rejects.toThrow(
      new RegExp(`wrapped by KEK ${next.id}, which is not configured`),
    )
    const { rows } = await ownerPool().query('SELECT kek_id FROM workspace_key WHERE workspace_id = $1', [
      workspace.id,
    ])
    expect(rows).toEqual([{ kek_id: next.id }])

    await rewrapDataKeys(ownerPool(), next, current)
    expect(await openIn(workspace.id, sealed)).toBe('totp-seed-for-ada')
  })

  it("re-wraps the platform key too, so people's TOTP secrets survive a rotation", async () => {
    const { owner } = await makeWorkspace()
    await startEnrolment(owner.id)
    const before = (await pendingEnrolment(owner.id, owner.email))!.secret
    const { current } = await keyring()
    const next = { id: kekIdOf(Buffer.alloc(32, 7)), key: Buffer.alloc(32, 7) }
    const rotation = await rewrapDataKeys(ownerPool(), current, next)
    expect(rotation.rewrapped).toBeGreaterThanOrEqual(2)
    expect(rotation.stillUnderPrevious).toBe(0)
    const { rows } = await ownerPool().query('SELECT DISTINCT kek_id FROM platform_key')
    expect(rows).toEqual([{ kek_id: next.id }])
    await expect(pendingEnrolment(owner.id, owner.email)).rejects.toThrow(/not configured/)
    await rewrapDataKeys(ownerPool(), next, current)
    expect((await pendingEnrolment(owner.id, owner.email))!.secret).toBe(before)
  })
})
