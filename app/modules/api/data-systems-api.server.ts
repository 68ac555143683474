// The data-system resources of /api/v1: what a client sends to add or change a data system
// (per kind: Postgres, webhook, manual) and what it reads back. Written with the same schemas as
// the dashboard and the connectors (connection settings, the dataset map), and registered for
// the OpenAPI document. Nothing secret is ever read back: only whether a secret is set.
import { z } from 'zod'
import type { DataSystem } from '~/generated/prisma/client'
import { datasetMapSchema } from '~/modules/connectors/dataset-map'
import { postgresSettingsSchema, settingsOf, webhookSettingsSchema } from '~/modules/connectors/settings'
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'
import { apiSchemas } from './requests-api.server'

const systemName = z
  .string('Name the system, e.g. “Product database”.')
  .trim()
  .min(1, 'Name the system, e.g. “Product database”.')
  .max(100, 'Keep the name under 100 characters.')
  .refine((value) => !CONTROL_CHARACTER.test(value), 'A name cannot contain control characters.')

const secret = z
  .string('Send the secret as a string.')
  .min(1, 'A secret cannot be empty; send null to remove it.')
  .max(1000, 'A secret is at most 1,000 characters long.')
  .refine((value) => !CONTROL_CHARACTER.test(value), 'A secret cannot contain control characters.')

const instructions = z
  .string('Send the instructions as text.')
  .trim()
  .min(1, 'Say what a member does to find or erase a person’s data in this system.')
  .max(5000, 'Keep the instructions under 5,000 characters.')

const backupRetentionDays = z
  .number('Send the backup retention as a number of days, or null for the workspace’s setting.')
  .int('Backups must be kept a whole number of days from 1 to 365.')
  .min(1, 'Backups must be kept a whole number of days from 1 to 365.')
  .max(365, 'Backups must be kept a whole number of days from 1 to 365.')
  .nullable()
  .describe('How long the company keeps this system’s backups (declared; Candor cannot see them); null: the workspace’s setting')

const retention = { backupRetentionDays: backupRetentionDays.optional() }

export const createDataSystemBody = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('postgres'),
        name: systemName,
        settings: postgresSettingsSchema,
        secret: secret.nullable().optional().describe('The database user’s password (write-only; stored encrypted)'),
        map: datasetMapSchema.optional().describe('A reviewed dataset map, saved as version 1'),
        ...retention,
      }),
      z.strictObject({
        kind: z.literal('webhook'),
        name: systemName,
        settings: webhookSettingsSchema,
        secret: secret
          .optional()
          .describe('The signing secret (write-only; stored encrypted). Left out: Candor generates one and returns it once, in this answer only'),
        ...retention,
      }),
      z.strictObject({ kind: z.literal('manual'), name: systemName, instructions, ...retention }),
    ],
    'Choose the kind: postgres, webhook or manual.',
  )
  .register(apiSchemas, { id: 'CreateDataSystem' })
export type CreateDataSystemBody = z.output<typeof createDataSystemBody>

/**
 * A change. `settings` is merged into the stored settings (a field left out keeps its value),
 * then checked whole against the system's kind; `secret: null` removes the secret; `map` saves a
 * new version unless it equals the current one.
 */
export const changeDataSystemBody = z
  .strictObject({
    name: systemName.optional(),
    settings: z
      .record(z.string().max(100), z.unknown(), 'Send the settings as an object.')
      .optional()
      .describe('Postgres and webhook systems: the fields to change, merged into the stored settings'),
    secret: secret.nullable().optional().describe('Postgres and webhook systems: a new secret (write-only), or null to remove it'),
    map: z.unknown().optional().describe('Postgres systems: the whole dataset map (DatasetMap); the same map as the current one saves no new version'),
    instructions: instructions.optional().describe('Manual systems'),
    archived: z
      .literal(true, 'Only archiving is possible: send true, or leave the field out.')
      .optional()
      .describe('true archives the system: requests received from now on no longer get a task in it; running ones keep theirs'),
    ...retention,
  })
  .register(apiSchemas, { id: 'ChangeDataSystem' })
export type ChangeDataSystemBody = z.output<typeof changeDataSystemBody>

/** The settings of each connected kind, as a client reads them back (no secret in them). */
const settingsResource = z.union([postgresSettingsSchema, webhookSettingsSchema]).nullable()

export const dataSystemResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['built_in', 'manual', 'postgres', 'webhook']),
    settings: settingsResource.describe('Postgres and webhook systems: the connection settings; null for the other kinds'),
    secretSet: z.boolean().describe('Whether a secret (password, signing secret) is stored; the secret itself is never returned'),
    instructions: z.string().nullable().describe('Manual systems: what a member does'),
    backupRetentionDays: z.number().int().nullable(),
    mapVersion: z.number().int().nullable().describe('Postgres systems: the number of the current dataset map; null before the first'),
    createdAt: z.iso.datetime(),
    archivedAt: z.iso.datetime().nullable(),
  })
  .register(apiSchemas, { id: 'DataSystem' })
export type DataSystemResource = z.infer<typeof dataSystemResource>

export const dataSystemDetailResource = dataSystemResource
  .extend({ map: datasetMapSchema.nullable().describe('Postgres systems: the current dataset map (version mapVersion)') })
  .register(apiSchemas, { id: 'DataSystemDetail' })

export const dataSystemListResource = z.object({ data: z.array(dataSystemResource) }).register(apiSchemas, { id: 'DataSystemList' })

export function toDataSystemResource(system: DataSystem, mapVersion: number | null): DataSystemResource {
  return {
    id: system.id,
    name: system.name,
    kind: system.kind,
    settings: system.kind === 'postgres' || system.kind === 'webhook' ? settingsOf(system.kind, system.settings) : null,
    secretSet: system.secret !== null,
    instructions: system.kind === 'manual' ? system.instructions : null,
    backupRetentionDays: system.backupRetentionDays,
    mapVersion,
    createdAt: system.createdAt.toISOString(),
    archivedAt: system.archivedAt?.toISOString() ?? null,
  }
}

/** Each zod issue under its full path (`map.references.0.from`), as the API's `fields`. */
export function issueFields(error: z.ZodError, prefix: (string | number)[] = []): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path].map(String).join('.') || 'body'
    fields[path] ??= issue.message
  }
  return fields
}
