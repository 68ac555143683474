// New work e-mailed to members (issue 16, item 4), in the transaction of the event and following
// each member's choices: a vulnerability report to the members who get security reports (besides
// the policy's security contact, never twice to one address), and an objection to a sub-processor
// change to the members who get objections. Neither e-mail carries what the public visitor typed;
// each ends with the link to change what the member gets.
import { randomUUID } from 'node:crypto'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { policyInput } from '~/modules/disclosure/policy'
import { savePolicy } from '~/modules/disclosure/policy.server'
import { reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { saveKindChoices } from '~/modules/notifications/preferences.server'
import { objectToChange } from '~/modules/trust/subprocessor-subscribers.server'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { subscriptionsOf } from '../support/subprocessor-subscriptions'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const PREFERENCES_LINE = () => `Choose which e-mails you get from Candor: ${appOrigin()}/account/notifications`

async function mailsTo(email: string, subjectLike: string) {
  const { rows } = await ownerPool().query<{ to: string; subject: string; text: string }>(
    'SELECT "to", subject, text FROM email_message WHERE lower("to") = lower($1) AND subject LIKE $2 ORDER BY created_at, id',
    [email, subjectLike],
  )
  return rows
}

/** A workspace with its owner, two admins, an agent and a viewer. */
async function team() {
  const owned = await makeOwnedWorkspace()
  const { workspace } = owned
  return {
    ...owned,
    admin: await addMember(workspace.id, 'admin'),
    quietAdmin: await addMember(workspace.id, 'admin'),
    agent: await addMember(workspace.id, 'agent'),
    viewer: await addMember(workspace.id, 'viewer'),
  }
}

const turnOff = async (userId: string, workspaceId: string, kind: 'vulnerability_report' | 'subprocessor_objection') =>
  expect(await saveKindChoices(userId, { workspaceId, shown: [kind], on: new Set() })).toMatchObject({ outcome: 'saved' })

describe('a new vulnerability report', () => {
  it('e-mails the owners and admins who get security reports, the contact once, and none of the reporter’s words', async () => {
    const { workspace, member, owner, admin, quietAdmin, agent, viewer } = await team()
    await turnOff(quietAdmin.userId, workspace.id, 'vulnerability_report')
    // The policy's security contact is the owner's own address.
    await savePolicy(member, policyInput.parse({ acknowledgementTarget: '48h', disclosureDeadlineDays: '90', securityContactEmail: owner.email, preferredLanguages: 'en', policy: '' }), {})
    const typed = {
      reporterName: faker.person.fullName(),
      reporterEmail: faker.internet.email().toLowerCase(),
      affectedSurface: 'https://evil.example/click-here-to-verify',
      reproductionSteps: 'Visit https://evil.example/login and enter your password.',
      impact: 'Your account is suspended unless you reply.',
    }
    const filed = await submitReport(workspace.slug, reportInput.parse({ ...typed, severity: 'high', preferredTimeline: 'policy' }), {
      ip: faker.internet.ipv4(),
      appOrigin: appOrigin(),
    })
    if (filed.outcome !== 'filed') throw new Error(filed.outcome)
    const subject = `New security report ${filed.reference}%`

    expect(await mailsTo(owner.email, subject)).toHaveLength(1)
    expect(await mailsTo(quietAdmin.email, subject)).toEqual([])
    for (const other of [agent, viewer]) expect(await mailsTo(other.email, subject)).toEqual([])
    const [toAdmin] = await mailsTo(admin.email, subject)
    expect(toAdmin!.subject).toBe(`New security report ${filed.reference} (High) for ${workspace.name}`)
    const { rows } = await ownerPool().query('SELECT id FROM vulnerability_report WHERE reference = $1', [filed.reference])
    expect(toAdmin!.text).toContain(`${appOrigin()}/w/${workspace.slug}/security/${rows[0].id}`)
    expect(toAdmin!.text.split('\n').at(-1)).toBe(PREFERENCES_LINE())
    for (const words of Object.values(typed)) expect(toAdmin!.subject + toAdmin!.text).not.toContain(words)
  })

  it('still reaches the security contact when every member turned security reports off', async () => {
    const { workspace, member, owner, admin, quietAdmin } = await team()
    for (const userId of [owner.id, admin.userId, quietAdmin.userId]) await turnOff(userId, workspace.id, 'vulnerability_report')
    const contact = faker.internet.email().toLowerCase()
    await savePolicy(member, policyInput.parse({ acknowledgementTarget: '48h', disclosureDeadlineDays: '90', securityContactEmail: contact, preferredLanguages: 'en', policy: '' }), {})
    const filed = await submitReport(
      workspace.slug,
      reportInput.parse({ reporterEmail: faker.internet.email(), affectedSurface: 'api', reproductionSteps: 'GET /', severity: 'low', preferredTimeline: 'policy' }),
      { ip: faker.internet.ipv4(), appOrigin: appOrigin() },
    )
    if (filed.outcome !== 'filed') throw new Error(filed.outcome)
    const { rows } = await ownerPool().query<{ to: string }>(`SELECT "to" FROM email_message WHERE workspace_id = $1 AND subject LIKE 'New security report%'`, [workspace.id])
    expect(rows.map((row) => row.to)).toEqual([contact])
  })
})

describe('an objection to a sub-processor change', () => {
  it('e-mails the owners and admins who get objections, naming the change and the count, never the objector or the reason', async () => {
    const { workspace, owner, admin, quietAdmin, agent, viewer } = await team()
    await turnOff(quietAdmin.userId, workspace.id, 'subprocessor_objection')
    const tokens = await subscriptionsOf(workspace.id)
    const reason = 'Urgent: your DPA is void, sign again at https://evil.example/dpa'
    expect(await objectToChange(workspace.slug, tokens.objectionToken, reason, { ip: randomUUID() })).toEqual({ outcome: 'recorded' })

    const subject = `${workspace.name}: an objection to the sub-processor change “Beatriz Secret Analytics”`
    for (const told of [owner, admin]) {
      const mails = await mailsTo(told.email, subject)
      expect(mails).toHaveLength(1)
      const { text } = mails[0]!
      expect(text).toContain('Change: New sub-processor: Beatriz Secret Analytics, from ')
      expect(text).toContain('Objections to this change: 1 (counted when this e-mail was written)')
      expect(text).toContain(`${appOrigin()}/w/${workspace.slug}/subprocessors`)
      expect(text.split('\n').at(-1)).toBe(PREFERENCES_LINE())
      expect(text).not.toContain(tokens.confirmedEmail)
      expect(text).not.toContain('evil.example')
    }
    for (const untold of [quietAdmin, agent, viewer]) expect(await mailsTo(untold.email, subject)).toEqual([])
  })

  it('e-mails nobody when the objection is refused', async () => {
    const { workspace, owner } = await team()
    const tokens = await subscriptionsOf(workspace.id)
    await objectToChange(workspace.slug, tokens.objectionToken, 'First.', { ip: randomUUID() })
    expect(await objectToChange(workspace.slug, tokens.objectionToken, 'Second.', { ip: randomUUID() })).toMatchObject({ outcome: 'refused' })
    expect(await mailsTo(owner.email, `${workspace.name}: an objection%`)).toHaveLength(1)
  })
})
