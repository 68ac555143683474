// A request's timeline: one row per step, note or message. Public events are the ones the
// data subject sees on the status page; the rest are for staff.
import type { Tx } from '~/modules/db/tenant.server'

export type TimelineEvent = {
  kind: string
  body?: string | null
  /** Shown to the data subject on the status page. */
  public?: boolean
  actorUserId?: string | null
}

export async function addEvent(
  tx: Tx,
  request: { id: string; workspaceId: string },
  event: TimelineEvent,
): Promise<string> {
  const created = await tx.requestEvent.create({
    data: {
      workspaceId: request.workspaceId,
      requestId: request.id,
      kind: event.kind,
      body: event.body ?? null,
      public: event.public ?? false,
      actorUserId: event.actorUserId ?? null,
    },
    select: { id: true },
  })
  return created.id
}
