// Which audit entries a reader asked for, read from the query string of the audit page and of
// its CSV export: validated here once, so both answer the same question and a bad value becomes
// a message for the reader instead of an error.
import { z } from 'zod'

export const ACTOR_TYPES = ['user', 'operator', 'api_key', 'system', 'subject'] as const
export type ActorType = (typeof ACTOR_TYPES)[number]

/**
 * What the reader filters on: the action (a code, or a prefix ending in a dot), the kind of
 * actor, one person (a user id), the kind of object; dates are UTC days (YYYY-MM-DD), both ends
 * included.
 */
export type AuditFilters = {
  action?: string
  actor?: ActorType
  person?: string
  object?: string
  from?: string
  to?: string
}

/** An empty field of a GET form means "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.trim() || undefined : value), schema.optional())

function isCalendarDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text
}

const utcDay = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `The “${name}” date must be a day written as YYYY-MM-DD, e.g. 2026-11-22.`)
    .refine(isCalendarDay, `The “${name}” date is not a day of the calendar.`)

const filterFields = {
  action: optional(
    z
      .string()
      .max(100, 'The action is too long.')
      .regex(
        /^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/,
        'An action looks like member.invite, or member. (ending in a dot) for every member action.',
      ),
  ),
  actor: optional(z.enum(ACTOR_TYPES, 'Choose who acted: a person, an operator, an API key or Candor itself.')),
  person: optional(z.uuid('Choose a person from the list.')),
  object: optional(
    z
      .string()
      .max(100, 'The object type is too long.')
      .regex(/^[a-z0-9_]+$/, 'Choose a kind of object from the list, e.g. privacy request.'),
  ),
  from: optional(utcDay('from')),
  to: optional(utcDay('to')),
}

const datesInOrder = ({ from, to }: AuditFilters) => !from || !to || from <= to
const datesInOrderIssue = { message: 'The “from” date must not be after the “to” date.', path: ['to'] }

const filtersQuery = z.object(filterFields).refine(datesInOrder, datesInOrderIssue)

const pageQuery = z
  .object({
    ...filterFields,
    before: optional(
      z.string().regex(/^[1-9][0-9]{0,17}$/, 'The page asked for (“before”) must be an entry number, e.g. 120.'),
    ),
  })
  .refine(datesInOrder, datesInOrderIssue)

type Field = keyof typeof filterFields | 'before'
export type FilterErrors = Partial<Record<Field, string>>

type Parsed<T> = { success: true; data: T } | { success: false; errors: FilterErrors }

function firstErrorPerField(error: z.ZodError): FilterErrors {
  const errors: FilterErrors = {}
  for (const issue of error.issues) {
    const field = issue.path[0] as Field
    errors[field] ??= issue.message
  }
  return errors
}

function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T
}

/** The filters of the CSV export. */
export function parseAuditFilters(search: URLSearchParams): Parsed<AuditFilters> {
  const parsed = filtersQuery.safeParse(Object.fromEntries(search))
  return parsed.success
    ? { success: true, data: withoutEmpty(parsed.data) }
    : { success: false, errors: firstErrorPerField(parsed.error) }
}

/** The filters of the audit page, and the entry number its page starts below (keyset). */
export function parseAuditPageQuery(search: URLSearchParams): Parsed<{ filters: AuditFilters; before?: bigint }> {
  const parsed = pageQuery.safeParse(Object.fromEntries(search))
  if (!parsed.success) return { success: false, errors: firstErrorPerField(parsed.error) }
  const { before, ...filters } = parsed.data
  return { success: true, data: { filters: withoutEmpty(filters), ...(before ? { before: BigInt(before) } : {}) } }
}

/** The query string that asks for the same filters (for links to other pages and the export). */
export function filtersSearch(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams({ ...withoutEmpty(filters), ...extra }).toString()
  return search ? `?${search}` : ''
}
