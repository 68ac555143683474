// What the audit page shows, from the query string and the log as it is now: each entry as a
// sentence (who, did what, to which object, linked where it has a page), its change as
// before/after fields, its full ids and raw JSON for whoever asks; the filters with their
// choices and messages; the chain badge; the links to other pages and to the CSV.
import type { Member } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { actorLabels } from './actor-labels.server'
import { chainBadge } from './chain-badge'
import { diffFields } from './diff-fields'
import { type AuditFilters, filtersSearch, parseAuditPageQuery } from './filters'
import { type AuditRow, auditPage } from './list.server'
import { actionChoicesByArea, actionWords } from './phrasebook'
import { objectTypeChoices } from './object-types'
import { type TargetView, targetViews } from './target-links.server'
import { chainStatusInTransaction } from './verify-in-transaction.server'

/**
 * A page load verifies at most this many entries past the checkpoint (well under a second), so
 * it answers within its transaction however far the hourly checkpoint has fallen behind.
 */
const NEW_ENTRIES_VERIFIED_ON_LOAD = 20_000

const FILTER_FIELDS = ['action', 'actor', 'person', 'object', 'from', 'to'] as const

async function entryViews(tx: Tx, member: Member, rows: AuditRow[]) {
  const base = `/w/${member.workspace.slug}`
  const [actorOf, targetOf] = await Promise.all([
    actorLabels(tx, member.workspace.id, rows),
    targetViews(tx, rows, base, (permission) => can(member.role, permission)),
  ])
  return rows.map((row) => {
    const words = actionWords(row.action)
    const target: TargetView | null = words.hasTarget ? (targetOf(row) ?? { label: 'an object the entry does not name', href: null }) : null
    return {
      seq: row.seq,
      time: `${row.time.slice(0, 10)} ${row.time.slice(11, 19)}`,
      actor: actorOf(row),
      words: { before: words.before, after: words.after },
      target,
      changes: diffFields(row.before, row.after),
      ip: row.ip,
      ids: {
        action: row.action,
        actor: `${row.actorType} ${row.actorId ?? ''}`.trim(),
        target: row.targetType ? `${row.targetType} ${row.targetId ?? ''}`.trim() : null,
        userAgent: row.userAgent,
      },
      raw: row.before === null && row.after === null ? null : JSON.stringify({ before: row.before, after: row.after }, null, 2),
    }
  })
}

export type AuditEntryView = Awaited<ReturnType<typeof entryViews>>[number]

/** The people the "Person" filter offers: the members, and whoever the filter names now. */
async function personChoices(tx: Tx, member: Member, chosen: string | undefined) {
  const members = await tx.membership.findMany({ select: { user: { select: { id: true, name: true, email: true } } } })
  const choices = members
    .map(({ user }) => ({ value: user.id, label: user.name?.trim() ? `${user.name.trim()} (${user.email})` : user.email }))
    .sort((a, b) => a.label.localeCompare(b.label))
  if (chosen && !choices.some((choice) => choice.value === chosen)) {
    // Named only if they acted in this workspace (a former member): any other id names nobody
    // here, and must not reveal who that person is on Candor.
    const acted = await tx.auditEntry.findFirst({ where: { actorType: 'user', actorId: chosen }, select: { id: true } })
    const label = acted ? (await actorLabels(tx, member.workspace.id, [{ actorType: 'user', actorId: chosen }]))({ actorType: 'user', actorId: chosen }) : 'Not a member of this workspace'
    choices.push({ value: chosen, label })
  }
  return choices
}

/** The audit page for `member`, from the query string `search`; `ok` is false for bad filters. */
export async function auditLogView(member: Member, search: URLSearchParams) {
  const query = parseAuditPageQuery(search)
  const filters: AuditFilters = query.success ? query.data.filters : {}
  const { chain, entries, olderBefore, people } = await withTenant(member.tenant, async (tx) => {
    const chain = await chainStatusInTransaction(tx, member.workspace.id, { limit: NEW_ENTRIES_VERIFIED_ON_LOAD })
    const page = query.success ? await auditPage(tx, member.workspace.id, filters, query.data.before) : null
    return {
      chain,
      entries: page ? await entryViews(tx, member, page.rows) : [],
      olderBefore: page?.olderBefore ?? null,
      people: await personChoices(tx, member, filters.person),
    }
  })
  const base = `/w/${member.workspace.slug}`
  // Sent back into the form as typed, short and without control characters.
  const values = Object.fromEntries(
    FILTER_FIELDS.map((field) => [field, (search.get(field) ?? '').replace(/\p{Cc}/gu, '').slice(0, 200)]),
  )
  const actions = actionChoicesByArea()
  const offered = actions.some((group) => group.choices.some((choice) => choice.value === values.action))
  return {
    ok: query.success,
    chain: chainBadge(chain),
    values: values as Record<(typeof FILTER_FIELDS)[number], string>,
    errors: query.success ? null : query.errors,
    choices: {
      actions,
      /** A prefix (member.) or an old code typed into the address: kept as a choice of its own. */
      otherAction: values.action && !offered ? values.action : null,
      people,
      objects: objectTypeChoices(),
    },
    entries,
    filtered: FILTER_FIELDS.some((field) => values[field] !== ''),
    links: {
      clear: `${base}/audit`,
      csv: query.success && can(member.role, 'audit.export') ? `${base}/audit.csv${filtersSearch(filters)}` : null,
      newest: query.success && query.data.before !== undefined ? `${base}/audit${filtersSearch(filters)}` : null,
      older: olderBefore ? `${base}/audit${filtersSearch(filters, { before: olderBefore })}` : null,
    },
  }
}

export type AuditLogView = Awaited<ReturnType<typeof auditLogView>>
