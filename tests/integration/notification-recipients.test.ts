// Who gets an e-mail about work (issue 16): the members now, by role and choice; a reminder is
// claimed once per subject, deadline and step.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { claimReminder } from '~/modules/notifications/reminders.server'
import { addMember, makeOwnedWorkspace } from '../support/factories'

const system = { type: 'system', reason: 'test' } as const

describe('members to tell', () => {
  it('follows roles, choices, removals and the member acting', async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const agent = await addMember(workspace.id, 'agent')
    const viewer = await addMember(workspace.id, 'viewer')
    const tell = (kind: Parameters<typeof membersToTell>[1], options?: Parameters<typeof membersToTell>[2]) =>
      withTenant({ workspaceId: workspace.id, actor: system }, async (tx) => (await membersToTell(tx, kind, options)).map((r) => r.email))

    expect(await tell('request_new')).toEqual([owner.email, admin.email, agent.email])
    expect(await tell('request_new', { except: owner.id })).toEqual([admin.email, agent.email])
    expect(await tell('request_new', { only: [agent.userId, viewer.userId] })).toEqual([agent.email])
    expect(await tell('weekly_digest')).not.toContain(viewer.email)

    // Choices: the agent turns requests off, the viewer turns the digest on; a required kind
    // ignores a choice to be left out. A choice in another workspace changes nothing here.
    const other = await makeOwnedWorkspace()
    await ownerPool().query(
      `INSERT INTO notification_preference (workspace_id, user_id, kind, enabled) VALUES
         ($1, $2, 'request_new', false), ($1, $3, 'weekly_digest', true), ($1, $4, 'incident_clock', false), ($5, $4, 'request_new', false)`,
      [workspace.id, agent.userId, viewer.userId, admin.userId, other.workspace.id],
    )
    expect(await tell('request_new')).toEqual([owner.email, admin.email])
    expect(await tell('weekly_digest')).toContain(viewer.email)
    expect(await tell('incident_clock')).toEqual([owner.email, admin.email])

    // A member removed is told nothing from that moment.
    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2', [workspace.id, admin.userId])
    expect(await tell('incident_clock')).toEqual([owner.email])
  })
})

describe('reminder claims', () => {
  it('is won once per subject, deadline and step, and not at all by a transaction that rolls back', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const key = { workspaceId: workspace.id, subjectType: 'privacy_request', subjectId: randomUUID(), deadline: new Date('2026-12-20T00:00:00Z'), step: 'due_in_7_days' }
    const claim = (k = key) => withTenant({ workspaceId: workspace.id, actor: system }, (tx) => claimReminder(tx, k, 2))

    await expect(
      withTenant({ workspaceId: workspace.id, actor: system }, async (tx) => {
        await claimReminder(tx, key, 2)
        throw new Error('killed before the e-mails were queued')
      }),
    ).rejects.toThrow('killed')
    const twice = await Promise.all([claim(), claim()])
    expect(twice.sort()).toEqual([false, true])
    expect(await claim()).toBe(false)
    expect(await claim({ ...key, step: 'due_in_2_days' })).toBe(true)
    expect(await claim({ ...key, deadline: new Date('2026-12-27T00:00:00Z') })).toBe(true)
  })
})
