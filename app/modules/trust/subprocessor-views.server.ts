// What the pages of sub-processor changes read: the public changelog and feed (every change
// ever made public: announced, applied or withdrawn; drafts never), and the dashboard's view
// (the list, open and past changes, subscriber counts, objections).
import type { SubprocessorChange } from '~/generated/prisma/client'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { activeSubscribers, dayOf, fieldsOf } from './subprocessor-changes.server'
import type { FeedChange } from './subprocessor-feed'
import { earliestEffectiveDay } from './subprocessor-rules'
import type { SubprocessorFields } from './subprocessor-text'

export function describedChange(change: SubprocessorChange) {
  return {
    id: change.id,
    kind: change.kind,
    ...fieldsOf(change),
    previous: (change.previous as SubprocessorFields | null) ?? null,
    reason: change.reason,
    effectiveOn: dayOf(change.effectiveOn),
  }
}

/** Changes the public may see: announced (or applied at once) ones, including withdrawn ones. */
async function publicChangeRows(tx: Tx) {
  return tx.subprocessorChange.findMany({
    where: {
      state: { in: ['announced', 'applied', 'cancelled'] },
      OR: [{ announcedAt: { not: null } }, { state: 'applied' }],
    },
    orderBy: [{ effectiveOn: 'desc' }, { createdAt: 'desc' }],
    take: 500,
  })
}

export type PublicChangelog = {
  workspace: { id: string; name: string; slug: string; createdAt: Date }
  changes: FeedChange[]
}

export async function publicChangelog(slug: string): Promise<PublicChangelog | null> {
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const { createdAt } = await tx.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { createdAt: true } })
    const rows = await publicChangeRows(tx)
    return {
      workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug, createdAt },
      changes: rows.map((row) => ({
        ...describedChange(row),
        state: row.state as FeedChange['state'],
        announcedAt: row.announcedAt,
        appliedAt: row.appliedAt,
        cancelledAt: row.cancelledAt,
      })),
    }
  })
}

export async function subprocessorDashboard(member: Member, now = new Date()) {
  return withTenant(member.tenant, async (tx) => {
    const settings = await tx.workspace.findUniqueOrThrow({
      where: { id: member.workspace.id },
      select: { timeZone: true, subprocessorNoticeDays: true },
    })
    const subprocessors = await tx.subprocessor.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] })
    const open = await tx.subprocessorChange.findMany({
      where: { state: { in: ['draft', 'announced'] } },
      orderBy: [{ effectiveOn: 'asc' }, { createdAt: 'asc' }],
      include: {
        objections: { orderBy: { createdAt: 'asc' }, select: { id: true, email: true, reason: true, createdAt: true } },
        announcedBy: { select: { email: true } },
        createdBy: { select: { email: true } },
        _count: { select: { notices: true } },
      },
    })
    const past = await tx.subprocessorChange.findMany({
      where: { state: { in: ['applied', 'cancelled'] } },
      orderBy: [{ effectiveOn: 'desc' }, { createdAt: 'desc' }],
      take: 50,
      include: {
        objections: { orderBy: { createdAt: 'asc' }, select: { id: true, email: true, reason: true, createdAt: true } },
        _count: { select: { notices: true } },
      },
    })
    const active = await activeSubscribers(tx)
    const pending = await tx.subprocessorSubscriber.count({ where: { confirmedAt: null, unsubscribedAt: null } })
    const unsubscribed = await tx.subprocessorSubscriber.count({ where: { unsubscribedAt: { not: null } } })
    return {
      settings: {
        timeZone: settings.timeZone,
        noticeDays: settings.subprocessorNoticeDays,
        earliest: earliestEffectiveDay(now, settings.timeZone, settings.subprocessorNoticeDays),
      },
      subscribers: { active, pending, unsubscribed },
      subprocessors: subprocessors.map((s) => ({ id: s.id, ...fieldsOf(s) })),
      open: open.map((change) => ({
        ...describedChange(change),
        state: change.state,
        announcedAt: change.announcedAt?.toISOString() ?? null,
        announcedBy: change.announcedBy?.email ?? null,
        createdBy: change.createdBy?.email ?? null,
        notices: change._count.notices,
        objections: change.objections.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
      })),
      past: past.map((change) => ({
        ...describedChange(change),
        state: change.state,
        appliedAt: change.appliedAt?.toISOString() ?? null,
        cancelledAt: change.cancelledAt?.toISOString() ?? null,
        notices: change._count.notices,
        objections: change.objections.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
      })),
    }
  })
}
