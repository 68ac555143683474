// The one way to reach tenant data: a transaction that works for exactly one workspace.
// Row-level security reads app.workspace_id (set here, local to the transaction), so a query
// inside can neither see nor write another workspace's rows even if the code forgets a filter.
import type { Prisma } from '~/generated/prisma/client'
import { db } from './client.server'
import { isUuid } from '~/modules/formats/uuid'

export type Tx = Prisma.TransactionClient

/** Who is acting: a signed-in member, an API key, an operator, Candor itself, or a data subject. */
export type Actor =
  | { type: 'user'; userId: string }
  | { type: 'api_key'; apiKeyId: string }
  | { type: 'operator'; userId: string }
  | { type: 'system'; reason: string }
  | { type: 'subject'; requestId: string }

export type TenantContext = { workspaceId: string; actor: Actor }

/**
 * Run `work` in one transaction scoped to `ctx.workspaceId`; it commits only if `work` succeeds.
 * A transaction is ended after the client's timeout (15 s) unless `timeoutMs` allows more (long
 * jobs only).
 */
export async function withTenant<T>(
  ctx: TenantContext,
  work: (tx: Tx) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  if (!isUuid(ctx.workspaceId)) throw new Error('withTenant needs a workspace id (uuid)')
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.workspace_id', ${ctx.workspaceId}, true)`
      return work(tx)
    },
    options.timeoutMs ? { timeout: options.timeoutMs } : undefined,
  )
}

/** Run `work` in one transaction outside any workspace (platform rows only). */
export async function withPlatform<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.workspace_id', '', true)`
    return work(tx)
  })
}

/**
 * Run `work` in one transaction for a signed-in person outside any workspace: besides platform
 * rows it sees that person's own memberships and the workspaces they belong to, nothing more.
 */
export async function withUser<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(userId)) throw new Error('withUser needs a user id (uuid)')
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.workspace_id', '', true), set_config('app.user_id', ${userId}, true)`
    return work(tx)
  })
}

/**
 * Run `work` in one transaction for an operator of the platform (OPERATOR_EMAILS, checked by
 * the caller): it may read the list of workspaces and memberships. `enterWorkspace` switches
 * the same transaction to one workspace, so an operator's action and its entries in the
 * platform's and the customer's audit logs commit together.
 */
export async function withOperator<T>(operatorId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(operatorId)) throw new Error('withOperator needs a user id (uuid)')
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.workspace_id', '', true), set_config('app.operator_id', ${operatorId}, true)`
    return work(tx)
  })
}

/** Inside withOperator: work for `workspaceId` from here on (null: back to the platform). */
export async function enterWorkspace(tx: Tx, workspaceId: string | null): Promise<void> {
  if (workspaceId !== null && !isUuid(workspaceId)) throw new Error('enterWorkspace needs a workspace id (uuid)')
  await tx.$executeRaw`SELECT set_config('app.workspace_id', ${workspaceId ?? ''}, true)`
}

/** The public fields of a workspace that public pages (portal, trust page) show. */
export type PublicWorkspace = { id: string; slug: string; name: string; timeZone: string }

/**
 * Run `work` for the open (not deleted) workspace at `slug`, for a visitor who is no member:
 * the public portal and trust page. Null when there is no such workspace. Row-level security
 * lets the slug lookup see that one workspace, then the transaction works for it alone.
 */
export async function withPublicWorkspace<T>(
  slug: string,
  work: (tx: Tx, workspace: PublicWorkspace) => Promise<T>,
): Promise<T | null> {
  return db().$transaction(async (tx) => {
    // Looks the slug up and switches the transaction to that workspace, in one round trip
    // (migration 20261203180100_enter_public_workspace).
    const [workspace] = await tx.$queryRaw<{ id: string; slug: string; name: string; time_zone: string }[]>`
      SELECT id, slug, name, time_zone FROM app_enter_public_workspace(${slug})`
    if (!workspace) return null
    return work(tx, { id: workspace.id, slug: workspace.slug, name: workspace.name, timeZone: workspace.time_zone })
  })
}
