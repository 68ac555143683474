// The support inbox: which received privacy requests a member asked to see (filters and the
// search read from the query string, validated once here so a bad value becomes a message,
// never an error), soonest deadline first, 50 a page, each with the badge of its deadline, the
// days left and a mark when the requester wrote since the member last opened it. Requests
// whose e-mail is not confirmed are not received in law, so the inbox never lists them.
import { z } from 'zod'
import type { Prisma, RequestState } from '~/generated/prisma/client'
import type { Tx } from '~/modules/db/tenant.server'
import { CLOSED_STATES, REQUEST_STATE_KEYS, REQUEST_TYPE_KEYS, type RequestType } from './request-kinds'
import { isUuid } from '~/modules/formats/uuid'
import { unreadAmong, unreadBy } from './request-reads.server'
import { REQUEST_REFERENCE } from '~/modules/formats/reference'
import { type DaysLeft, daysLeft } from './days-left'

export const INBOX_PAGE_SIZE = 50
const DAY_MS = 86_400_000
const DUE_SOON_MS = 7 * DAY_MS
export const MAX_DUE_WITHIN_DAYS = 366
const MAX_PAGE = 10_000

/** The states a received request can be in (all but "unverified"). */
export const RECEIVED_STATES = REQUEST_STATE_KEYS.filter((state) => state !== 'unverified') as [
  Exclude<RequestState, 'unverified'>,
  ...Exclude<RequestState, 'unverified'>[],
]
export const OPEN_STATES = RECEIVED_STATES.filter((state) => !CLOSED_STATES.includes(state))

/** "open" (the default: everything not completed or rejected), "all", or one state. */
export type StateFilter = 'open' | 'all' | (typeof RECEIVED_STATES)[number]
export type AssigneeFilter = 'me' | 'unassigned' | string

export type InboxFilters = {
  state: StateFilter
  type?: RequestType
  assignee?: AssigneeFilter
  /** Due within this many days from now (overdue ones included). */
  dueWithin?: number
  overdue?: boolean
  /** Only requests with a reply the member has not read. */
  unread?: boolean
  /** A reference, an e-mail address or part of a name (see `searchOf`). */
  search?: string
}

export const MAX_SEARCH_LENGTH = 200

/**
 * What the one search box matches: a reference exactly (any case), an e-mail address exactly
 * (stored lower case, indexed with the workspace), or else part of the requester's name.
 */
export function searchOf(text: string): { reference: string } | { email: string } | { name: string } {
  const upper = text.toUpperCase()
  if (REQUEST_REFERENCE.test(upper)) return { reference: upper }
  if (text.includes('@')) return { email: text.toLowerCase() }
  return { name: text }
}

/** An empty field of a GET form means "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.trim() || undefined : value), schema.optional())

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)

export const inboxQuery = z.object({
  state: optional(
    z.enum(['open', 'all', ...RECEIVED_STATES], 'Choose a state from the list: open, all, or one state such as in_progress.'),
  ).transform((state) => state ?? 'open'),
  type: optional(z.enum(REQUEST_TYPE_KEYS, 'Choose a request type from the list, such as access or erasure.')),
  assignee: optional(
    z
      .string()
      .refine(
        (value) => value === 'me' || value === 'unassigned' || isUuid(value),
        'Choose whose requests to show: me, unassigned, or a member from the list.',
      )
      .transform((value) => value.toLowerCase()),
  ),
  dueWithin: optional(
    wholeNumber(1, MAX_DUE_WITHIN_DAYS, `“Due within” must be a whole number of days from 1 to ${MAX_DUE_WITHIN_DAYS}.`),
  ),
  overdue: optional(z.literal('yes', '“Overdue only” is either ticked (overdue=yes) or left out.')).transform(
    (value) => value === 'yes' || undefined,
  ),
  unread: optional(z.literal('yes', '“With unread replies” is either ticked (unread=yes) or left out.')).transform(
    (value) => value === 'yes' || undefined,
  ),
  q: optional(z.string().max(MAX_SEARCH_LENGTH, `Keep the search under ${MAX_SEARCH_LENGTH} characters.`)),
  page: optional(wholeNumber(1, MAX_PAGE, `The page must be a whole number from 1 to ${MAX_PAGE}.`)).transform(
    (page) => page ?? 1,
  ),
})

type Field = keyof z.input<typeof inboxQuery>
export type InboxQueryErrors = Partial<Record<Field, string>>
export type InboxQuery = { filters: InboxFilters; page: number }

/** The filters and page a query string asks for, or one plain message per wrong field. */
export function parseInboxQuery(
  search: URLSearchParams,
): { success: true; data: InboxQuery } | { success: false; errors: InboxQueryErrors } {
  const parsed = inboxQuery.safeParse(Object.fromEntries(search))
  if (!parsed.success) {
    const errors: InboxQueryErrors = {}
    for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= issue.message
    return { success: false, errors }
  }
  const { page, q, ...filters } = parsed.data
  const defined = Object.fromEntries(Object.entries({ ...filters, search: q }).filter(([, v]) => v !== undefined)) as InboxFilters
  return { success: true, data: { filters: defined, page } }
}

/** The query string that asks for the same filters (for page links); the default state is left out. */
export function inboxSearch(filters: InboxFilters, page = 1): string {
  const search = new URLSearchParams()
  if (filters.state !== 'open') search.set('state', filters.state)
  if (filters.type) search.set('type', filters.type)
  if (filters.assignee) search.set('assignee', filters.assignee)
  if (filters.dueWithin) search.set('dueWithin', String(filters.dueWithin))
  if (filters.overdue) search.set('overdue', 'yes')
  if (filters.unread) search.set('unread', 'yes')
  if (filters.search) search.set('q', filters.search)
  if (page > 1) search.set('page', String(page))
  const text = search.toString()
  return text ? `?${text}` : ''
}

export function inboxWhere(filters: InboxFilters, { userId, now }: { userId: string; now: Date }): Prisma.PrivacyRequestWhereInput {
  const states: RequestState[] =
    filters.state === 'open' ? OPEN_STATES : filters.state === 'all' ? RECEIVED_STATES : [filters.state]
  // A deadline filter asks about requests still to be answered: closed ones are not due.
  const deadline = filters.overdue || filters.dueWithin !== undefined
  const due: Prisma.DateTimeNullableFilter = {
    ...(filters.overdue ? { lte: now } : {}),
    ...(filters.dueWithin !== undefined ? { lt: new Date(now.getTime() + filters.dueWithin * DAY_MS) } : {}),
  }
  return {
    state: { in: deadline ? states.filter((state) => !CLOSED_STATES.includes(state)) : states },
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.assignee === 'me'
      ? { assigneeId: userId }
      : filters.assignee === 'unassigned'
        ? { assigneeId: null }
        : filters.assignee
          ? { assigneeId: filters.assignee }
          : {}),
    ...(deadline ? { dueAt: due } : {}),
    ...(filters.search ? searchWhere(filters.search) : {}),
  }
}

function searchWhere(text: string): Prisma.PrivacyRequestWhereInput {
  const sought = searchOf(text)
  if ('reference' in sought) return { reference: sought.reference }
  if ('email' in sought) return { email: sought.email }
  return { subjectName: { contains: sought.name, mode: 'insensitive' } }
}

export type DeadlineBadge = { kind: 'overdue' | 'due_soon' | 'on_track'; label: string }

/**
 * How the request's deadline stands at `now`, from its stored due instant (exclusive: late
 * from that instant on). Closed requests and those without a deadline get no badge.
 */
export function deadlineBadge(request: { state: RequestState; dueAt: Date | null }, now: Date): DeadlineBadge | null {
  if (!request.dueAt || request.state === 'unverified' || CLOSED_STATES.includes(request.state)) return null
  const left = request.dueAt.getTime() - now.getTime()
  if (left <= 0) return { kind: 'overdue', label: 'Overdue' }
  if (left <= DUE_SOON_MS) return { kind: 'due_soon', label: `Due in ${Math.ceil(left / DAY_MS)} day${left > DAY_MS ? 's' : ''}` }
  return { kind: 'on_track', label: 'On track' }
}

/** YYYY-MM-DD of an instant in the workspace's time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}

/** The last day of a deadline stored as its exclusive end instant, in the workspace's zone. */
export function lastDayOf(dueAt: Date, timeZone: string): string {
  return localDate(new Date(dueAt.getTime() - 1), timeZone)
}

export type InboxRow = {
  id: string
  reference: string
  type: RequestType
  email: string
  state: RequestState
  assignee: string | null
  received: string | null
  due: string | null
  badge: DeadlineBadge | null
  /** The requester wrote since this member last opened the request. */
  unread: boolean
  /** Days left to the due date, for open requests. */
  left: DaysLeft | null
  name: string
}

/** One page of the inbox: soonest deadline first, 50 a page, and whether more follow. */
export async function inboxPage(
  tx: Tx,
  query: InboxQuery,
  { userId, now = new Date() }: { userId: string; now?: Date },
): Promise<{ rows: InboxRow[]; total: number; hasNext: boolean }> {
  const where = { ...inboxWhere(query.filters, { userId, now }), ...(query.filters.unread ? unreadBy(tx, userId) : {}) }
  const [{ timeZone }, total, requests] = await Promise.all([
    tx.workspace.findFirstOrThrow({ select: { timeZone: true } }),
    tx.privacyRequest.count({ where }),
    tx.privacyRequest.findMany({
      where,
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { receivedAt: 'asc' }, { id: 'asc' }],
      skip: (query.page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE + 1,
      select: {
        id: true,
        reference: true,
        type: true,
        email: true,
        subjectName: true,
        state: true,
        receivedAt: true,
        dueAt: true,
        assignee: { select: { email: true } },
      },
    }),
  ])
  const shown = requests.slice(0, INBOX_PAGE_SIZE)
  const unread = await unreadAmong(tx, userId, shown.map((request) => request.id))
  const rows = shown.map((request) => ({
    id: request.id,
    reference: request.reference,
    type: request.type,
    email: request.email,
    state: request.state,
    assignee: request.assignee?.email ?? null,
    received: request.receivedAt ? localDate(request.receivedAt, timeZone) : null,
    due: request.dueAt ? lastDayOf(request.dueAt, timeZone) : null,
    badge: deadlineBadge(request, now),
    unread: unread.has(request.id),
    left: request.dueAt && !CLOSED_STATES.includes(request.state) ? daysLeft(request.dueAt, timeZone, now) : null,
    name: request.subjectName,
  }))
  return { rows, total, hasNext: requests.length > INBOX_PAGE_SIZE }
}

/** The members a request can be assigned to: those who work requests (owner, admin, agent). */
export async function requestWorkers(tx: Tx): Promise<{ userId: string; email: string; name: string | null }[]> {
  const memberships = await tx.membership.findMany({
    where: { role: { in: ['owner', 'admin', 'agent'] } },
    select: { userId: true, user: { select: { email: true, name: true } } },
    orderBy: { user: { email: 'asc' } },
  })
  return memberships.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name }))
}
