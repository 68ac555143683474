import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { APP_ROLE, db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant, withUser } from '~/modules/db/tenant.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { makeWorkspace } from '../support/factories'
import { fillWorkspace } from '../support/fill-workspace'

const system = { type: 'system', reason: 'test' } as const

afterAll(() => stopQueue({ graceMs: 1000 }))

describe('the application role', () => {
  it('runs every query as candor_app, which owns nothing and cannot bypass RLS', async () => {
    const [me] = await db().$queryRaw<{ user: string; super: boolean; bypass: boolean }[]>`
      SELECT current_user AS "user", r.rolsuper AS super, r.rolbypassrls AS bypass
        FROM pg_roles r WHERE r.rolname = current_user`
    expect(me).toEqual({ user: APP_ROLE, super: false, bypass: false })
    const { rows } = await ownerPool().query(
      `SELECT count(*)::int AS owned FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
        WHERE r.rolname = $1`,
      [APP_ROLE],
    )
    expect(rows[0].owned).toBe(0)
  })

  it('enables and forces row-level security on every table that has a workspace_id', async () => {
    const { rows } = await ownerPool().query<{ table: string; enabled: boolean; forced: boolean }>(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                        AND a.attname = 'workspace_id' AND NOT a.attisdropped)
               OR c.relname = 'workspace')`,
    )
    expect(rows.length).toBeGreaterThanOrEqual(3)
    expect(rows.filter((r) => !r.enabled || !r.forced).map((r) => r.table)).toEqual([])
  })

  it('gives the owner, and only the owner, a maintenance policy on every table with forced RLS', async () => {
    // Forced RLS binds a non-superuser owner too; keys:rotate and audit:verify need to see every row.
    const { rows } = await ownerPool().query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relforcerowsecurity
          AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                           AND p.polname = 'owner_maintenance' AND p.polroles = ARRAY[current_user::regrole::oid])`,
    )
    expect(rows.map((r) => r.table)).toEqual([])
    const appIsOwner = await ownerPool().query('SELECT pg_has_role($1, current_user, $2) AS member', [APP_ROLE, 'MEMBER'])
    expect(appIsOwner.rows).toEqual([{ member: false }])
  })
})

describe('every tenant table', () => {
  // Generic over the catalog: a new table with workspace_id is covered without anyone
  // remembering to add it. Each must hold rows of workspace B here (extend fillWorkspace, in
  // tests/support/fill-workspace.ts, when a new table appears), and none of them may be visible while working for workspace A.
  it("shows tenant A none of tenant B's rows, in every table", async () => {
    await startQueue({ supervise: false })
    const a = await fillWorkspace()
    const b = await fillWorkspace()
    const { rows: tables } = await ownerPool().query<{ table: string; column: string }>(
      `SELECT c.relname AS table, a.attname AS column
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (a.attname = 'workspace_id' OR (c.relname = 'workspace' AND a.attname = 'id'))`,
    )
    expect(tables.length).toBeGreaterThanOrEqual(4)
    for (const { table, column } of tables) {
      const owned = await ownerPool().query(
        `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`,
        [b.workspace.id],
      )
      expect(owned.rows[0].n, `${table} needs rows of workspace B in this test`).toBeGreaterThan(0)
      const seen = await withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
        tx.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1::uuid`,
          b.workspace.id,
        ),
      )
      expect(seen[0]?.n, `${table} leaks workspace B's rows to A`).toBe(0)
    }
  })
})

describe('withTenant', () => {
  it("shows a workspace only its own rows, and nothing of another's", async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const seen = await withTenant({ workspaceId: a.workspace.id, actor: system }, async (tx) => ({
      workspaces: await tx.workspace.findMany({ select: { id: true } }),
      memberships: await tx.membership.findMany({ select: { workspaceId: true } }),
      otherById: await tx.workspace.findUnique({ where: { id: b.workspace.id } }),
    }))
    expect(seen.workspaces).toEqual([{ id: a.workspace.id }])
    expect(seen.memberships).toEqual([{ workspaceId: a.workspace.id }])
    expect(seen.otherById).toBeNull()
  })

  it("refuses to write a row into another workspace", async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const attempt = withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
      tx.membership.create({
        data: { id: randomUUID(), workspaceId: b.workspace.id, userId: a.owner.id, role: 'admin' },
      }),
    )
    await expect(attempt).rejects.toThrow(/row-level security/)
    const { rows } = await ownerPool().query(
      'SELECT count(*)::int AS n FROM membership WHERE workspace_id = $1',
      [b.workspace.id],
    )
    expect(rows[0].n).toBe(1)
  })

  it('cannot change or delete another workspace through an unfiltered query', async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const changed = await withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
      tx.workspace.updateMany({ data: { name: 'Renamed' } }),
    )
    expect(changed.count).toBe(1)
    const { rows } = await ownerPool().query('SELECT name FROM workspace WHERE id = $1', [
      b.workspace.id,
    ])
    expect(rows[0].name).toBe(b.workspace.name)
  })

  it('sees no tenant rows outside a tenant transaction', async () => {
    await makeWorkspace()
    expect(await db().workspace.count()).toBe(0)
    expect(await withPlatform((tx) => tx.membership.count())).toBe(0)
  })

  it('rolls the whole transaction back when the work fails', async () => {
    const a = await makeWorkspace()
    await expect(
      withTenant({ workspaceId: a.workspace.id, actor: system }, async (tx) => {
        await tx.workspace.update({ where: { id: a.workspace.id }, data: { name: 'Half done' } })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const { rows } = await ownerPool().query('SELECT name FROM workspace WHERE id = $1', [
      a.workspace.id,
    ])
    expect(rows[0].name).toBe(a.workspace.name)
  })

  it('refuses a workspace id that is not a uuid', async () => {
    await expect(
      withTenant({ workspaceId: "x' OR 1=1 --", actor: system }, async () => 1),
    ).rejects.toThrow(/uuid/)
  })
})

describe('a person outside any workspace', () => {
  it('sees only their own memberships, and only the invitations sent to their address', async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const invited = await withTenant({ workspaceId: b.workspace.id, actor: system }, (tx) =>
      tx.invitation.create({
        data: {
          id: randomUUID(),
          workspaceId: b.workspace.id,
          email: a.owner.email,
          role: 'viewer',
          expiresAt: new Date(Date.now() + 60_000),
        },
      }),
    )
    await withTenant({ workspaceId: b.workspace.id, actor: system }, (tx) =>
      tx.invitation.create({
        data: {
          id: randomUUID(),
          workspaceId: b.workspace.id,
          email: 'someone-else@example.com',
          role: 'viewer',
          expiresAt: new Date(Date.now() + 60_000),
        },
      }),
    )
    const seen = await withUser(a.owner.id, async (tx) => ({
      memberships: await tx.membership.findMany({ select: { workspaceId: true } }),
      invitations: await tx.invitation.findMany({ select: { id: true } }),
      workspaces: await tx.workspace.findMany({ select: { id: true } }),
    }))
    expect(seen.memberships).toEqual([{ workspaceId: a.workspace.id }])
    expect(seen.invitations).toEqual([{ id: invited.id }])
    expect(seen.workspaces.map((w) => w.id).sort()).toEqual([a.workspace.id, b.workspace.id].sort())
    // The audit entries of both workspaces stay hidden (only platform entries are visible).
    const platformOnly = await withUser(a.owner.id, (tx) =>
      tx.auditEntry.count({ where: { workspaceId: { not: null } } }),
    )
    expect(platformOnly).toBe(0)
  })
})
