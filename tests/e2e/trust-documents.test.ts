// Trust-page documents in a browser, without JavaScript: an admin writes the NDA, lists a domain
// approved at once and uploads a gated PDF larger than the usual body limit (a file that only
// claims to be a PDF is refused in words); a visitor finds it on the trust page, must accept the
// NDA, asks for it; the admin is e-mailed, follows the e-mail's link and approves; the visitor
// reads the link in the dev mailbox and downloads the exact bytes; a visitor from the listed
// domain gets a link at once; an expired link gets a page that says so.
import { createHash, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { signedInWithoutScript, signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
// Publishing the page from this process enqueues its checks.
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const NDA = '## Mutual confidentiality\n\nThe recipient keeps the report to itself and its **advisers**.'
const TITLE = 'SOC 2 Type II report'

/** The access link in the newest e-mail with `subject` to `email`, as the dev mailbox shows it. */
async function linkFromMailbox(page: Page, email: string, subject: string): Promise<string> {
  return eventually(
    async () => {
      await page.goto(`${app.candor.url}/dev/mailbox`)
      const articles = page.getByRole('article', { name: subject })
      for (const text of await articles.allTextContents()) {
        if (!text.includes(`To ${email}`)) continue
        const link = /(http:\/\/\S+\/documents\/access\/[A-Za-z0-9_-]{43})/.exec(text)?.[1]
        if (link) return link
      }
      return undefined
    },
    { what: `the access link e-mailed to ${email}`, timeoutMs: 30_000 },
  )
}

async function request(visitor: Page, slug: string, who: { name: string; email: string; company: string }) {
  await visitor.goto(`${app.candor.url}/t/${slug}`)
  await visitor.getByRole('heading', { name: 'Documents' }).waitFor()
  await visitor.getByRole('link', { name: 'Request access' }).click()
  await visitor.getByRole('heading', { name: `Request “${TITLE}”` }).waitFor()
  await visitor.getByLabel('Your name').fill(who.name)
  await visitor.getByLabel('Work e-mail').fill(who.email)
  await visitor.getByLabel('Company', { exact: true }).fill(who.company)
  await visitor.getByLabel('I have read the agreement above and accept it on behalf of my company.').check()
  await visitor.getByRole('button', { name: 'Request the document' }).click()
  await visitor.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
}

/** A multipart POST that declares `length` bytes and sends none: what the server answers first. */
function declare(path: string, length: number): Promise<{ status?: number; body: string }> {
  const url = new URL(path, app.candor.url)
  return new Promise((resolve, reject) => {
    const request = http.request(
      { method: 'POST', host: url.hostname, port: url.port, path: url.pathname, headers: { origin: app.candor.url, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(length) } },
      (response) => {
        let body = ''
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode, body }))
      },
    )
    request.on('error', reject)
    request.flushHeaders()
  })
}

async function download(page: Page, link: string): Promise<Buffer> {
  await page.goto(link)
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download/ }).click()])
  return readFile((await file.path())!)
}

describe('trust-page documents', () => {
  it('take a gated PDF from upload to an NDA-backed request, an approval and a download of the exact bytes', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const trust = { tenant: { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } as const }, userId: null, workspaceName: workspace.name }
    await saveDraftSection(trust, 'overview', { headline: 'Security at a glance', summary: 'We keep your data safe.' }, {})
    await publishDraft(trust, {})
    // Larger than the 1 MB body limit of every other form.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1_500_000), Buffer.from('\n%%EOF\n')])

    // The admin writes the NDA, lists a customer's domain, and uploads the report.
    const { page: admin$ } = await signedInWithoutScript(app, admin.email)
    await admin$.goto(`${app.candor.url}/w/${workspace.slug}`)
    await admin$.getByRole('link', { name: 'Documents', exact: true }).click()
    await admin$.getByRole('heading', { name: 'Documents', level: 1 }).waitFor()
    await admin$.getByLabel('Agreement text').fill(NDA)
    await admin$.getByRole('button', { name: 'Save the agreement' }).click()
    await admin$.getByText('Version 1').waitFor()
    await admin$.getByLabel('Domains approved at once').fill('gmail.com')
    await admin$.getByRole('button', { name: 'Save', exact: true }).click()
    await admin$.getByText('gmail.com is a personal e-mail provider').waitFor()
    await admin$.getByLabel('Domains approved at once').fill('partner.test')
    await admin$.getByLabel('Access links work for (days)').fill('7')
    await admin$.getByRole('button', { name: 'Save', exact: true }).click()
    await admin$.waitForURL(/#settings$/)

    await admin$.getByLabel('Title').fill(TITLE)
    await admin$.getByLabel('Visibility').selectOption('gated')
    await admin$.getByLabel('File').setInputFiles({ name: 'soc2.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') })
    await admin$.getByRole('button', { name: 'Upload' }).click()
    expect(await admin$.locator('#file-error').textContent()).toBe('This file is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file (judged by its content, not its name).')
    expect(await admin$.getByLabel('Title').inputValue()).toBe(TITLE)
    // Over 25 MB (within what the server lets an upload declare): refused in words by the parser.
    const tooLarge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(25 * 1024 * 1024 + 1000)])
    await admin$.getByLabel('File').setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: tooLarge })
    await admin$.getByRole('button', { name: 'Upload' }).click()
    expect(await admin$.locator('#file-error').textContent()).toBe('The file is larger than 25.0 MB, the most a document may be.')
    await admin$.getByLabel('Title').fill(TITLE)
    await admin$.getByLabel('File').setInputFiles({ name: 'soc2-2026.pdf', mimeType: 'application/pdf', buffer: bytes })
    await admin$.getByRole('button', { name: 'Upload' }).click()
    await admin$.getByTestId('document').getByText(TITLE).waitFor()
    await admin$.getByTestId('document').getByText(`SHA-256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`).waitFor()

    // A visitor finds it on the trust page and must accept the NDA to ask for it.
    const visitorContext = await app.browser.newContext({ javaScriptEnabled: false })
    const visitor = await visitorContext.newPage()
    await visitor.goto(`${app.candor.url}/t/${workspace.slug}`)
    await visitor.getByRole('link', { name: 'Request access' }).click()
    // The NDA's Markdown is rendered (a heading, bold), never shown raw.
    const nda = visitor.getByTestId('nda-text')
    expect(await nda.getByRole('heading', { name: 'Mutual confidentiality' }).count()).toBe(1)
    expect(await nda.locator('strong', { hasText: 'advisers' }).count()).toBe(1)
    expect(await nda.textContent()).not.toContain('##')
    await visitor.getByLabel('Your name').fill('Ada Auditor')
    await visitor.getByLabel('Work e-mail').fill('ada@gmail.com')
    await visitor.getByLabel('Company', { exact: true }).fill('Big Bank')
    await visitor.getByRole('button', { name: 'Request the document' }).click()
    await visitor.getByText('Use your work e-mail address, not a personal one').waitFor()
    await visitor.getByText('Accept the agreement to ask for the document.').waitFor()
    await request(visitor, workspace.slug, { name: 'Ada Auditor', email: 'ada@bigbank.test', company: 'Big Bank' })
    await visitor.getByText('You will get an e-mail with a download link once it is approved.').waitFor()
    const { rows } = await ownerPool().query('SELECT state, nda_sha256, ip FROM trust_document_request WHERE email = $1', ['ada@bigbank.test'])
    expect(rows).toEqual([{ state: 'pending', nda_sha256: createHash('sha256').update(NDA).digest('hex'), ip: expect.any(String) }])

    // The admin is e-mailed that it waits, follows the e-mail's link and approves it; the visitor
    // reads their link in the mailbox and downloads the report.
    const notice = await eventually(
      async () => {
        await admin$.goto(`${app.candor.url}/dev/mailbox`)
        const texts = await admin$.getByRole('article', { name: `${workspace.name}: new request for “${TITLE}”` }).allTextContents()
        return texts.find((text) => text.includes(`To ${admin.email}`))
      },
      { what: `the notice e-mailed to ${admin.email}`, timeoutMs: 30_000 },
    )
    expect(notice).toContain(`Someone from Big Bank asks for “${TITLE}”.`)
    const documentsLink = /(http:\/\/\S+\/w\/[^/\s]+\/documents)\b/.exec(notice)![1]!
    expect(documentsLink).toBe(`${app.candor.url}/w/${workspace.slug}/documents`)
    await admin$.goto(documentsLink)
    const inbox = admin$.getByTestId('access-request').filter({ hasText: 'ada@bigbank.test' })
    await inbox.getByText('Waiting for you').waitFor()
    await inbox.getByRole('button', { name: "Approve Ada Auditor's request" }).click()
    await admin$.getByTestId('access-request').filter({ hasText: 'ada@bigbank.test' }).getByText('Approved').waitFor()
    const link = await linkFromMailbox(visitor, 'ada@bigbank.test', `${workspace.name}: your link to “${TITLE}”`)
    const received = await download(visitor, link)
    expect(received.equals(bytes)).toBe(true)
    await admin$.reload()
    await admin$.getByTestId('access-request').filter({ hasText: 'ada@bigbank.test' }).getByText('1 download').waitFor()

    // Someone at the listed domain gets a link at once, to that address.
    await request(visitor, workspace.slug, { name: 'Bo Partner', email: 'bo@partner.test', company: 'Partner' })
    await visitor.getByText('is approved: we have e-mailed you a download link').waitFor()
    const partnerLink = await linkFromMailbox(visitor, 'bo@partner.test', `${workspace.name}: your link to “${TITLE}”`)
    expect((await download(visitor, partnerLink)).equals(bytes)).toBe(true)

    // Past its day, the link says so instead of serving the file.
    await ownerPool().query("UPDATE trust_document_request SET access_expires_at = now() - interval '1 second' WHERE email = 'bo@partner.test'")
    const expired = await visitor.goto(partnerLink)
    expect(expired?.status()).toBe(410)
    await visitor.getByRole('heading', { name: 'This link has expired.' }).waitFor()
    await visitor.getByRole('link', { name: 'Ask for the document again' }).waitFor()
    const directly = await fetch(`${partnerLink}/download`)
    expect(directly.status).toBe(410)

    // Every download is in the audit log, with the requester as actor.
    const audit = await ownerPool().query(
      "SELECT actor_id FROM audit_entry WHERE workspace_id = $1 AND action = 'trust_document.download' ORDER BY seq",
      [workspace.id],
    )
    expect(audit.rows).toEqual([{ actor_id: 'document requester' }, { actor_id: 'document requester' }])
    await visitorContext.close()
  })

  it('let only a document upload declare more than the usual body limit, and refuse more than 26 MB in words', async () => {
    const { workspace } = await makeWorkspace()
    const upload = await declare(`/w/${workspace.slug}/documents`, 30 * 1024 * 1024)
    expect(upload.status).toBe(413)
    expect(upload.body).toContain('Documents may be at most 25.0 MB')
    const other = await declare(`/w/${workspace.slug}/requests`, 2 * 1024 * 1024)
    expect(other.status).toBe(413)
    expect(other.body).toContain('The request is larger than 1024 KB')
  })

  it('upload with JavaScript too, and a public document downloads from the trust page, audited with the address', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const trust = { tenant: { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } as const }, userId: null, workspaceName: workspace.name }
    await saveDraftSection(trust, 'overview', { headline: 'Security at a glance', summary: 'Public policies.' }, {})
    await publishDraft(trust, {})
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1_200_000)])

    // With JavaScript the form posts through React Router's fetch (…/documents.data).
    const context = await app.browser.newContext()
    const page = await signIn(app.candor.url, context, admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/documents`, { waitUntil: 'networkidle' })
    await page.getByLabel('Title').fill('Information security policy')
    await page.getByLabel('Visibility').selectOption('public')
    await page.getByLabel('File').setInputFiles({ name: 'policy.pdf', mimeType: 'application/pdf', buffer: bytes })
    await page.getByRole('button', { name: 'Upload' }).click()
    await page.getByTestId('document').getByText('Information security policy').waitFor()
    await context.close()

    const visitorContext = await app.browser.newContext({ javaScriptEnabled: false })
    const visitor = await visitorContext.newPage()
    await visitor.goto(`${app.candor.url}/t/${workspace.slug}`)
    await visitor.getByRole('heading', { name: 'Information security policy' }).waitFor()
    const [file] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: 'Download' }).click()])
    expect(file.suggestedFilename()).toBe('policy.pdf')
    expect((await readFile((await file.path())!)).equals(bytes)).toBe(true)
    const { rows } = await ownerPool().query(
      "SELECT actor_id, ip FROM audit_entry WHERE workspace_id = $1 AND action = 'trust_document.download'",
      [workspace.id],
    )
    expect(rows).toEqual([{ actor_id: 'trust page visitor', ip: expect.any(String) }])
    await visitorContext.close()
  })
})
