// The pre-publish checklist, computed from a real workspace's records: each kind of problem is
// caught (an empty page, a failing or never-run check in the highlights, a DPA promised but not
// set up, gated documents without an NDA, a portal without a privacy profile) and goes away once
// fixed; a publish needs a confirmation that covers exactly the warnings shown; publishing
// nothing new says so; the last publish says which sections it added, changed or emptied. The
// public page leaves out what is empty and links only to what works.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { sha256Hex } from '~/modules/dpa/settings.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { runTrustChecks } from '~/modules/trust/checks.server'
import { trustPageResponse } from '~/modules/trust/public-page.server'
import { TrustPageError, loadPublishState, publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { action as trustAction } from '~/routes/dashboard/trust'
import { makeWorkspace } from '../support/factories'
import { cookieOf } from '../support/incidents'
import { answerOf, callAction } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const system = { type: 'system', reason: 'test' } as const

async function newWorkspace() {
  const { workspace, owner } = await makeWorkspace()
  const tenant = { workspaceId: workspace.id, actor: { type: 'user', userId: owner.id } as const }
  const acting = { tenant, userId: owner.id, workspaceName: workspace.name }
  const state = () => loadPublishState(acting, workspace)
  const item = async (id: string) => (await state()).review.checklist.items.find((i) => i.id === id)
  const inTenant = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ workspaceId: workspace.id, actor: system }, work)
  return { workspace, acting, state, item, inTenant }
}

const publicHtml = async (slug: string) => {
  const response = await trustPageResponse(new Request(`http://candor.test/t/${slug}`), slug)
  expect(response.status).toBe(200)
  return response.text()
}

describe('the pre-publish checklist', () => {
  it('warns that a blank page has no overview, no contact and no sub-processors, and leaves the empty sections out', async () => {
    const { state } = await newWorkspace()
    const { review, sameAsVersion, lastPublish } = await state()
    const warnings = review.checklist.items.filter((i) => i.tone === 'warn').map((i) => i.id)
    expect(warnings).toEqual(['empty:overview', 'empty:contact', 'empty:subprocessors', 'link:portal'])
    expect(review.checklist.shown).toEqual(['Privacy rights', 'Vulnerability disclosure'])
    const others = review.checklist.items.find((i) => i.id === 'empty:others')!
    expect(others.text).toBe('Left out because empty: Highlights, Data residency, Controls, Certifications and roadmap, FAQ and Last reviewed.')
    expect(review.checklist.items.find((i) => i.id === 'empty:standard')?.text).toBe(
      'Your privacy rights and Vulnerability disclosure have no text of your own: the page shows only its standard sentence and link.',
    )
    expect(sameAsVersion).toBeNull()
    expect(lastPublish).toBeNull()
  })

  it('warns about a never-run and then a failing check in the highlights, with where to fix it, until it passes', async () => {
    const { workspace, acting, item, inTenant } = await newWorkspace()
    await saveDraftSection(acting, 'highlights', [{ title: '2FA everywhere', body: 'Every member.', check: 'two_factor' }], {})
    expect((await item('check:two_factor'))?.text).toBe(
      'The highlight “2FA everywhere” and the page’s summary at the top show “2FA required for every member” as not yet verified. The check has never run for this workspace (publishing queues it).',
    )
    await runTrustChecks(workspace.id)
    const failing = await item('check:two_factor')
    expect(failing?.tone).toBe('warn')
    expect(failing?.text).toContain('as failing. The check fails now.')
    expect(failing?.fix).toEqual({ href: `/w/${workspace.slug}/members?twoFactor=off`, label: 'See who has not set up 2FA' })

    // A passing result (as the hourly job stores one when 2FA is required and set up) clears the warning.
    await inTenant((tx) => tx.trustCheckResult.updateMany({ where: { check: 'two_factor' }, data: { passed: true, passedAt: new Date(), checkedAt: new Date() } }))
    expect(await item('check:two_factor')).toBeUndefined()
  })

  it('holds back FAQ answers about a DPA that is not set up, warns about other mentions, and notes the offer once it is', async () => {
    const { workspace, acting, item, inTenant } = await newWorkspace()
    await saveDraftSection(acting, 'overview', { headline: 'Security at Newco', summary: 'Every customer can sign our DPA.' }, {})
    await saveDraftSection(acting, 'faq', [{ question: 'Can we sign a DPA?', answer: 'Yes, online.' }, { question: 'Do you sell data?', answer: 'No.' }], {})
    expect(await item('held:dpa-faq')).toMatchObject({
      tone: 'warn',
      text: 'The question “Can we sign a DPA?” speaks of a DPA, but none is set up: it is left out of the page until it is.',
      fix: { href: `/w/${workspace.slug}/dpa`, label: 'Set up the DPA' },
    })
    expect((await item('link:dpa'))?.text).toBe('The overview mentions a DPA, but none is set up: the page cannot link to one, and visitors would find nothing to sign.')
    await publishDraft(acting, {})
    const before = await publicHtml(workspace.slug)
    expect(before).not.toContain('Can we sign a DPA?')
    expect(before).toContain('Do you sell data?')
    expect(before).not.toContain(`/t/${workspace.slug}/dpa`)

    await inTenant(async (tx) => {
      await tx.dpaSettings.create({ data: { workspaceId: workspace.id, legalName: 'Acme Ltd', address: '1 High St', contactEmail: 'dpa@acme.example', governingLaw: 'the laws of Ireland' } })
      await tx.dpaTemplateVersion.create({ data: { id: randomUUID(), workspaceId: workspace.id, number: 1, body: DEFAULT_DPA_TEMPLATE, bodySha256: sha256Hex(DEFAULT_DPA_TEMPLATE) } })
    })
    expect(await item('held:dpa-faq')).toBeUndefined()
    expect(await item('link:dpa')).toMatchObject({ tone: 'note', text: 'The page offers your DPA to sign online.' })
    const after = await publicHtml(workspace.slug)
    expect(after).toContain('Can we sign a DPA?')
    expect(after).toContain(`href="/t/${workspace.slug}/dpa"`)
  })

  it('warns that gated documents cannot be requested without an NDA, and the public page says how to ask instead', async () => {
    const { workspace, acting, item, inTenant } = await newWorkspace()
    await saveDraftSection(acting, 'contact', { email: 'security@newco.example', text: '' }, {})
    await inTenant((tx) =>
      tx.trustDocument.create({
        data: { workspaceId: workspace.id, title: 'SOC 2 report', visibility: 'gated', fileName: 'soc2.pdf', contentType: 'application/pdf', bytes: 1n, sha256: 'a'.repeat(64), object: {} },
      }),
    )
    expect((await item('link:nda'))?.text).toBe(
      'A gated document cannot be requested: no NDA is written. The page marks it “On request” and says to write to security@newco.example instead of offering “Request access”.',
    )
    await publishDraft(acting, {})
    const without = await publicHtml(workspace.slug)
    expect(without).not.toContain('Request access')
    expect(without).toContain('Ask for a copy by e-mail')
    expect(without).toContain('mailto:security@newco.example?subject=')

    await inTenant((tx) => tx.trustNdaVersion.create({ data: { workspaceId: workspace.id, number: 1, text: '## Mutual confidentiality', sha256: 'b'.repeat(64) } }))
    expect(await item('link:nda')).toBeUndefined()
    // The NDA moved the page's stamp: the cached page is rendered again, now with the request link.
    const withNda = await publicHtml(workspace.slug)
    expect(withNda).toContain('Request access')
    expect(withNda).not.toContain('Ask for a copy by e-mail')
  })

  it('warns that the portal has no privacy profile until it is written', async () => {
    const { workspace, item, inTenant } = await newWorkspace()
    expect((await item('link:portal'))?.text).toBe(
      'The page links to your privacy portal, which accepts requests, but the privacy profile is not written yet. Access answers cannot yet say why and how data is used.',
    )
    const written = 'Written.'
    await inTenant((tx) =>
      tx.privacyProfile.create({
        data: { workspaceId: workspace.id, controller: written, purposes: written, dataCategories: written, retention: written, sources: written, automatedDecisions: written, transfers: written, supervisoryAuthority: written, contact: written },
      }),
    )
    expect(await item('link:portal')).toBeUndefined()
  })
})

describe('publishing through the checklist', () => {
  it('needs a confirmation of the warnings shown, refuses a stale one, says when nothing changed and what a publish changed', async () => {
    const { workspace, acting, state, inTenant } = await newWorkspace()
    await saveDraftSection(acting, 'overview', { headline: 'Security at Newco', summary: 'We encrypt.' }, {})
    const first = await state()
    const review = (token: string, confirmed: boolean) => ({ review: { workspace, token, confirmed } })

    await expect(publishDraft(acting, {}, review(first.review.token, false))).rejects.toThrow('The checklist has 3 warnings: fix them, or confirm that you publish the page as it is.')
    // Something changed after the page was read: the confirmation does not cover it.
    await inTenant((tx) => tx.subprocessor.create({ data: { workspaceId: workspace.id, name: 'AWS', purpose: 'Hosting' } }))
    await expect(publishDraft(acting, {}, review(first.review.token, true))).rejects.toThrow(TrustPageError)
    const second = await state()
    expect(second.review.token).not.toBe(first.review.token)
    await publishDraft(acting, {}, review(second.review.token, true))

    const published = await state()
    const { rows: audit } = await ownerPool().query(`SELECT after FROM audit_entry WHERE workspace_id = $1 AND action = 'trust.publish'`, [workspace.id])
    expect(audit).toEqual([{ after: { version: 1, sha256: expect.any(String), confirmedWarnings: ['empty:contact', 'link:portal'] } }])
    expect(published.sameAsVersion).toBe(1)
    expect(published.lastPublish).toEqual({ number: 1, added: ['Overview'], changed: [], removed: [] })
    await expect(publishDraft(acting, {}, review(published.review.token, true))).rejects.toThrow(
      'Nothing changed since the published version (version 1): there is nothing to publish.',
    )

    await saveDraftSection(acting, 'overview', { headline: 'Security at Newco', summary: '' }, {})
    await saveDraftSection(acting, 'contact', { email: 'security@newco.example', text: '' }, {})
    await saveDraftSection(acting, 'faq', [{ question: 'Do you sell data?', answer: 'No.' }], {})
    await saveDraftSection(acting, 'overview', { headline: 'Security at Newco, checked', summary: '' }, {})
    await publishDraft(acting, {}, review((await state()).review.token, true))
    expect((await state()).lastPublish).toEqual({ number: 2, added: ['FAQ', 'Contact'], changed: [], removed: ['Overview'] })

    // The public page: no empty Overview, a Contact, the sub-processor, and no "0 controls".
    const html = await publicHtml(workspace.slug)
    expect(html).not.toContain('id="overview"')
    expect(html).toContain('id="contact"')
    expect(html).toContain('id="subprocessors"')
    expect(html).not.toMatch(/>Controls<\/dt>/)
  })

  it('refuses a publish form it did not send, in plain words, and publishes nothing', async () => {
    const { workspace, owner } = await makeWorkspace()
    const post = async (form: Record<string, string> | FormData) =>
      answerOf(await callAction(trustAction, { path: `/w/${workspace.slug}/trust`, params: { slug: workspace.slug }, form, headers: { cookie: await cookieOf(owner.id) } }))
    const multipart = new FormData()
    multipart.set('intent', 'publish')
    multipart.set('review', 'abc')
    multipart.set('confirm', new File(['yes'], 'yes.txt'))
    const cases: [Record<string, string> | FormData, number, string][] = [
      [{ intent: 'publish' }, 400, 'Reload the page: the publish form is incomplete.'],
      [{ intent: 'publish', review: 'x'.repeat(5000) }, 400, 'Reload the page: the publish form is not one this page sent.'],
      [{ intent: 'publish', review: 'Robert"); DROP TABLE' }, 400, 'Reload the page: the publish form is not one this page sent.'],
      [{ intent: 'publish', review: 'abc', confirm: '1e308' }, 400, 'Tick the box to confirm, or leave it empty.'],
      [multipart, 400, 'Tick the box to confirm, or leave it empty.'],
      [{ intent: 'save', 'overview.headline': 'x' }, 400, 'Choose what to do: publish the draft.'],
      [{ intent: 'publish', review: 'abc', confirm: 'yes' }, 409, 'The draft or what the page links to changed since you opened this page: read the checklist again, then publish.'],
    ]
    for (const [form, status, error] of cases) {
      const answer = await post(form)
      expect(answer.status).toBe(status)
      expect((answer.body as { error: string }).error).toBe(error)
    }
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM trust_page_version WHERE workspace_id = $1', [workspace.id])
    expect(rows[0].n).toBe(0)
  })
})
