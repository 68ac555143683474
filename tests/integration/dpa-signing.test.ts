// DPA click-to-sign against real PostgreSQL: settings and template versions (a changed text is a
// new version, audited); signing freezes the exact text (legal entity, today's sub-processors,
// the signer's fields) with its SHA-256, time, IP, user agent and signer, e-mails the signer a
// link and writes the audit entry in the same transaction; a DPA that changed since the page
// was shown is refused and nothing is written; the rate limits; the PDF opens by the link only
// in its own workspace; and rows are insert only for the app.
import { createHash } from 'node:crypto'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { type DpaPdf, pdfByToken } from '~/modules/dpa/downloads.server'
import { settingsInput, signInput } from '~/modules/dpa/forms'
import { saveDpaSettings } from '~/modules/dpa/settings.server'
import { type SignedDpa, signatureByToken } from '~/modules/dpa/signer-links.server'
import { SIGN_LIMITS, publicOffer, signDpa } from '~/modules/dpa/signing.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { makeOwnedWorkspace, makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const APP = 'https://candor.example'

async function offeringWorkspace(template = DEFAULT_DPA_TEMPLATE) {
  const { workspace, member } = await makeOwnedWorkspace()
  const settings = settingsInput.parse({
    legalName: 'Acme Analytics Ltd',
    address: '1 High Street, London EC1A 1AA',
    registration: 'Company number 01234567, registered in England and Wales',
    contactEmail: `privacy-${workspace.slug}@acme.example`,
    governingLaw: 'the laws of England and Wales',
    template,
  })
  await saveDpaSettings(member, settings, { ip: '198.51.100.1' })
  await withTenant(member.tenant, (tx) =>
    tx.subprocessor.create({ data: { workspaceId: workspace.id, name: 'Fly.io', purpose: 'Hosting', dataCategories: 'All customer data', region: 'EU' } }),
  )
  return { workspace, member, settings }
}

const offerOf = async (slug: string) => (await publicOffer(slug, APP))!.offer!

function signer(offer: string, overrides: Record<string, string> = {}) {
  return signInput.parse({
    signerName: 'Zoë Łukasiewicz',
    signerTitle: 'General Counsel',
    companyName: 'Example GmbH',
    companyAddress: 'Hauptstraße 1, 10115 Berlin',
    signerEmail: faker.internet.email().toLowerCase(),
    authority: 'yes',
    offer,
    ...overrides,
  })
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

describe('DPA settings', () => {
  it('keeps each changed template as a new version, audited, and an unchanged one as it was', async () => {
    const { member, settings, workspace } = await offeringWorkspace()
    await saveDpaSettings(member, { ...settings, legalName: 'Acme Analytics Limited' }, {})
    await saveDpaSettings(member, { ...settings, template: `${settings.template}\n\nAn extra clause.` }, {})
    const { rows: versions } = await ownerPool().query(
      'SELECT number, body_sha256 FROM dpa_template_version WHERE workspace_id = $1 ORDER BY number',
      [workspace.id],
    )
    expect(versions).toEqual([
      { number: 1, body_sha256: sha256(settings.template) },
      { number: 2, body_sha256: sha256(`${settings.template}\n\nAn extra clause.`) },
    ])
    const { rows: audit } = await ownerPool().query(
      `SELECT action, after FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'dpa.%' ORDER BY seq`,
      [workspace.id],
    )
    expect(audit.map((a) => a.action)).toEqual([
      'dpa.settings_update',
      'dpa.template_version_create',
      'dpa.settings_update',
      'dpa.settings_update',
      'dpa.template_version_create',
    ])
    expect(audit[2].after).toMatchObject({ legalName: 'Acme Analytics Limited' })
  })

  it('refuses a template with unknown placeholders, in plain words', () => {
    const parsed = settingsInput.safeParse({
      legalName: 'A',
      address: 'B',
      registration: 'C',
      contactEmail: 'a@b.example',
      governingLaw: 'D',
      template: '# DPA\n{{processor.name}} {{process.env.KEK}}',
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((i) => i.message)).toEqual(['Unknown placeholder: {{process.env.KEK}}.'])
  })
})

describe('signing a DPA', () => {
  it('freezes the filled text with its hash, time, IP, user agent and signer, e-mails the link and audits, in one transaction', async () => {
    const { workspace, settings } = await offeringWorkspace()
    const offer = await offerOf(workspace.slug)
    const input = signer(offer.sha256)
    const at = new Date('2026-11-26T10:00:00Z')
    const result = await signDpa(workspace.slug, input, { ip: '203.0.113.9', userAgent: 'Firefox/140', appOrigin: APP }, at)
    expect(result.outcome).toBe('signed')
    const token = (result as { token: string }).token

    const { rows } = await ownerPool().query(
      `SELECT s.*, s.xmin::text AS tx, v.number FROM dpa_signature s JOIN dpa_template_version v ON v.id = s.template_version_id
        WHERE s.workspace_id = $1`,
      [workspace.id],
    )
    expect(rows).toHaveLength(1)
    const row = rows[0]
    expect(row).toMatchObject({
      signer_name: 'Zoë Łukasiewicz',
      signer_title: 'General Counsel',
      company_name: 'Example GmbH',
      signer_email: input.signerEmail,
      ip: '203.0.113.9',
      user_agent: 'Firefox/140',
      offer_sha256: offer.sha256,
      number: 1,
    })
    expect(row.signed_at.toISOString()).toBe(at.toISOString())
    expect(row.document_sha256).toBe(sha256(row.document))
    const link = await ownerPool().query('SELECT token_hash, expires_at FROM dpa_signature_link WHERE signature_id = $1', [row.id])
    expect(link.rows).toEqual([{ token_hash: sha256(token), expires_at: new Date(at.getTime() + 30 * 86_400_000) }])
    expect(row.document).toContain('made on 2026-11-26 between Example GmbH (the "Customer", the controller) and Acme Analytics Ltd')
    expect(row.document).toContain('| Fly.io | Hosting | All customer data | EU |')
    expect(row.document).toContain(`${APP}/t/${workspace.slug}/subprocessors/changes`)
    expect(row.document).toContain('Signed for the Customer by Zoë Łukasiewicz, General Counsel')

    const mail = await newestMailTo(input.signerEmail, 'Your signed data processing agreement%')
    expect(mail.text).toContain(`${APP}/t/${workspace.slug}/dpa/signed/${token}`)
    expect(mail.text).toContain(row.document_sha256)
    await newestMailTo(settings.contactEmail, 'A customer signed your DPA%')

    const { rows: audit } = await ownerPool().query(
      `SELECT actor_type, actor_id, target_id, ip, after, xmin::text AS tx FROM audit_entry WHERE workspace_id = $1 AND action = 'dpa.sign'`,
      [workspace.id],
    )
    expect(audit).toEqual([
      {
        actor_type: 'system',
        actor_id: 'dpa_signer',
        target_id: row.id,
        ip: '203.0.113.9',
        after: { templateVersion: 1, documentSha256: row.document_sha256, signedAt: at.toISOString() },
        tx: row.tx,
      },
    ])
  })

  it('refuses a DPA whose sub-processors changed since the page was shown, and writes nothing', async () => {
    const { workspace, member } = await offeringWorkspace()
    const shown = await offerOf(workspace.slug)
    await withTenant(member.tenant, (tx) => tx.subprocessor.create({ data: { workspaceId: workspace.id, name: 'Stripe', purpose: 'Payments' } }))
    const input = signer(shown.sha256)
    const result = await signDpa(workspace.slug, input, { ip: faker.internet.ipv4(), appOrigin: APP })
    expect(result).toEqual({ outcome: 'stale' })
    const { rows } = await ownerPool().query(
      `SELECT (SELECT count(*)::int FROM dpa_signature WHERE workspace_id = $1) AS signatures,
              (SELECT count(*)::int FROM email_message WHERE "to" = $2) AS mails,
              (SELECT count(*)::int FROM audit_entry WHERE workspace_id = $1 AND action = 'dpa.sign') AS entries`,
      [workspace.id, input.signerEmail],
    )
    expect(rows[0]).toEqual({ signatures: 0, mails: 0, entries: 0 })
    // The new offer lists Stripe and signs.
    const fresh = await offerOf(workspace.slug)
    expect(fresh.sha256).not.toBe(shown.sha256)
    expect(JSON.stringify(fresh.blocks)).toContain('Stripe')
    expect((await signDpa(workspace.slug, signer(fresh.sha256), { ip: faker.internet.ipv4(), appOrigin: APP })).outcome).toBe('signed')
  })

  it('refuses a DPA whose template changed since the page was shown, and signs the new version', async () => {
    const { workspace, member, settings } = await offeringWorkspace()
    const shown = await offerOf(workspace.slug)
    await saveDpaSettings(member, { ...settings, template: `${settings.template}\n\n## 14. Extra\n\nAn extra clause.` }, {})
    expect((await signDpa(workspace.slug, signer(shown.sha256), { ip: faker.internet.ipv4(), appOrigin: APP })).outcome).toBe('stale')
    const fresh = await offerOf(workspace.slug)
    expect(fresh.templateVersion.number).toBe(2)
    const signed = await signDpa(workspace.slug, signer(fresh.sha256), { ip: faker.internet.ipv4(), appOrigin: APP })
    const row = (await withPublicWorkspace(workspace.slug, (tx) => signatureByToken(tx, (signed as { token: string }).token))) as SignedDpa
    expect(row.templateVersion.number).toBe(2)
    expect(row.document).toContain('An extra clause.')
  })

  it('is not offered until the legal entity is saved', async () => {
    const { workspace } = await makeWorkspace()
    expect((await publicOffer(workspace.slug, APP))!.offer).toBeNull()
    expect(await signDpa(workspace.slug, signer('0'.repeat(64)), { ip: faker.internet.ipv4(), appOrigin: APP })).toEqual({ outcome: 'not_offered' })
  })

  it('limits signatures per address', async () => {
    const { workspace } = await offeringWorkspace()
    const offer = await offerOf(workspace.slug)
    const ip = faker.internet.ipv4()
    const outcomes: string[] = []
    for (let i = 0; i <= SIGN_LIMITS.perIp.limit; i++) {
      outcomes.push((await signDpa(workspace.slug, signer(offer.sha256), { ip, appOrigin: APP })).outcome)
    }
    expect(outcomes.filter((o) => o === 'signed')).toHaveLength(SIGN_LIMITS.perIp.limit)
    expect(outcomes.at(-1)).toBe('rate_limited')
  })

  it("opens the PDF by its link only in the signature's own workspace, and audits each download", async () => {
    const { workspace } = await offeringWorkspace()
    const other = await offeringWorkspace()
    const offer = await offerOf(workspace.slug)
    const signed = await signDpa(workspace.slug, signer(offer.sha256), { ip: faker.internet.ipv4(), appOrigin: APP })
    const token = (signed as { token: string }).token
    const pdf = (await pdfByToken(workspace.slug, token, { ip: '192.0.2.1' })) as DpaPdf
    expect(pdf!.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf!.filename).toBe(`dpa-example-gmbh-${new Date().toISOString().slice(0, 10)}.pdf`)
    expect(await pdfByToken(other.workspace.slug, token, {})).toBeNull()
    expect(await pdfByToken(workspace.slug, 'x'.repeat(43), {})).toBeNull()
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'dpa.download'`, [workspace.id])
    expect(rows[0].n).toBe(1)
  })

  it('keeps template versions and signatures insert only for the application', async () => {
    const { member } = await offeringWorkspace()
    await expect(withTenant(member.tenant, (tx) => tx.dpaTemplateVersion.updateMany({ data: { body: '# Changed' } }))).rejects.toThrow(/permission denied/)
    await expect(withTenant(member.tenant, (tx) => tx.dpaSignature.deleteMany({}))).rejects.toThrow(/permission denied/)
  })
})
