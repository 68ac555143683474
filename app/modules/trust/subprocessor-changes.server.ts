// Changing a workspace's list of sub-processors. Once anyone is subscribed, the list changes
// only through a proposed change: drafted, announced (every confirmed subscriber is e-mailed by
// the subprocessor.notice job) with an effective day at least the notice period away, then
// applied on that day by the scheduled subprocessor.apply job, as the system. While nobody is
// subscribed a change may be applied at once; it is still recorded, and listed publicly.
// Every step is one transaction with its audit entry.
import { randomUUID } from 'node:crypto'
import type { SubprocessorChange } from '~/generated/prisma/client'
import { type AuditScope, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { ownerPool } from '~/modules/db/owner.server'
import { enqueue } from '~/modules/jobs/queue.server'
import type { ImmediateChangeInput, ProposeChangeInput } from './subprocessor-forms'
import { type Day, checkEffectiveDay, dayIn, earliestEffectiveDay, isDue } from './subprocessor-rules'
import type { SubprocessorFields } from './subprocessor-text'

/** A change the rules refuse; its message is shown as is, beside `field` when it names one. */
export class SubprocessorChangeError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

export type NoticeJob = { workspaceId: string; changeId: string }

export const dayOf = (date: Date): Day => date.toISOString().slice(0, 10)
export const dateOf = (day: Day): Date => new Date(`${day}T00:00:00Z`)

const FIELD_SELECT = {
  name: true,
  purpose: true,
  dataCategories: true,
  region: true,
  certifications: true,
  policyUrl: true,
} as const

export function fieldsOf(row: SubprocessorFields): SubprocessorFields {
  return {
    name: row.name,
    purpose: row.purpose,
    dataCategories: row.dataCategories,
    region: row.region,
    certifications: [...row.certifications],
    policyUrl: row.policyUrl,
  }
}

/** People who receive notices: confirmed, not unsubscribed. */
export function activeSubscribers(tx: Tx): Promise<number> {
  return tx.subprocessorSubscriber.count({ where: { confirmedAt: { not: null }, unsubscribedAt: null } })
}

async function noticeSettings(tx: Tx, workspaceId: string) {
  return tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { timeZone: true, subprocessorNoticeDays: true },
  })
}

async function lockChange(tx: Tx, changeId: string): Promise<SubprocessorChange> {
  await tx.$queryRaw`SELECT id FROM subprocessor_change WHERE id = ${changeId}::uuid FOR UPDATE`
  const change = await tx.subprocessorChange.findUnique({ where: { id: changeId } })
  if (!change) throw new SubprocessorChangeError('There is no such change in this workspace.')
  return change
}

/** The sub-processor a change or removal is about, and no other open change for it. */
async function target(tx: Tx, subprocessorId: string) {
  const subprocessor = await tx.subprocessor.findUnique({ where: { id: subprocessorId }, select: { id: true, ...FIELD_SELECT } })
  if (!subprocessor) throw new SubprocessorChangeError('There is no such sub-processor in this workspace.', 'subprocessorId')
  const open = await tx.subprocessorChange.count({ where: { subprocessorId, state: { in: ['draft', 'announced'] } } })
  if (open > 0) {
    throw new SubprocessorChangeError(
      `A change of “${subprocessor.name}” is already proposed. Cancel it first, or wait until it takes effect.`,
      'subprocessorId',
    )
  }
  return subprocessor
}

/** One change to a workspace's list at a time: a second (a double submit) then sees the first's result. */
async function lockSubprocessorList(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`subprocessors:${workspaceId}`}, 0))`
}

async function refuseDuplicateName(tx: Tx, name: string): Promise<void> {
  const listed = await tx.subprocessor.count({ where: { name: { equals: name, mode: 'insensitive' } } })
  const proposed = await tx.subprocessorChange.count({
    where: { kind: 'add', state: { in: ['draft', 'announced'] }, name: { equals: name, mode: 'insensitive' } },
  })
  if (listed + proposed > 0) {
    throw new SubprocessorChangeError(`“${name}” is already listed, or its addition is already proposed.`, 'name')
  }
}

/** What the change row holds for `input`, checked against the current list. */
async function changeFields(
  tx: Tx,
  input: ProposeChangeInput | ImmediateChangeInput,
): Promise<{ subprocessorId: string | null; fields: SubprocessorFields; previous: SubprocessorFields | null }> {
  switch (input.kind) {
    case 'add': {
      await refuseDuplicateName(tx, input.name)
      const { kind: _kind, reason: _reason, ...fields } = input as Extract<ImmediateChangeInput, { kind: 'add' }>
      return { subprocessorId: null, fields: fieldsOf(fields), previous: null }
    }
    case 'change': {
      const current = await target(tx, input.subprocessorId)
      const fields = fieldsOf(input)
      const previous = fieldsOf(current)
      if (JSON.stringify(fields) === JSON.stringify(previous)) {
        throw new SubprocessorChangeError('Nothing would change: edit at least one field.', 'name')
      }
      if (fields.name.toLowerCase() !== previous.name.toLowerCase()) await refuseDuplicateName(tx, fields.name)
      return { subprocessorId: current.id, fields, previous }
    }
    case 'remove': {
      const current = await target(tx, input.subprocessorId)
      return { subprocessorId: current.id, fields: fieldsOf(current), previous: fieldsOf(current) }
    }
  }
}

function snapshot(change: SubprocessorChange) {
  return { kind: change.kind, name: change.name, effectiveOn: dayOf(change.effectiveOn), state: change.state }
}

/**
 * Propose a change as a draft. Its day must respect the notice period counted from today in the
 * workspace's time zone; a refusal names the earliest allowed day.
 */
export async function proposeChange(
  member: Member,
  input: ProposeChangeInput,
  origin: RequestOrigin,
  now = new Date(),
): Promise<SubprocessorChange> {
  return withTenant(member.tenant, async (tx) => {
    await lockSubprocessorList(tx, member.workspace.id)
    const settings = await noticeSettings(tx, member.workspace.id)
    const verdict = checkEffectiveDay({
      effectiveOn: input.effectiveOn,
      now,
      timeZone: settings.timeZone,
      noticeDays: settings.subprocessorNoticeDays,
    })
    if (!verdict.ok) throw new SubprocessorChangeError(verdict.message, 'effectiveOn')
    const { subprocessorId, fields, previous } = await changeFields(tx, input)
    const change = await tx.subprocessorChange.create({
      data: {
        id: randomUUID(),
        workspaceId: member.workspace.id,
        kind: input.kind,
        subprocessorId,
        ...fields,
        previous: previous ?? undefined,
        reason: input.reason,
        effectiveOn: dateOf(input.effectiveOn),
        createdById: member.user.id,
      },
    })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'subprocessor_change.propose',
      target: { type: 'subprocessor_change', id: change.id },
      after: { ...snapshot(change), ...fields, reason: change.reason },
    })
    return change
  })
}

/**
 * Announce a draft: from now on it is public, and every confirmed subscriber is e-mailed (one
 * subprocessor.notice job fans out). The notice period is checked again, counted from now:
 * subscribers must get the whole of it.
 */
export async function announceChange(member: Member, changeId: string, origin: RequestOrigin, now = new Date()): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const change = await lockChange(tx, changeId)
    if (change.state !== 'draft') throw new SubprocessorChangeError(`This change is ${change.state} already.`)
    await requireEntitlement({ tx, workspaceId: member.workspace.id }, 'subprocessor_notices')
    const settings = await noticeSettings(tx, member.workspace.id)
    const verdict = checkEffectiveDay({
      effectiveOn: dayOf(change.effectiveOn),
      now,
      timeZone: settings.timeZone,
      noticeDays: settings.subprocessorNoticeDays,
    })
    if (!verdict.ok) {
      throw new SubprocessorChangeError(`${verdict.message} Cancel this draft and propose it again with a later day.`)
    }
    // What subscribers are told a change or removal replaces: the sub-processor as it is now.
    let previous = change.previous ?? undefined
    if (change.subprocessorId && change.kind !== 'add') {
      const current = await tx.subprocessor.findUnique({ where: { id: change.subprocessorId }, select: FIELD_SELECT })
      if (!current) throw new SubprocessorChangeError('The sub-processor this change is about is no longer listed.')
      previous = fieldsOf(current)
    }
    await tx.subprocessorChange.update({
      where: { id: change.id },
      data: { state: 'announced', announcedAt: now, announcedById: member.user.id, previous },
    })
    const job: NoticeJob = { workspaceId: member.workspace.id, changeId: change.id }
    await enqueue(tx, 'subprocessor.notice', job, { singletonKey: change.id })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'subprocessor_change.announce',
      target: { type: 'subprocessor_change', id: change.id },
      before: { state: 'draft' },
      after: { state: 'announced', subscribers: await activeSubscribers(tx) },
    })
  })
}

/** Withdraw a draft, or an announced change before its day. It stays in the public changelog. */
export async function cancelChange(member: Member, changeId: string, origin: RequestOrigin, now = new Date()): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const change = await lockChange(tx, changeId)
    if (change.state !== 'draft' && change.state !== 'announced') {
      throw new SubprocessorChangeError(`This change is ${change.state} already: it can no longer be cancelled.`)
    }
    const { timeZone } = await noticeSettings(tx, member.workspace.id)
    if (change.state === 'announced' && isDue(dayOf(change.effectiveOn), now, timeZone)) {
      throw new SubprocessorChangeError('This change takes effect today: it can no longer be cancelled. Propose a change back instead.')
    }
    await tx.subprocessorChange.update({
      where: { id: change.id },
      data: { state: 'cancelled', cancelledAt: now, cancelledById: member.user.id },
    })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'subprocessor_change.cancel',
      target: { type: 'subprocessor_change', id: change.id },
      before: { state: change.state },
      after: { state: 'cancelled' },
    })
  })
}

/**
 * Change the list at once. Allowed only while nobody is subscribed: there is nobody to give
 * notice to. The change is recorded as applied today, so the public changelog stays complete.
 */
export async function applyChangeNow(
  member: Member,
  input: ImmediateChangeInput,
  origin: RequestOrigin,
  now = new Date(),
): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    // Serialise with a subscriber confirming at the same moment.
    await lockSubprocessorList(tx, member.workspace.id)
    const subscribers = await activeSubscribers(tx)
    if (subscribers > 0) {
      throw new SubprocessorChangeError(
        `${subscribers} subscriber${subscribers === 1 ? ' is' : 's are'} told of every change: propose it with a notice period instead.`,
      )
    }
    const { timeZone } = await noticeSettings(tx, member.workspace.id)
    const { subprocessorId, fields, previous } = await changeFields(tx, input)
    const change = await tx.subprocessorChange.create({
      data: {
        id: randomUUID(),
        workspaceId: member.workspace.id,
        kind: input.kind,
        subprocessorId,
        ...fields,
        previous: previous ?? undefined,
        reason: input.reason,
        effectiveOn: dateOf(dayIn(now, timeZone)),
        createdById: member.user.id,
      },
    })
    await applyChange(tx, change, { ...member.tenant, origin }, now)
  })
}

/**
 * Draft the addition of several sub-processors at once (the catalogue's picks), each on the
 * earliest day the notice period allows; all of them or, when one is already listed or
 * proposed, none. The same pick sent again (a double submit) finds its drafts and returns them.
 * Drafts are not public: the admin reviews each, then adds or announces it.
 */
export async function proposeAdditions(
  member: Member,
  additions: SubprocessorFields[],
  origin: RequestOrigin,
  now = new Date(),
): Promise<SubprocessorChange[]> {
  return withTenant(member.tenant, async (tx) => {
    await lockSubprocessorList(tx, member.workspace.id)
    const drafted = await tx.subprocessorChange.findMany({
      where: { kind: 'add', state: 'draft', name: { in: additions.map((a) => a.name), mode: 'insensitive' } },
    })
    const names = new Set(drafted.map((change) => change.name.toLowerCase()))
    if (additions.length > 0 && additions.every((a) => names.has(a.name.toLowerCase()))) return drafted
    const settings = await noticeSettings(tx, member.workspace.id)
    const effectiveOn = earliestEffectiveDay(now, settings.timeZone, settings.subprocessorNoticeDays)
    const changes: SubprocessorChange[] = []
    for (const addition of additions) {
      const fields = fieldsOf(addition)
      await refuseDuplicateName(tx, fields.name)
      const change = await tx.subprocessorChange.create({
        data: {
          id: randomUUID(),
          workspaceId: member.workspace.id,
          kind: 'add',
          ...fields,
          effectiveOn: dateOf(effectiveOn),
          createdById: member.user.id,
        },
      })
      await recordAudit(tx, { ...member.tenant, origin }, {
        action: 'subprocessor_change.propose',
        target: { type: 'subprocessor_change', id: change.id },
        after: { ...snapshot(change), ...fields, reason: change.reason },
      })
      changes.push(change)
    }
    return changes
  })
}

/**
 * Apply a reviewed draft today, without notice: allowed only while nobody is subscribed, as
 * applyChangeNow. An addition whose name got listed meanwhile is refused.
 */
export async function applyDraftNow(member: Member, changeId: string, origin: RequestOrigin, now = new Date()): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    await lockSubprocessorList(tx, member.workspace.id)
    const subscribers = await activeSubscribers(tx)
    if (subscribers > 0) {
      throw new SubprocessorChangeError(
        `${subscribers} subscriber${subscribers === 1 ? ' is' : 's are'} told of every change: announce this draft instead.`,
      )
    }
    const change = await lockChange(tx, changeId)
    if (change.state !== 'draft') throw new SubprocessorChangeError(`This change is ${change.state} already.`)
    if (change.kind === 'add' && (await tx.subprocessor.count({ where: { name: { equals: change.name, mode: 'insensitive' } } })) > 0) {
      throw new SubprocessorChangeError(`“${change.name}” is already listed: discard this draft.`)
    }
    const { timeZone } = await noticeSettings(tx, member.workspace.id)
    const today = await tx.subprocessorChange.update({ where: { id: change.id }, data: { effectiveOn: dateOf(dayIn(now, timeZone)) } })
    await applyChange(tx, today, { ...member.tenant, origin }, now)
  })
}

/** Make `change` true in the list, inside its workspace's transaction, audited under `scope`. */
async function applyChange(tx: Tx, change: SubprocessorChange, scope: AuditScope, now: Date): Promise<void> {
  const fields = fieldsOf(change)
  const base = { workspaceId: change.workspaceId }
  if (change.kind === 'add') {
    const subprocessor = await tx.subprocessor.create({ data: { ...base, ...fields } })
    await tx.subprocessorChange.update({
      where: { id: change.id },
      data: { state: 'applied', appliedAt: now, subprocessorId: subprocessor.id },
    })
    await recordAudit(tx, scope, {
      action: 'subprocessor.add',
      target: { type: 'subprocessor', id: subprocessor.id },
      after: { ...fields, change: change.id },
    })
    return
  }
  await tx.subprocessorChange.update({ where: { id: change.id }, data: { state: 'applied', appliedAt: now } })
  const current = change.subprocessorId
    ? await tx.subprocessor.findUnique({ where: { id: change.subprocessorId }, select: FIELD_SELECT })
    : null
  if (!current) {
    // Already gone (removed by hand before this change existed): the list is as the change says.
    await recordAudit(tx, scope, {
      action: 'subprocessor_change.apply',
      target: { type: 'subprocessor_change', id: change.id },
      after: { state: 'applied', note: 'the sub-processor was no longer listed' },
    })
    return
  }
  if (change.kind === 'remove') {
    await tx.subprocessor.delete({ where: { id: change.subprocessorId! } })
    await recordAudit(tx, scope, {
      action: 'subprocessor.remove',
      target: { type: 'subprocessor', id: change.subprocessorId! },
      before: fieldsOf(current),
      after: { change: change.id },
    })
    return
  }
  await tx.subprocessor.update({ where: { id: change.subprocessorId! }, data: fields })
  await recordAudit(tx, scope, {
    action: 'subprocessor.update',
    target: { type: 'subprocessor', id: change.subprocessorId! },
    before: fieldsOf(current),
    after: { ...fields, change: change.id },
  })
}

/**
 * The scheduled job: apply every announced change whose day has begun in its workspace's time
 * zone. Finding them crosses workspaces (the owner's maintenance read); each is applied in its
 * own workspace's transaction, as the system. Returns how many were applied.
 */
export async function applyDueChanges(now = new Date()): Promise<number> {
  const { rows } = await ownerPool().query<{ id: string; workspace_id: string }>(
    `SELECT c.id, c.workspace_id FROM subprocessor_change c JOIN workspace w ON w.id = c.workspace_id
      WHERE c.state = 'announced' AND w.deleted_at IS NULL
        AND c.effective_on <= ($1::timestamptz AT TIME ZONE w.time_zone)::date
      ORDER BY c.effective_on, c.announced_at LIMIT 10000`,
    [now],
  )
  let applied = 0
  for (const row of rows) {
    const scope = { workspaceId: row.workspace_id, actor: { type: 'system', reason: 'subprocessor.apply' } as const }
    applied += await withTenant(scope, async (tx) => {
      const change = await lockChange(tx, row.id)
      const { timeZone } = await noticeSettings(tx, row.workspace_id)
      if (change.state !== 'announced' || !isDue(dayOf(change.effectiveOn), now, timeZone)) return 0
      await applyChange(tx, change, scope, now)
      return 1
    })
  }
  return applied
}

/** The workspace's notice period, in days (owners and admins: workspace.settings). */
export async function saveNoticePeriod(member: Member, noticeDays: number, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const before = await noticeSettings(tx, member.workspace.id)
    if (before.subprocessorNoticeDays === noticeDays) return
    await tx.workspace.update({ where: { id: member.workspace.id }, data: { subprocessorNoticeDays: noticeDays } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'workspace.subprocessor_notice_days',
      target: { type: 'workspace', id: member.workspace.id },
      before: { subprocessorNoticeDays: before.subprocessorNoticeDays },
      after: { subprocessorNoticeDays: noticeDays },
    })
  })
}
