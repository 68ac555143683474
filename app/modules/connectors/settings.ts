// The settings of a data system that Candor connects to, per kind, as stored in
// `data_system.settings` (nothing secret: the password or signing secret is sealed apart, in
// `data_system.secret`). One definition, used by the dashboard's forms, the data systems API
// and the connectors themselves.
import { z } from 'zod'
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'

const plain = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} is at most ${max} characters long.`)
    .refine((value) => !CONTROL_CHARACTER.test(value), `The ${label} cannot contain control characters.`)

/** How the connection to the database is protected: `verify-full` checks the server's certificate and name. */
export const TLS_MODES = ['verify-full', 'require', 'disable'] as const

export const postgresSettingsSchema = z.object({
  host: plain('host name', 253),
  port: z.coerce.number('Enter the port as a number.').int('Enter the port as a whole number.').min(1).max(65_535).default(5432),
  database: plain('database name', 63),
  user: plain('user name', 63),
  tls: z.enum(TLS_MODES).default('verify-full'),
  /** How long one statement may run in the customer's database before it is cancelled. */
  statementTimeoutSeconds: z.coerce.number().int().min(1).max(600).default(30),
})
export type PostgresSettings = z.infer<typeof postgresSettingsSchema>

export const webhookSettingsSchema = z.object({
  /** Where Candor POSTs each task (checked like a webhook endpoint's address). */
  url: plain('endpoint address', 2000),
  /** How long Candor waits for the endpoint's answer before the task waits for a callback instead. */
  timeoutSeconds: z.coerce.number().int().min(1).max(60).default(10),
})
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>

/** A data system's settings read back from the database: checked, never trusted as stored. */
export function settingsOf<K extends 'postgres' | 'webhook'>(kind: K, value: unknown): K extends 'postgres' ? PostgresSettings : WebhookSettings {
  const schema = kind === 'postgres' ? postgresSettingsSchema : webhookSettingsSchema
  return schema.parse(value) as K extends 'postgres' ? PostgresSettings : WebhookSettings
}
