// The Postgres connector (registered as `postgres` in EXTERNAL_CONNECTORS): reads the system's
// latest saved dataset map and settings, connects with the system's password, and collects or
// erases the subject's rows (access.server.ts, erasure.server.ts). Every failure reaches the task
// as a sentence for staff: the database's own errors through describeConnectionError.
import type { ExternalConnector, ExternalContext } from '~/modules/dsar/connectors/connector'
import { currentMap } from '../data-systems.server'
import { settingsOf } from '../settings'
import { collectSubjectRows } from './access.server'
import { connectPostgres } from './client.server'
import { describeConnectionError } from './connection-errors'
import { eraseSubjectRows } from './erasure.server'
import { erasureHashKey } from './hash-key.server'
import { planTraversal } from './traversal-plan'

/** Why a Postgres task cannot run, in words; the task shows it and the job retries. */
export class PostgresTaskError extends Error {}

async function savedPlan(ctx: ExternalContext) {
  const saved = await ctx.read((tx) => currentMap(tx, ctx.systemId))
  if (!saved) throw new PostgresTaskError(`No dataset map is saved for ${ctx.systemName}: review and save the discovered map.`)
  const plan = planTraversal(saved.map)
  if (plan.seeds.length === 0) {
    throw new PostgresTaskError(`The dataset map of ${ctx.systemName} has no e-mail identity column in an included table: Candor finds a person by their e-mail.`)
  }
  return { plan, version: saved.version }
}

async function withDatabase<T>(ctx: ExternalContext, work: (client: Awaited<ReturnType<typeof connectPostgres>>) => Promise<T>): Promise<T> {
  let client
  try {
    client = await connectPostgres(settingsOf('postgres', ctx.settings), ctx.secret)
    return await work(client)
  } catch (error) {
    throw new PostgresTaskError(`${ctx.systemName}: ${describeConnectionError(error)}`)
  } finally {
    await client?.end().catch(() => {})
  }
}

export const postgresConnector: ExternalConnector = {
  async collect(ctx, subject, store) {
    const { plan } = await savedPlan(ctx)
    await withDatabase(ctx, (client) => collectSubjectRows(client, plan, subject.email, store))
    return { kind: 'done', value: undefined }
  },
  async erase(ctx, subject, hooks) {
    const { plan, version } = await savedPlan(ctx)
    const hashKey = await ctx.read((tx) => erasureHashKey(tx, ctx.workspaceId))
    const receipt = await withDatabase(ctx, (client) =>
      eraseSubjectRows(client, { plan, email: subject.email, system: ctx.systemName, mapVersion: version, hashKey, beforeCommit: hooks.beforeCommit }),
    )
    return { kind: 'done', value: receipt }
  },
}
