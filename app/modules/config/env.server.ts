// Environment variables, validated once. Every problem is reported together in one message so a
// person fixing a deployment sees the whole list at once. Secrets have no defaults.
import { z } from 'zod'
import { isOneLine } from '~/modules/formats/one-line'
import type { PublicEnv } from './public-env'

const optionalUrl = z.url().optional()

/** The platform's own workspace outside production: the one the demo seed makes, named Candor. */
export const DEVELOPMENT_PLATFORM_SLUG = 'candor'
const roles = ['web', 'worker', 'all'] as const
const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, {
    message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
  })

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Unset: 127.0.0.1 (this machine only) outside production, 0.0.0.0 in production. */
    HOST: z.string().min(1).optional(),
    /** The public origin people reach Candor at, e.g. https://candor.example.com */
    APP_URL: optionalUrl,
    /** The database owner; embedded PostgreSQL is used when unset (never in production). */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    /** Header a trusted proxy puts the client's address in (Fly: fly-client-ip). */
    CLIENT_IP_HEADER: z.string().toLowerCase().optional(),
    CANDOR_ROLE: z.enum(roles).default('all'),
    CANDOR_DATA_DIR: z.string().min(1).default('.data'),
    RESEND_API_KEY: z.string().startsWith('re_', 'must be a Resend API key (re_…)').optional(),
    RESEND_BASE_URL: optionalUrl,
    /** The sender of every e-mail, `Name <address>`: one line, since it becomes a header. */
    EMAIL_FROM: z
      .string()
      .min(3)
      .refine(isOneLine, 'must be one line, without control characters')
      .default('Candor <no-reply@candor.localhost>'),
    /** Key-encryption key: 32 random bytes in base64 (openssl rand -base64 32). */
    CANDOR_KEK: base64Key.optional(),
    /** The KEK before a rotation: data keys it wrapped stay readable until keys:rotate ran. */
    CANDOR_KEK_PREVIOUS: base64Key.optional(),
    /** The platform's own staff, comma-separated e-mails. Empty or unset: nobody (fail-closed). */
    OPERATOR_EMAILS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      ),
    /**
     * The workspace that speaks for the platform itself (/trust, /.well-known/security.txt);
     * nobody else may register it. Required in production; elsewhere the demo seed's Candor
     * workspace (DEVELOPMENT_PLATFORM_SLUG).
     */
    PLATFORM_WORKSPACE_SLUG: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'must be a workspace slug')
      .optional(),
    /**
     * Where this installation's source code is published (the AGPL asks a network service to
     * offer it to its users): linked from the home page. Unset: no link.
     */
    SOURCE_URL: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional(),
    SENTRY_DSN: optionalUrl,
    SENTRY_ENVIRONMENT: z.string().optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /**
     * What Candor compresses itself (docs/decisions/025-compression.md). auto: the stored
     * copies (static files, each trust page), and other responses on the fly unless Fly.io's
     * edge does it (FLY_APP_NAME set); on: both everywhere; off: nothing.
     */
    COMPRESSION: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Set by Fly.io on every machine it runs. */
    FLY_APP_NAME: z.string().optional(),
    /** Largest request body accepted, in bytes. */
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    /** How long a stopping process lets running jobs finish, in milliseconds. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
    /** Object storage in an S3-compatible bucket; unset: the folder CANDOR_DATA_DIR/objects. */
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
    S3_REGION: z.string().min(1).optional(),
    /** Unset: AWS S3 itself. */
    S3_ENDPOINT: optionalUrl,
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.stringbool().optional(),
    /** The hour (UTC, 0–23) of the daily backup.run. */
    BACKUP_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(3),
    /** The public key backups are encrypted to (npm run backup:keygen); required for backups in production. */
    BACKUP_PUBLIC_KEY: z.string().startsWith('candor-backup-public:', 'must be a backup public key (npm run backup:keygen)').optional(),
    /**
     * Only where a restore runs, never on the web or worker machines: the private keys,
     * comma-separated (the current one and those of older backups).
     */
    BACKUP_PRIVATE_KEY: z.string().optional(),
    /**
     * Whether a data system (a customer's Postgres database or webhook endpoint) may be on a
     * private network. Unset: only outside production. A single-company self-hosted Candor sets
     * `allow` to reach its own database; a hosted Candor serving many companies must not.
     */
    DATA_SYSTEMS_PRIVATE_NETWORKS: z.enum(['allow', 'refuse']).optional(),
    /** Days a backup is kept (backup.age-out); the newest good backup is kept whatever its age. */
    BACKUP_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(1).max(3650).default(90),
    /**
     * A PostgreSQL server where restore drills may CREATE DATABASE a scratch database and drop it
     * (any database on it; its role needs CREATEDB). Unset: the server of DATABASE_URL.
     */
    BACKUP_DRILL_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    /** Stripe (issue 15). Unset: billing is off and every workspace has every feature (self-hosting). */
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)').optional(),
    /** The signing secret of the /webhooks/stripe endpoint (whsec_…). */
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must be a Stripe webhook signing secret (whsec_…)').optional(),
    /** Only for tests and local stand-ins: where the Stripe SDK sends its requests instead of api.stripe.com. */
    STRIPE_API_URL: optionalUrl,
    /** Each paid plan's Stripe price, monthly and yearly (price_…). */
    STRIPE_PRICE_PRO_MONTHLY: z.string().startsWith('price_', 'must be a Stripe price id (price_…)').optional(),
    STRIPE_PRICE_PRO_YEARLY: z.string().startsWith('price_', 'must be a Stripe price id (price_…)').optional(),
    STRIPE_PRICE_BUSINESS_MONTHLY: z.string().startsWith('price_', 'must be a Stripe price id (price_…)').optional(),
    STRIPE_PRICE_BUSINESS_YEARLY: z.string().startsWith('price_', 'must be a Stripe price id (price_…)').optional(),
  })
  // Billing on is all of it: a secret key without the webhook secret and every price would
  // take money it cannot account for.
  .superRefine((env, ctx) => {
    if (!env.STRIPE_SECRET_KEY) return
    const required = [
      'STRIPE_WEBHOOK_SECRET',
      'STRIPE_PRICE_PRO_MONTHLY',
      'STRIPE_PRICE_PRO_YEARLY',
      'STRIPE_PRICE_BUSINESS_MONTHLY',
      'STRIPE_PRICE_BUSINESS_YEARLY',
    ] as const
    for (const key of required) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when STRIPE_SECRET_KEY is set' })
    }
  })
  // Half an S3 configuration is a mistake, not a reason to fall back to the local folder.
  .superRefine((env, ctx) => {
    const required = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
    const given = [...required, 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE'] as const
    if (!given.some((key) => env[key] !== undefined)) return
    for (const key of required) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when any S3_ variable is set' })
    }
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return
    const required = ['DATABASE_URL', 'APP_URL', 'RESEND_API_KEY', 'CANDOR_KEK', 'PLATFORM_WORKSPACE_SLUG'] as const
    for (const key of required) {
      if (!env[key]) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' })
      }
    }
    // Stripe's requests (with the secret key) go to api.stripe.com and nowhere else.
    if (env.STRIPE_API_URL) ctx.addIssue({ code: 'custom', path: ['STRIPE_API_URL'], message: 'is for tests and local stand-ins only; unset it in production' })
  })
  // A development server is not exposed to the local network unless someone asks for it.
  .transform((env) => ({
    ...env,
    HOST: env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    // Production has it (required above); elsewhere it is the demo's own Candor workspace.
    PLATFORM_WORKSPACE_SLUG: env.PLATFORM_WORKSPACE_SLUG ?? DEVELOPMENT_PLATFORM_SLUG,
  }))

export type Env = z.infer<typeof schema>

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const blankAsUnset = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  )
  const result = schema.safeParse(blankAsUnset)
  if (result.success) return result.data
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
  throw new EnvError(
    `Candor cannot start: the environment is not valid.\n${lines.join('\n')}\n` +
      'See .env.example for what each variable means.',
  )
}

let cached: Env | undefined

/** The validated environment of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

export const isProduction = () => env().NODE_ENV === 'production'

/** Billing through Stripe is on (STRIPE_SECRET_KEY set); off, every workspace has every feature. */
export const billingEnabled = () => env().STRIPE_SECRET_KEY !== undefined

/** The address a server listening on `host`:`port` is opened at (every interface: localhost). */
export function localOrigin(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`
}

/**
 * Candor's own origin: of every link it sends (e-mails) and every absolute URL it writes
 * (feeds, security.txt, the DPA), and the one origin the same-origin check accepts. APP_URL's;
 * without it (never in production) the address this server listens at. Never the request's
 * Host or X-Forwarded-Host: the client chooses those, and a link built from them would send a
 * person's sign-in token to whoever chose.
 */
export function appOrigin(): string {
  const { APP_URL, HOST, PORT } = env()
  return APP_URL ? new URL(APP_URL).origin : localOrigin(HOST, PORT)
}

/** The only values the browser receives from the environment (rendered into the page). */
export function publicEnv(): PublicEnv {
  const { SENTRY_DSN, SENTRY_ENVIRONMENT, NODE_ENV } = env()
  return { SENTRY_DSN, SENTRY_ENVIRONMENT: SENTRY_ENVIRONMENT ?? NODE_ENV }
}
