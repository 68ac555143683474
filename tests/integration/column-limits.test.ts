// Each form's rule against its column's check constraint, in real PostgreSQL: the longest (or
// widest) value a schema accepts is stored, and one step past the column's limit is refused in
// words by the schema instead of reaching the check (a 500). Found by comparing every CHECK in
// prisma/migrations with the schemas that guard its column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { loader as versionsLoader } from '~/routes/dashboard/trust-versions'
import { answerOf, callLoader } from '../support/route-call'
import { deadlineSettingsInput, saveDeadlineSettings } from '~/modules/dsar/privacy-settings.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { applyChangeNow } from '~/modules/trust/subprocessor-changes.server'
import { immediateChangeInput } from '~/modules/trust/subprocessor-forms'
import { createWebhookEndpoint, endpointInput } from '~/modules/webhooks/endpoints.server'
import { makeOwnedWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const system = { type: 'system', reason: 'test' } as const

const firstMessage = (parsed: { success: boolean; error?: { issues: { message: string }[] } }) =>
  parsed.success ? null : parsed.error?.issues[0]?.message

describe('workspace.internal_target_days (CHECK 1 to 90)', () => {
  const form = (internalTargetDays: string) => ({
    timeZone: 'UTC',
    holidayCountry: '',
    customHolidays: '',
    internalTargetDays,
    deadlineBasis: 'statutory',
    backupRetentionDays: '90',
    closedRequestRetentionMonths: '24',
    defaultJurisdiction: 'gdpr',
  })

  it('stores 90 days and refuses 91 with the range in words', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await saveDeadlineSettings(member, deadlineSettingsInput.parse(form('90')), {})
    const { rows } = await ownerPool().query('SELECT internal_target_days FROM workspace WHERE id = $1', [workspace.id])
    expect(rows[0].internal_target_days).toBe(90)
    expect(firstMessage(deadlineSettingsInput.safeParse(form('91')))).toBe(
      'The internal target must be a whole number of days from 1 to 90, or left empty.',
    )
  })
})

describe('webhook_endpoint.url (CHECK length <= 2,000)', () => {
  // Each "é" is typed as one character and stored as six ("%C3%A9").
  const typed = (length: number, char: string) => {
    const start = 'https://hooks.example.com/'
    return start + char.repeat(length - start.length)
  }

  it('measures the address as it is stored: the longest one is kept, a shorter one that encodes longer is refused', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const tenant = { workspaceId: workspace.id, actor: system }
    const longest = typed(2000, 'a')
    const { id } = await createWebhookEndpoint(tenant, { url: longest, events: ['request.received'] }, {})
    const { rows } = await ownerPool().query('SELECT url FROM webhook_endpoint WHERE id = $1', [id])
    expect(rows[0].url).toBe(longest)

    const message = 'Keep “Endpoint URL” under 2,000 characters, counting each special character as its %-encoding.'
    const encodesLonger = typed(400, 'é')
    expect(encodesLonger.length).toBeLessThan(2000)
    await expect(createWebhookEndpoint(tenant, { url: encodesLonger, events: ['request.received'] }, {})).rejects.toThrow(message)
    expect(firstMessage(endpointInput.safeParse({ url: typed(2001, 'a'), events: ['request.received'] }))).toBe(message)
  })
})

describe('subprocessor.policy_url and subprocessor_change.policy_url (CHECK ~ \'^https://[^\\s]+$\')', () => {
  it('stores a link typed with a capitalised scheme, in the form the check reads', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const input = immediateChangeInput.parse({
      kind: 'add',
      name: 'Stripe',
      purpose: 'Payments',
      policyUrl: ' HTTPS://stripe.com/legal/dpa ',
    })
    await applyChangeNow(member, input, {})
    const { rows } = await ownerPool().query(
      `SELECT s.policy_url AS listed, c.policy_url AS changed
         FROM subprocessor s JOIN subprocessor_change c ON c.subprocessor_id = s.id
        WHERE s.workspace_id = $1`,
      [workspace.id],
    )
    expect(rows).toEqual([{ listed: 'https://stripe.com/legal/dpa', changed: 'https://stripe.com/legal/dpa' }])
  })
})

describe('trust_page_version.number (integer)', () => {
  it('answers a version number past the integer range with 400 and words, not a query error', async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    const { token } = await withPlatform((tx) => startSession(tx, owner.id))
    const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
    for (const [from, to, message] of [
      ['2147483648', '1', 'Choose the first version.'],
      ['1', '9007199254740991', 'Choose the second version.'],
    ]) {
      const path = `/w/${workspace.slug}/trust/versions?from=${from}&to=${to}`
      const answer = await callLoader(versionsLoader, { path, params: { slug: workspace.slug }, headers: { cookie } })
      expect(await answerOf(answer)).toMatchObject({ status: 400, body: message })
    }
  })
})
