// The DRP wire format (spec v1.0 / 0.9.4): the signed messages an agent sends, validated with
// zod in the order of §3.07 (the envelope's own fields first, then the request's), and the
// error body of §3.06. Field names are the spec's, hyphens and dots included.
import { z } from 'zod'
import { UNTYPABLE_CHARACTER } from '~/modules/formats/control-characters'

/** Versions whose messages are the same: 1.0 changed nothing since 0.9.4. */
export const DRP_VERSIONS = ['1.0', '0.9.4'] as const

/** How far an agent's clock may run ahead of ours before `issued-at` is refused. */
export const CLOCK_SKEW_MS = 30_000
/** The longest validity window we honour (the spec recommends at most 10 minutes). */
export const LONGEST_WINDOW_MS = 24 * 60 * 60 * 1000

/** An agent's id as the directory writes it ([A-Z_]+), with digits, dots and hyphens allowed. */
export const AGENT_ID = /^[A-Za-z0-9_.-]{1,100}$/

const text = (max: number) =>
  z
    .string()
    .max(max, `Keep it under ${max} characters.`)
    .refine((value) => !UNTYPABLE_CHARACTER.test(value), 'It holds a control character.')

// ISO 8601 date and time; an offset is expected, and a time without one is read as UTC (the
// reference agent writes Python's isoformat, with up to six decimals).
const ISO_8601 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/

export function parseTimestamp(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const match = ISO_8601.exec(value)
  if (!match) return null
  const fraction = (match[2] ?? '').slice(0, 4)
  const date = new Date(`${match[1]}${fraction}${match[3] ?? 'Z'}`)
  return Number.isNaN(date.getTime()) ? null : date
}

export type WindowCheck = { ok: true } | { ok: false; message: string }

/** §3.07: now is after `issued-at` (with a little skew) and before `expires-at`. */
export function checkWindow(issuedAtText: unknown, expiresAtText: unknown, now: Date): WindowCheck {
  const issuedAt = parseTimestamp(issuedAtText)
  const expiresAt = parseTimestamp(expiresAtText)
  if (!issuedAt || !expiresAt) return { ok: false, message: 'issued-at and expires-at must be ISO 8601 timestamps.' }
  if (issuedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return { ok: false, message: 'issued-at is in the future: check the agent’s clock.' }
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, message: 'The request expired (expires-at has passed).' }
  if (expiresAt.getTime() - issuedAt.getTime() > LONGEST_WINDOW_MS) {
    return { ok: false, message: 'The validity window (issued-at to expires-at) is longer than 24 hours.' }
  }
  return { ok: true }
}

export const pairingFields = z.object({ 'drp.version': z.enum(DRP_VERSIONS, 'drp.version must be "1.0".') })

/** The rights of §3.01, and what each becomes in Candor (sale:opt-in has no Candor request). */
export const EXERCISES = {
  'sale:opt-out': 'opt_out',
  deletion: 'erasure',
  access: 'access',
  'access:categories': 'access',
  'access:specific': 'access',
} as const
export type Exercise = keyof typeof EXERCISES

const address = z
  .object({
    formatted: text(500).optional(),
    street_address: text(500).optional(),
    locality: text(200).optional(),
    region: text(200).optional(),
    postal_code: text(50).optional(),
    country: text(100).optional(),
  })
  .strip()

/** The request's own fields (§2.01 group 2) and the identity claims of §3.04. */
export const exerciseFields = z.object({
  'drp.version': z.enum(DRP_VERSIONS, 'drp.version must be "1.0".'),
  'agent-request-id': text(200).min(1, 'agent-request-id may not be empty.').optional(),
  exercise: z.enum(Object.keys(EXERCISES) as [Exercise, ...Exercise[]], 'Unsupported rights action submitted (this company accepts sale:opt-out, deletion, access, access:categories and access:specific).'),
  regime: z.enum(['ccpa'], 'Unsupported regime: send "ccpa" or leave it out.').optional(),
  relationships: z.array(text(100)).max(20, 'Send at most 20 relationship hints.').optional(),
  status_callback: text(2000).optional(),
  name: text(200).optional(),
  email: text(320).optional(),
  email_verified: z.boolean().optional(),
  phone_number: text(40).optional(),
  phone_number_verified: z.boolean().optional(),
  address: address.optional(),
  address_verified: z.boolean().optional(),
  // The request's agent_authority column holds 1,000 characters, with our own words around it.
  power_of_attorney: text(800).optional(),
})
export type ExerciseFields = z.output<typeof exerciseFields>

export const revokeFields = z.object({ reason: text(2000).optional() })

/** §3.06: `code` repeats the HTTP status; `fatal` says the request will not go on. */
export function drpError(status: number, message: string, options: { fatal?: boolean } = {}): Response {
  return Response.json({ code: String(status), message, ...(options.fatal ? { fatal: true } : {}) }, { status })
}

/** The first problem of a failed zod parse, naming the field. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'The request is not valid.'
  const field = issue.path.join('.')
  return field ? `${field}: ${issue.message}` : issue.message
}
