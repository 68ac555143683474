// /account/notifications (issue 16, item 6) through its loader and action, as the browser calls
// them: each workspace the person belongs to with the e-mails their role there can get, each on or
// off beside its default, required ones always sent; their time zone. Only departures from the
// defaults are stored; a save says exactly what it changed; bad input is a message and changes
// nothing; nobody reaches another person's choices or a workspace they are not in.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant, withUser } from '~/modules/db/tenant.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { action, loader } from '~/routes/account/notifications'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { answerOf, callAction, callLoader } from '../support/route-call'

async function cookieOf(userId: string) {
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

type Page = {
  timeZone: string | null
  workspaces: { id: string; name: string; role: string; kinds: { kind: string; required: boolean; byDefault: boolean; on: boolean }[] }[]
}

async function open(userId: string): Promise<Page> {
  const answer = await answerOf(await callLoader(loader, { path: '/account/notifications', headers: { cookie: await cookieOf(userId) } }))
  expect(answer.status).toBe(200)
  return answer.body as Page
}

type Answer = { status: number; body: { saved?: string; error?: string; timeZoneError?: string } | string }

/** Post the form as the browser does; a field may repeat (`shown`, `on`), so it goes as FormData. */
async function post(userId: string, fields: [string, string | File][]): Promise<Answer> {
  const form = new FormData()
  for (const [name, value] of fields) form.append(name, value)
  return (await answerOf(await callAction(action, { path: '/account/notifications', form, headers: { cookie: await cookieOf(userId) } }))) as Answer
}

const kindsForm = (workspaceId: string, shown: string[], on: string[]): [string, string][] => [
  ['intent', 'kinds'],
  ['workspaceId', workspaceId],
  ...shown.map((kind): [string, string] => ['shown', kind]),
  ...on.map((kind): [string, string] => ['on', kind]),
]

async function storedChoices(userId: string) {
  const { rows } = await ownerPool().query<{ workspace_id: string; kind: string; enabled: boolean }>(
    'SELECT workspace_id, kind, enabled FROM notification_preference WHERE user_id = $1 ORDER BY workspace_id, kind',
    [userId],
  )
  return rows
}

const timeZoneOf = async (userId: string) =>
  (await ownerPool().query<{ time_zone: string | null }>('SELECT time_zone FROM "user" WHERE id = $1', [userId])).rows[0]!.time_zone

const tell = (workspaceId: string, kind: Parameters<typeof membersToTell>[1]) =>
  withTenant({ workspaceId, actor: { type: 'system', reason: 'test' } }, async (tx) => (await membersToTell(tx, kind)).map((m) => m.userId))

describe('the notifications page', () => {
  it('lists each workspace with the e-mails the role there can get, defaults, required ones, and the time zone', async () => {
    const acme = await makeOwnedWorkspace()
    const other = await makeOwnedWorkspace()
    const stranger = await makeOwnedWorkspace()
    const agent = await addMember(acme.workspace.id, 'agent')
    await ownerPool().query('INSERT INTO membership (id, workspace_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), other.workspace.id, agent.userId, 'admin'])

    const page = await open(agent.userId)
    expect(page.timeZone).toBeNull()
    expect(page.workspaces.map((w) => w.id).sort()).toEqual([acme.workspace.id, other.workspace.id].sort())
    expect(page.workspaces.map((w) => w.id)).not.toContain(stranger.workspace.id)

    const asAgent = page.workspaces.find((w) => w.id === acme.workspace.id)!
    expect(asAgent.role).toBe('agent')
    expect(asAgent.kinds.map((k) => k.kind)).toEqual(['request_new', 'request_reply', 'export_review', 'request_deadline', 'incident_update', 'weekly_digest'])
    expect(asAgent.kinds.find((k) => k.kind === 'incident_update')).toMatchObject({ byDefault: false, on: false, required: false })
    expect(asAgent.kinds.find((k) => k.kind === 'request_new')).toMatchObject({ byDefault: true, on: true, required: false })

    const asAdmin = page.workspaces.find((w) => w.id === other.workspace.id)!
    expect(asAdmin.kinds.filter((k) => k.required).map((k) => k.kind)).toEqual(['incident_clock', 'platform_incident'])
    expect(asAdmin.kinds.map((k) => k.kind)).toContain('vulnerability_report')
  })

  it('sends a person who is not signed in to sign in', async () => {
    const answer = await callLoader(loader, { path: '/account/notifications' })
    expect(answer instanceof Response && answer.headers.get('location')).toBe('/sign-in')
  })

  it('saves a departure from the default, says what changed, and forgets a choice equal to the default', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const shown = ['request_new', 'request_reply', 'export_review', 'request_deadline', 'incident_update', 'weekly_digest']

    // Replies off, incident updates on (off by default for an agent).
    const saved = await post(agent.userId, kindsForm(workspace.id, shown, ['request_new', 'export_review', 'request_deadline', 'incident_update', 'weekly_digest']))
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({
      section: workspace.id,
      saved: `Saved for ${workspace.name}: you now get “Incident updates”; you no longer get “Replies from requesters”.`,
    })
    expect(await storedChoices(agent.userId)).toEqual([
      { workspace_id: workspace.id, kind: 'incident_update', enabled: true },
      { workspace_id: workspace.id, kind: 'request_reply', enabled: false },
    ])
    expect(await tell(workspace.id, 'request_reply')).not.toContain(agent.userId)
    expect(await tell(workspace.id, 'incident_update')).toContain(agent.userId)
    const page = await open(agent.userId)
    expect(page.workspaces[0]!.kinds.find((k) => k.kind === 'request_reply')).toMatchObject({ on: false, byDefault: true })

    // The same form again changes nothing, and says so.
    const again = await post(agent.userId, kindsForm(workspace.id, shown, ['request_new', 'export_review', 'request_deadline', 'incident_update', 'weekly_digest']))
    expect(again.body).toMatchObject({ saved: `Nothing changed for ${workspace.name}: these were already your choices.` })

    // Back to the defaults: nothing is stored, so a later change of defaults reaches this member.
    const back = await post(agent.userId, kindsForm(workspace.id, shown, ['request_new', 'request_reply', 'export_review', 'request_deadline', 'weekly_digest']))
    expect(back.body).toMatchObject({ saved: `Saved for ${workspace.name}: you now get “Replies from requesters”; you no longer get “Incident updates”.` })
    expect(await storedChoices(agent.userId)).toEqual([])
  })

  it('leaves kinds the form did not show as they were (a role changed since the page was loaded)', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    await post(admin.userId, kindsForm(workspace.id, ['vulnerability_report'], []))
    const saved = await post(admin.userId, kindsForm(workspace.id, ['weekly_digest'], []))
    expect(saved.body).toMatchObject({ saved: `Saved for ${workspace.name}: you no longer get “Weekly digest”.` })
    expect((await storedChoices(admin.userId)).map((row) => [row.kind, row.enabled])).toEqual([
      ['vulnerability_report', false],
      ['weekly_digest', false],
    ])
  })

  it('saves the time zone, and the workspace’s own when none is chosen', async () => {
    const { owner } = await makeOwnedWorkspace()
    expect((await post(owner.id, [['intent', 'time_zone'], ['timeZone', 'Europe/Berlin']])).body).toMatchObject({ section: 'time-zone', saved: 'Saved: your time zone is Europe/Berlin.' })
    expect(await timeZoneOf(owner.id)).toBe('Europe/Berlin')
    expect((await open(owner.id)).timeZone).toBe('Europe/Berlin')
    expect((await post(owner.id, [['intent', 'time_zone'], ['timeZone', '']])).body).toMatchObject({ saved: 'Saved: your time zone is each workspace’s own time zone.' })
    expect(await timeZoneOf(owner.id)).toBeNull()
  })
})

describe('bad input on the notifications page', () => {
  it('refuses a time zone Intl does not know, an overlong one and a NUL byte, and keeps the one saved', async () => {
    const { owner } = await makeOwnedWorkspace()
    await post(owner.id, [['intent', 'time_zone'], ['timeZone', 'America/New_York']])
    for (const forged of ['Mars/Olympus_Mons', 'Europe/Berlin; DROP TABLE "user"', 'x'.repeat(10_000), '+05:00']) {
      const answer = await post(owner.id, [['intent', 'time_zone'], ['timeZone', forged]])
      expect(answer.status, forged.slice(0, 40)).toBe(400)
      expect(answer.body).toMatchObject({ error: 'Your time zone was not saved.', timeZoneError: 'Choose a time zone from the list, e.g. Europe/Berlin.' })
    }
    const nul = await post(owner.id, [['intent', 'time_zone'], ['timeZone', 'Europe/Berlin\u0000']])
    expect(nul.status).toBe(400)
    expect(String(nul.body)).toContain('invisible control character')
    expect(await timeZoneOf(owner.id)).toBe('America/New_York')
  })

  it('refuses unknown kinds, required kinds, kinds of another role, ticks it did not show, and changes nothing', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const refusals: [string, [string, string | File][], string][] = [
      ['an unknown kind', kindsForm(workspace.id, ['request_new', 'free_pizza'], []), 'The form names an e-mail Candor does not send.'],
      ['a kind of another role that is required of admins', kindsForm(workspace.id, ['request_new', 'incident_clock'], []), 'you do not get “The 72-hour breach clock”'],
      ['a kind of another role', kindsForm(workspace.id, ['request_new', 'vulnerability_report'], []), `As agent of ${workspace.name} you do not get “Security reports”.`],
      ['a tick it did not show', kindsForm(workspace.id, ['request_new'], ['request_new', 'weekly_digest']), 'The form ticks an e-mail it does not show.'],
      ['no kinds at all', kindsForm(workspace.id, [], []), 'The form names no e-mails to choose.'],
      ['more kinds than exist', kindsForm(workspace.id, Array.from({ length: 500 }, () => 'request_new'), []), 'more e-mails than Candor sends'],
      ['an overlong kind', kindsForm(workspace.id, ['x'.repeat(100_000)], []), 'The form names an e-mail Candor does not send.'],
      ['no intent', [['workspaceId', workspace.id]], 'Choose what to save.'],
    ]
    const aFile = new File(['request_new'], 'kinds.txt', { type: 'text/plain' })
    refusals.push(['a file for a kind', [...kindsForm(workspace.id, ['request_new'], []), ['shown', aFile]], 'The form names an e-mail Candor does not send.'])
    for (const [what, form, message] of refusals) {
      const answer = await post(agent.userId, form)
      expect(answer.status, what).toBe(400)
      expect((answer.body as { error: string }).error, what).toContain(message)
    }
    expect(await storedChoices(agent.userId)).toEqual([])
  })

  it('refuses a required kind in plain words, and the e-mail is still sent', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const answer = await post(admin.userId, kindsForm(workspace.id, ['request_new', 'incident_clock'], []))
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ error: 'Nothing was saved. “The 72-hour breach clock” is always sent; it cannot be turned off. Reload the page and choose again.' })
    expect(await storedChoices(admin.userId)).toEqual([])
    expect(await tell(workspace.id, 'incident_clock')).toContain(admin.userId)
    expect(await tell(workspace.id, 'request_new')).toContain(admin.userId)
  })

  it('refuses a workspace the person is not in (or no longer), one that does not exist, and one that is not an id', async () => {
    const mine = await makeOwnedWorkspace()
    const theirs = await makeOwnedWorkspace()
    const agent = await addMember(mine.workspace.id, 'agent')
    for (const workspaceId of [theirs.workspace.id, randomUUID(), 'not-a-workspace']) {
      const answer = await post(agent.userId, kindsForm(workspaceId, ['weekly_digest'], []))
      expect(answer.status).toBe(400)
      expect((answer.body as { error: string }).error).toBe('Nothing was saved. That is not one of your workspaces. Reload the page and choose again.')
    }
    // Removed from the workspace: it leaves the page, and its choices can no longer be saved.
    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2', [mine.workspace.id, agent.userId])
    expect((await open(agent.userId)).workspaces).toEqual([])
    expect((await post(agent.userId, kindsForm(mine.workspace.id, ['weekly_digest'], []))).status).toBe(400)
    expect(await storedChoices(agent.userId)).toEqual([])
  })
})

describe('row-level security of the choices', () => {
  it('lets a person read and write only their own choices, in workspaces they belong to', async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    const colleague = await addMember(workspace.id, 'admin')
    const elsewhere = await makeOwnedWorkspace()
    await ownerPool().query(
      `INSERT INTO notification_preference (workspace_id, user_id, kind, enabled) VALUES ($1, $2, 'weekly_digest', false), ($3, $4, 'weekly_digest', false)`,
      [workspace.id, colleague.userId, elsewhere.workspace.id, elsewhere.owner.id],
    )
    // Nothing of the colleague's or of another workspace is visible.
    expect(await withUser(owner.id, (tx) => tx.notificationPreference.findMany())).toEqual([])
    // Writing a row for the colleague, or for a workspace the owner is not in, is refused by the database.
    await expect(
      withUser(owner.id, (tx) => tx.notificationPreference.create({ data: { workspaceId: workspace.id, userId: colleague.userId, kind: 'weekly_digest', enabled: true } })),
    ).rejects.toThrow(/row-level security/)
    await expect(
      withUser(owner.id, (tx) => tx.notificationPreference.create({ data: { workspaceId: elsewhere.workspace.id, userId: owner.id, kind: 'weekly_digest', enabled: true } })),
    ).rejects.toThrow(/row-level security/)
    // Changing or deleting them touches nothing.
    expect(await withUser(owner.id, (tx) => tx.notificationPreference.updateMany({ data: { enabled: true } }))).toEqual({ count: 0 })
    expect(await withUser(owner.id, (tx) => tx.notificationPreference.deleteMany())).toEqual({ count: 0 })
    expect((await storedChoices(colleague.userId)).map((row) => row.enabled)).toEqual([false])
    expect((await storedChoices(elsewhere.owner.id)).map((row) => row.enabled)).toEqual([false])
  })
})
