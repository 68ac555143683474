// The Overview's setup checklist against real PostgreSQL: a new workspace has none of the nine
// steps done, and each step turns done through the real action that does it (the draft saved,
// the page published, a catalogue pick reviewed and added, the DPA set up, the NDA written and a
// document uploaded, the profile written, a data system added, 2FA required and set up by every
// member, the disclosure policy saved); a member hides it for themselves only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { saveDpaSettings } from '~/modules/dpa/settings.server'
import { savePolicy } from '~/modules/disclosure/policy.server'
import { addManualSystem, PROFILE_FIELDS, saveProfile, saveReplyTemplate } from '~/modules/dsar/privacy-settings.server'
import { addStockReplyTemplates } from '~/modules/dsar/stock-reply-templates.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { type ChecklistStepId, loadChecklist, setChecklistHidden } from '~/modules/overview/setup-checklist.server'
import { setRequireTwoFactor } from '~/modules/tenancy/workspace-settings.server'
import { addCandorControls, candorControlsOffer } from '~/modules/trust/candor-controls.server'
import { CANDOR_CONTROLS } from '~/modules/trust/candor-controls'
import { createDocument, saveNda, storeDocumentFile } from '~/modules/trust/documents.server'
import { applyDraftNow, proposeAdditions } from '~/modules/trust/subprocessor-changes.server'
import { catalogueVendor } from '~/modules/trust/subprocessor-catalogue'
import { loadDraft, publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { addMember, makeOwnedWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const origin = { ip: '203.0.113.7', userAgent: 'test' }

type Owned = Awaited<ReturnType<typeof makeOwnedWorkspace>>
const enrol = (userId: string) =>
  ownerPool().query('INSERT INTO user_totp (user_id, secret, confirmed_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING', [userId, 'v1.sealed'])
const acting = ({ member }: Owned) => ({ tenant: member.tenant, userId: member.user.id, workspaceName: member.workspace.name })

async function step(w: Owned, id: ChecklistStepId) {
  const checklist = await loadChecklist(w.member)
  return checklist.steps.find((s) => s.id === id)!
}

describe('a new workspace', () => {
  it('has none of the nine steps done, each with what is missing and where to do it', async () => {
    const w = await makeOwnedWorkspace()
    const checklist = await loadChecklist(w.member)
    expect(checklist).toMatchObject({ done: 0, total: 9, hidden: false })
    expect(checklist.steps.map((s) => [s.id, s.done])).toEqual([
      ['company_profile', false],
      ['trust_page', false],
      ['subprocessors', false],
      ['dpa', false],
      ['nda_documents', false],
      ['privacy_profile', false],
      ['data_systems', false],
      ['members_2fa', false],
      ['disclosure_policy', false],
    ])
    const byId = Object.fromEntries(checklist.steps.map((s) => [s.id, s]))
    expect(byId.company_profile!.status).toBe('Not written yet: the company summary and the security and privacy contact e-mail.')
    expect(byId.trust_page!.status).toBe('Not published yet.')
    expect(byId.subprocessors!.status).toBe('None listed yet.')
    expect(byId.members_2fa!.status).toBe('Two-factor authentication is not required for members of this workspace.')
    expect(byId.dpa!.href).toBe(`/w/${w.workspace.slug}/dpa`)
  })
})

describe('each step, done by its real action', () => {
  it('company profile and trust page: the draft written, Candor’s controls added, then published', async () => {
    const w = await makeOwnedWorkspace()
    await saveDraftSection(acting(w), 'overview', { headline: `Security at ${w.workspace.name}`, summary: 'We protect our customers’ data.' }, origin)
    expect((await step(w, 'company_profile')).done).toBe(false)
    await saveDraftSection(acting(w), 'contact', { email: 'security@newco.example', text: '' }, origin)
    expect(await step(w, 'company_profile')).toMatchObject({ done: true, status: 'The summary and the contact e-mail are written.' })

    const offer = await candorControlsOffer(w.member)
    expect(offer.missing).toEqual({ controls: CANDOR_CONTROLS.length, highlights: 1 })
    expect(offer.controls.find((c) => c.check?.label === '2FA required for every member')?.check).toMatchObject({ offered: false, state: 'Not yet verified' })
    const checkJobs = async () =>
      (await ownerPool().query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'trust.checks' AND data->>'workspaceId' = $1`, [w.workspace.id])).rows[0].n
    expect(await addCandorControls(w.member, origin)).toEqual({ controls: 5, highlights: 1 })
    // The highlight shows a check's state, so the checks run now rather than within the hour.
    expect(await checkJobs()).toBe(1)
    expect(await addCandorControls(w.member, origin)).toEqual({ controls: 0, highlights: 0 })
    expect(await checkJobs()).toBe(1)
    const draft = await loadDraft(acting(w))
    expect(draft.controls.map((c) => c.title)).toEqual(CANDOR_CONTROLS.map((c) => c.title))
    expect(draft.highlights).toEqual([expect.objectContaining({ check: 'audit_chain' })])
    expect(await step(w, 'trust_page')).toMatchObject({ done: false, status: 'Not published yet. The draft has 5 controls.' })

    const drafted = await candorControlsOffer(w.member)
    expect(drafted.pagePublished).toBe(false)
    expect(drafted.controls.map((c) => [c.inDraft, c.published])).toEqual(CANDOR_CONTROLS.map(() => [true, false]))
    await publishDraft(acting(w), origin)
    expect(await step(w, 'trust_page')).toMatchObject({ done: true, status: 'Version 1 is published, with 5 controls.' })
    const live = await candorControlsOffer(w.member)
    expect(live.pagePublished).toBe(true)
    expect(live.controls.every((c) => c.published)).toBe(true)
  })

  it('offers the 2FA highlight once 2FA is required, and adds only it the second time', async () => {
    const w = await makeOwnedWorkspace()
    await addCandorControls(w.member, origin)
    await enrol(w.owner.id)
    await setRequireTwoFactor(w.member, true, origin)
    expect((await candorControlsOffer(w.member)).missing).toEqual({ controls: 0, highlights: 1 })
    expect(await addCandorControls(w.member, origin)).toEqual({ controls: 0, highlights: 1 })
    expect((await loadDraft(acting(w))).highlights.map((h) => h.check)).toEqual(['audit_chain', 'two_factor'])
  })

  it('sub-processors: a catalogue pick is a draft until reviewed and added', async () => {
    const w = await makeOwnedWorkspace()
    const [aws, stripe] = await proposeAdditions(w.member, [catalogueVendor('aws')!, catalogueVendor('stripe')!], origin)
    expect(await step(w, 'subprocessors')).toMatchObject({ done: false, status: 'None listed yet. 2 suggested additions waiting for your review.' })
    await expect(proposeAdditions(w.member, [catalogueVendor('resend')!, catalogueVendor('aws')!], origin)).rejects.toThrow(
      '“Amazon Web Services” is already listed, or its addition is already proposed.',
    )
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM subprocessor_change WHERE workspace_id = $1', [w.workspace.id])
    expect(rows[0].n).toBe(2)

    await applyDraftNow(w.member, aws!.id, origin)
    expect(await step(w, 'subprocessors')).toMatchObject({ done: true, status: '1 sub-processor listed. 1 suggested addition waiting for your review.' })
    await expect(applyDraftNow(w.member, aws!.id, origin)).rejects.toThrow('This change is applied already.')
    const { rows: listed } = await ownerPool().query('SELECT name, region, policy_url FROM subprocessor WHERE workspace_id = $1', [w.workspace.id])
    expect(listed).toEqual([{ name: 'Amazon Web Services', region: catalogueVendor('aws')!.region, policy_url: catalogueVendor('aws')!.policyUrl }])
    expect(stripe!.state).toBe('draft')
  })

  it('sub-processors: a draft is not added at once while someone is subscribed', async () => {
    const w = await makeOwnedWorkspace()
    const [draft] = await proposeAdditions(w.member, [catalogueVendor('sentry')!], origin)
    await ownerPool().query(
      `INSERT INTO subprocessor_subscriber (id, workspace_id, email, public_origin, unsubscribe_token_hash, unsubscribe_token_encrypted, confirmed_at)
       VALUES (gen_random_uuid(), $1, 'ana@customer.example', 'https://trust.example', gen_random_uuid()::text, 'sealed', now())`,
      [w.workspace.id],
    )
    await expect(applyDraftNow(w.member, draft!.id, origin)).rejects.toThrow('1 subscriber is told of every change: announce this draft instead.')
    expect((await step(w, 'subprocessors')).done).toBe(false)
  })

  it('DPA: done once the legal entity and the template are saved', async () => {
    const w = await makeOwnedWorkspace()
    await saveDpaSettings(
      w.member,
      {
        legalName: 'Newco Ltd',
        address: '1 Main Street, Dublin',
        registration: 'CRO 123456',
        contactEmail: 'privacy@newco.example',
        governingLaw: 'the laws of Ireland',
        template: DEFAULT_DPA_TEMPLATE,
      },
      origin,
    )
    expect(await step(w, 'dpa')).toMatchObject({ done: true, status: 'Offered to sign, template version 1, naming Newco Ltd.' })
  })

  it('NDA and documents: done only with both an NDA and a document', async () => {
    const w = await makeOwnedWorkspace()
    await saveNda(w.member, 'The recipient keeps our reports confidential.', origin)
    expect(await step(w, 'nda_documents')).toMatchObject({ done: false, status: 'An NDA is written; no documents on the trust page.' })
    const bytes = Buffer.from(`%PDF-1.4\n% report\n${'x'.repeat(2000)}\n%%EOF\n`) as Buffer<ArrayBuffer>
    const stored = await storeDocumentFile(w.member.tenant, new File([bytes], 'soc2.pdf', { type: 'application/pdf' }))
    await createDocument(w.member, { title: 'SOC 2 Type II report', description: '', visibility: 'gated' }, stored, origin)
    expect(await step(w, 'nda_documents')).toMatchObject({ done: true, status: 'An NDA is written; 1 document on the trust page.' })
  })

  it('privacy profile and data systems: the portal’s own setup steps', async () => {
    const w = await makeOwnedWorkspace()
    const written = Object.fromEntries(Object.keys(PROFILE_FIELDS).map((field) => [field, 'Written.'])) as Record<keyof typeof PROFILE_FIELDS, string>
    await saveProfile(w.member, { ...written, transfers: '' }, origin)
    expect(await step(w, 'privacy_profile')).toMatchObject({ done: false, status: expect.stringMatching(/^1 of \d+ sections of the privacy profile are blank/) })
    await saveProfile(w.member, written, origin)
    expect((await step(w, 'privacy_profile')).done).toBe(true)

    expect((await step(w, 'data_systems')).done).toBe(false)
    await addManualSystem(w.member, { name: 'Billing', instructions: 'Delete the customer in the billing tool.' }, origin)
    expect(await step(w, 'data_systems')).toMatchObject({ done: true, status: 'Requests reach at least one of your own data systems.' })
  })

  it('members and 2FA: required, and every member has set it up', async () => {
    const w = await makeOwnedWorkspace()
    const admin = await addMember(w.workspace.id, 'admin')
    await enrol(w.owner.id)
    expect((await step(w, 'members_2fa')).done).toBe(false)
    await setRequireTwoFactor(w.member, true, origin)
    expect(await step(w, 'members_2fa')).toMatchObject({ done: false, status: 'Required, but 1 member of 2 has not set it up.' })
    await enrol(admin.userId)
    expect(await step(w, 'members_2fa')).toMatchObject({ done: true, status: 'Required; all 2 members use two-factor authentication.' })
  })

  it('disclosure policy: saved with a security contact and the policy text', async () => {
    const w = await makeOwnedWorkspace()
    const policy = { acknowledgementTarget: '48h' as const, disclosureDeadlineDays: 90, preferredLanguages: ['en'], policy: 'Report to us first.' }
    await savePolicy(w.member, { ...policy, securityContactEmail: null }, origin)
    expect(await step(w, 'disclosure_policy')).toMatchObject({ done: false, status: 'Not saved yet: it needs a security contact.' })
    await savePolicy(w.member, { ...policy, securityContactEmail: 'security@newco.example' }, origin)
    expect(await step(w, 'disclosure_policy')).toMatchObject({ done: true, status: 'Saved, with a security contact and the policy text.' })
    expect((await loadChecklist(w.member)).done).toBe(1)
  })
})

describe('hiding the checklist', () => {
  it('hides it for the member who asked only, and shows it again', async () => {
    const w = await makeOwnedWorkspace()
    const admin = await addMember(w.workspace.id, 'admin')
    const adminMember = { ...w.member, user: { ...w.member.user, id: admin.userId }, tenant: { ...w.member.tenant, actor: { type: 'user' as const, userId: admin.userId } } }
    await setChecklistHidden(w.member, true)
    expect((await loadChecklist(w.member)).hidden).toBe(true)
    expect((await loadChecklist(adminMember)).hidden).toBe(false)
    await setChecklistHidden(w.member, false)
    expect((await loadChecklist(w.member)).hidden).toBe(false)
  })
})

describe('stock reply templates', () => {
  it('are added for the request types without a template only, each audited, once', async () => {
    const w = await makeOwnedWorkspace()
    await saveReplyTemplate(w.member, { templateId: null, name: 'Our erasure answer', requestType: 'erasure', language: 'de', body: 'Hallo {{name}}.' }, origin)
    expect(await addStockReplyTemplates(w.member, origin)).toBe(6)
    expect(await addStockReplyTemplates(w.member, origin)).toBe(0)
    const { rows } = await ownerPool().query(
      `SELECT request_type::text AS type, count(*)::int AS n FROM reply_template WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
      [w.workspace.id],
    )
    expect(rows).toEqual(['access', 'erasure', 'objection', 'opt_out', 'portability', 'rectification', 'restriction'].map((type) => ({ type, n: 1 })))
    const { rows: audit } = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'reply_template.create'`, [w.workspace.id])
    expect(audit[0].n).toBe(7)
  })
})
