// A workspace's privacy settings against real PostgreSQL: the forms' rules, the stored due dates
// of open requests following a new calendar, Candor's own data system kept, archived systems
// left out of new requests, and every change (and only a change) in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import {
  PrivacySettingsError,
  addManualSystem,
  archiveSystem,
  deadlineSettingsInput,
  replyTemplateInput,
  saveDeadlineSettings,
  PROFILE_FIELDS,
  saveProfile,
  profileInput,
} from '~/modules/dsar/privacy-settings.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { makeOwnedWorkspace, makeWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const system = { type: 'system', reason: 'test' } as const

async function audit(workspaceId: string, action: string) {
  const { rows } = await ownerPool().query(
    'SELECT before, after FROM audit_entry WHERE workspace_id = $1 AND action = $2 ORDER BY seq',
    [workspaceId, action],
  )
  return rows
}

const settings = (overrides: Record<string, string> = {}) =>
  deadlineSettingsInput.parse({
    timeZone: 'UTC',
    holidayCountry: '',
    customHolidays: '',
    internalTargetDays: '',
    deadlineBasis: 'statutory',
    backupRetentionDays: '90',
    closedRequestRetentionMonths: '24',
    defaultJurisdiction: 'gdpr',
    ...overrides,
  })

describe('the deadline settings form', () => {
  const errorOf = (overrides: Record<string, string>) => {
    const parsed = deadlineSettingsInput.safeParse({ ...settingsForm, ...overrides })
    return parsed.success ? null : parsed.error.issues[0]?.message
  }
  const settingsForm = {
    timeZone: 'UTC',
    holidayCountry: '',
    customHolidays: '',
    internalTargetDays: '',
    deadlineBasis: 'statutory',
    backupRetentionDays: '90',
    closedRequestRetentionMonths: '24',
    defaultJurisdiction: 'gdpr',
  }

  it('reads empty fields as "none", and sorts and de-duplicates extra days off', () => {
    expect(settings({ customHolidays: '2026-12-31\r\n\n 2026-12-24 \n2026-12-31' })).toEqual({
      timeZone: 'UTC',
      holidayCountry: null,
      customHolidays: ['2026-12-24', '2026-12-31'],
      internalTargetDays: null,
      deadlineBasis: 'statutory',
      backupRetentionDays: 90,
      closedRequestRetentionMonths: 24,
      defaultJurisdiction: 'gdpr',
    })
    expect(settings({ timeZone: 'America/Los_Angeles', holidayCountry: 'US', internalTargetDays: '20' })).toMatchObject({
      timeZone: 'America/Los_Angeles',
      holidayCountry: 'US',
      internalTargetDays: 20,
    })
  })

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'Choose a time zone from the list'],
    [{ holidayCountry: 'XX' }, 'Choose a country from the list'],
    [{ customHolidays: '2026-02-30' }, 'Not a day: 2026-02-30.'],
    [{ customHolidays: '24/12/2026' }, 'Write each extra day off as YYYY-MM-DD'],
    [{ internalTargetDays: '0' }, 'The internal target must be a whole number of days from 1 to 90'],
    [{ internalTargetDays: 'soon' }, 'The internal target must be a whole number'],
    [{ deadlineBasis: 'whenever' }, 'Choose which date drives the deadline badge.'],
    [{ backupRetentionDays: '' }, 'Backups must be kept a whole number of days from 1 to 365.'],
    [{ backupRetentionDays: '1000' }, 'Backups must be kept a whole number of days from 1 to 365.'],
    [{ closedRequestRetentionMonths: '0' }, 'Keep closed requests a whole number of months from 1 to 120.'],
    [{ closedRequestRetentionMonths: '121' }, 'Keep closed requests a whole number of months from 1 to 120.'],
    [{ closedRequestRetentionMonths: 'two years' }, 'Keep closed requests a whole number of months from 1 to 120.'],
    [{ defaultJurisdiction: 'mars' }, 'Choose the law the portal suggests first.'],
  ])('refuses %j with a plain message', (overrides, message) => {
    expect(errorOf(overrides)).toContain(message)
  })
})

describe('saving deadline settings', () => {
  it('recomputes the stored due date of open requests, not of closed ones, and audits the change once', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const open = await receivedRequest(workspace.id, { type: 'rectification' })
    const closed = await receivedRequest(workspace.id, { type: 'objection' })
    await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      tx.privacyRequest.update({ where: { id: closed.id }, data: { state: 'completed', completedAt: new Date() } }),
    )
    const dueOf = async (id: string) =>
      (await ownerPool().query('SELECT due_at FROM privacy_request WHERE id = $1', [id])).rows[0].due_at as Date
    const [openBefore, closedBefore] = [await dueOf(open.id), await dueOf(closed.id)]

    // Kiritimati is 14 hours ahead of UTC: each day there ends 14 hours sooner.
    await saveDeadlineSettings(member, settings({ timeZone: 'Pacific/Kiritimati', internalTargetDays: '21' }), {})
    const openAfter = await dueOf(open.id)
    expect(openAfter.getTime()).not.toBe(openBefore.getTime())
    expect(openAfter.toISOString()).toMatch(/T10:00:00\.000Z$/)
    expect((await dueOf(closed.id)).getTime()).toBe(closedBefore.getTime())

    await saveDeadlineSettings(member, settings({ timeZone: 'Pacific/Kiritimati', internalTargetDays: '21' }), {})
    expect(await audit(workspace.id, 'privacy.deadline_settings')).toEqual([
      { before: { timeZone: 'UTC', internalTargetDays: null }, after: { timeZone: 'Pacific/Kiritimati', internalTargetDays: 21 } },
    ])
  })
})

describe('data systems', () => {
  it('keeps Candor’s own system, archives a manual one, and leaves archived systems out of new requests', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const builtIn = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      tx.dataSystem.findFirstOrThrow({ where: { kind: 'built_in' } }),
    )
    await expect(archiveSystem(member, builtIn.id, {})).rejects.toThrow(PrivacySettingsError)
    await addManualSystem(member, { name: 'Zendesk', instructions: 'Delete the user.' }, {})
    await expect(addManualSystem(member, { name: 'zendesk', instructions: 'Again.' }, {})).rejects.toThrow(
      'There is already a data system named “zendesk”.',
    )
    const zendesk = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      tx.dataSystem.findFirstOrThrow({ where: { name: 'Zendesk' } }),
    )
    const before = await receivedRequest(workspace.id, { type: 'erasure' })
    await archiveSystem(member, zendesk.id, {})
    await expect(archiveSystem(member, zendesk.id, {})).rejects.toThrow('“Zendesk” is already archived.')
    const after = await receivedRequest(workspace.id, { type: 'erasure' })
    const systemsOf = async (requestId: string) =>
      (
        await ownerPool().query(
          'SELECT d.name FROM request_task t JOIN data_system d ON d.id = t.data_system_id WHERE t.request_id = $1 ORDER BY d.name',
          [requestId],
        )
      ).rows.map((row) => row.name)
    expect(await systemsOf(before.id)).toEqual([builtIn.name, 'Zendesk'].sort())
    expect(await systemsOf(after.id)).toEqual([builtIn.name])
    const { rows } = await ownerPool().query(
      "SELECT target_id FROM audit_entry WHERE workspace_id = $1 AND action = 'data_system.archive'",
      [workspace.id],
    )
    expect(rows).toEqual([{ target_id: zendesk.id }])
  })

  it('cannot reach another workspace’s system', async () => {
    const { member } = await makeOwnedWorkspace()
    const other = await makeWorkspace()
    const theirs = await withTenant({ workspaceId: other.workspace.id, actor: system }, (tx) =>
      tx.dataSystem.create({ data: { workspaceId: other.workspace.id, name: 'Theirs', kind: 'manual' } }),
    )
    await expect(archiveSystem(member, theirs.id, {})).rejects.toThrow('There is no such data system in this workspace.')
  })
})

describe('the privacy profile and reply templates', () => {
  it('audits a profile change, and nothing when nothing changed', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const profile = profileInput.parse({ supervisoryAuthority: 'CNIL', purposes: 'Running the service (contract).' })
    await saveProfile(member, profile, {})
    await saveProfile(member, profile, {})
    await saveProfile(member, { ...profile, supervisoryAuthority: 'CNIL, 3 Place de Fontenoy, Paris' }, {})
    const entries = await audit(workspace.id, 'privacy.profile')
    expect(entries).toHaveLength(2)
    expect(entries[1]).toEqual({
      before: { supervisoryAuthority: 'CNIL' },
      after: { supervisoryAuthority: 'CNIL, 3 Place de Fontenoy, Paris' },
    })
  })

  it('takes every profile field at its longest, and refuses one character more with its limit in words', async () => {
    const { member } = await makeOwnedWorkspace()
    const fields = Object.entries(PROFILE_FIELDS)
    await saveProfile(member, profileInput.parse(Object.fromEntries(fields.map(([field, { max }]) => [field, 'x'.repeat(max)]))), {})
    for (const [field, { label, max }] of fields) {
      const refused = profileInput.safeParse({ [field]: 'x'.repeat(max + 1) })
      expect(refused.success, field).toBe(false)
      expect(refused.error?.issues[0]?.message).toBe(`Keep “${label}” under ${max.toLocaleString('en')} characters.`)
    }
  })

  it('refuses a template with a variable Candor does not know, naming it', () => {
    const parsed = replyTemplateInput.safeParse({
      templateId: '',
      name: 'Hello',
      requestType: '',
      language: 'en',
      body: 'Hi {{firstName}}, about {{reference}}',
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toContain('Candor does not know {{firstName}}.')
    expect(
      replyTemplateInput.parse({ templateId: '', name: 'Hello', requestType: 'access', language: 'pt-BR', body: 'Olá {{ name }}' }),
    ).toEqual({ templateId: null, name: 'Hello', requestType: 'access', language: 'pt-BR', body: 'Olá {{ name }}' })
  })
})
