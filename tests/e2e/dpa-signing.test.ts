// DPA click-to-sign in a browser, without JavaScript: an admin names the legal entity and saves
// the standard template; a customer follows the link on the trust page, is told what is
// missing, is refused when the sub-processors change while they read, signs the new version,
// downloads the PDF (the signer, the hash and the exact text in it); the admin sees the
// signature and downloads it too.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { faker } from '@faker-js/faker'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { withTenant } from '~/modules/db/tenant.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { readPdf } from '../support/pdf-text'
import { newestMailTo } from '../support/requester-mail'
import { signedInWithoutScript } from '../support/sign-in'

const app = serveCandorWithBrowser({ CLIENT_IP_HEADER: 'x-forwarded-for' })
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

async function download(page: Page, linkName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()])
  return readFile((await file.path())!)
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('DPA click-to-sign', () => {
  it('takes an admin from the legal entity to a customer’s signed PDF, without JavaScript', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const system = { type: 'system', reason: 'test' } as const
    const tenant = { workspaceId: workspace.id, actor: system }
    await withTenant(tenant, (tx) => tx.subprocessor.create({ data: { workspaceId: workspace.id, name: 'Fly.io', purpose: 'Hosting', region: 'EU' } }))
    const trust = { tenant, userId: null, workspaceName: workspace.name }
    await saveDraftSection(trust, 'overview', { headline: 'Security at our company', summary: '' }, {})
    await publishDraft(trust, {})

    // The admin sets the legal entity; the standard template is filled in already.
    const { page, context } = await signedInWithoutScript(app, admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'DPA', exact: true }).click()
    await page.getByRole('heading', { name: 'Data processing agreement', level: 1 }).waitFor()
    await page.getByText('No customer has signed yet.').waitFor()
    expect(await page.getByLabel(/^Template/).inputValue()).toContain('# Data Processing Agreement')
    await page.getByLabel('Legal name').fill('Acme Analytics Ltd')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Enter your registered address.').waitFor()
    await page.getByLabel('Registered address').fill('1 High Street, London EC1A 1AA')
    await page.getByLabel('Registration').fill('Company number 01234567, registered in England and Wales')
    await page.getByLabel('Contact e-mail for this DPA').fill('privacy@acme.example')
    await page.getByLabel('Governing law').fill('the laws of England and Wales')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByLabel(/^Template \(version 1, saved/).waitFor()

    // A customer follows the link on the trust page, without JavaScript.
    const customerContext = await app.browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.50' } })
    const customer = await customerContext.newPage()
    await customer.goto(`${app.candor.url}/t/${workspace.slug}`)
    await customer.getByRole('link', { name: 'Sign our data processing agreement (DPA)' }).click()
    await customer.getByRole('heading', { name: 'Sign our data processing agreement' }).waitFor()
    await customer.getByText('and Acme Analytics Ltd, 1 High Street, London EC1A 1AA').waitFor()
    await customer.getByRole('cell', { name: 'Fly.io' }).waitFor()
    const email = faker.internet.email().toLowerCase()
    await customer.getByLabel('Your full name').fill('Zoë Łukasiewicz')
    await customer.getByLabel('Your title').fill('General Counsel')
    await customer.getByLabel('Company (full legal name)').fill('山田商事株式会社')
    await customer.getByLabel('Your work e-mail').fill(email)
    await customer.getByRole('button', { name: 'Sign the agreement' }).click()
    await customer.getByText('Confirm that you may sign for the company and accept this DPA.').waitFor()

    // While they read, a sub-processor is added: signing is refused and the new list shown.
    await withTenant(tenant, (tx) => tx.subprocessor.create({ data: { workspaceId: workspace.id, name: 'Stripe', purpose: 'Payments', region: 'US' } }))
    await customer.getByLabel('I have authority to sign for the company and accept this DPA').check()
    await customer.getByRole('button', { name: 'Sign the agreement' }).click()
    await customer.getByText('The agreement changed while you were reading it').waitFor()
    await customer.getByRole('cell', { name: 'Stripe' }).waitFor()
    expect(await customer.getByLabel('Your full name').inputValue()).toBe('Zoë Łukasiewicz')
    await customer.getByLabel('I have authority to sign for the company and accept this DPA').check()
    await customer.getByRole('button', { name: 'Sign the agreement' }).click()
    await customer.getByRole('heading', { name: 'The agreement is signed' }).waitFor()

    const { rows } = await ownerPool().query(
      'SELECT document, document_sha256, ip FROM dpa_signature WHERE workspace_id = $1',
      [workspace.id],
    )
    expect(rows).toHaveLength(1)
    const signed = rows[0]
    expect(signed.ip).toBe('203.0.113.50')
    expect(signed.document).toContain('| Stripe | Payments | — | US |')
    await customer.getByText(signed.document_sha256).waitFor()

    // The PDF: the signer (in the standard fonts' letters), the hash, and the exact text attached.
    const pdf = await readPdf(await download(customer, 'Download the signed agreement (PDF)'))
    expect(pdf.text).toContain('Zoë Lukasiewicz')
    expect(pdf.text).toContain('Company: [U+5C71][U+7530]')
    expect(pdf.text).toContain(signed.document_sha256)
    expect(pdf.text).toContain('203.0.113.50')
    const attached = pdf.attachments!['dpa.txt']!.content
    expect(sha256(attached)).toBe(signed.document_sha256)
    expect(Buffer.from(attached).toString('utf8')).toContain('Signed for the Customer by Zoë Łukasiewicz, General Counsel')

    // The e-mailed link opens the same copy.
    const mail = await newestMailTo(email, 'Your signed data processing agreement%')
    expect(mail.text).toContain(customer.url())

    // The admin sees the signature and downloads it.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/dpa`)
    await page.getByRole('cell', { name: '山田商事株式会社' }).waitFor()
    await page.getByText('Zoë Łukasiewicz, General Counsel').waitFor()
    const copy = await readPdf(await download(page, 'PDF'))
    expect(copy.text).toContain(signed.document_sha256)

    const { rows: audit } = await ownerPool().query(
      `SELECT action FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'dpa.%' ORDER BY seq`,
      [workspace.id],
    )
    expect(audit.map((a) => a.action)).toEqual(['dpa.settings_update', 'dpa.template_version_create', 'dpa.sign', 'dpa.download', 'dpa.download'])
    await customerContext.close()
    await context.close()
  })
})
