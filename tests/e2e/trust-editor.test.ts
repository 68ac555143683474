// The trust editor, one section at a time, in a browser: the overview lists the sections with
// their state; a section's page shows its form beside a preview drawn with the public page's own
// components, which follows the typing (a field error instead of a broken preview); saving stays
// on the section and says the draft is saved, not published; leaving with edits asks "Leave
// without saving?" (Stay keeps them, Leave drops them), a reload asks through beforeunload, and
// nothing asks once saved. Lists add, remove and move items in the page with JavaScript (no
// request), and without it through the server, which hands the submitted rows back unsaved; a
// bad operation is refused with a message. Screenshots at 1280 and 390 px go to /tmp/shots-editor/.
import { mkdir } from 'node:fs/promises'
import type { BrowserContext, Cookie, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
const SHOTS = '/tmp/shots-editor'
const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }

// One owner signed in once for the file; each test opens its own context with the session.
let slug = ''
let workspaceId = ''
let cookies: Cookie[] = []
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true })
  const { workspace, owner } = await makeWorkspace()
  slug = workspace.slug
  workspaceId = workspace.id
  const context = await app.browser.newContext()
  await signIn(app.candor.url, context, owner.email)
  cookies = await context.cookies()
  await context.close()
})
const contexts: BrowserContext[] = []
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()))
})

async function open(path: string, options: { javaScriptEnabled?: boolean; viewport?: typeof DESKTOP } = {}): Promise<Page> {
  const context = await app.browser.newContext({ viewport: options.viewport ?? DESKTOP, javaScriptEnabled: options.javaScriptEnabled ?? true })
  contexts.push(context)
  await context.addCookies(cookies)
  const page = await context.newPage()
  await page.goto(`${app.candor.url}/w/${slug}/trust${path}`)
  return page
}

/** The draft as stored. */
async function draft(): Promise<Record<string, unknown>> {
  const { rows } = await ownerPool().query('SELECT content FROM trust_page_draft WHERE workspace_id = $1', [workspaceId])
  return rows[0]?.content ?? {}
}

const valuesOf = (page: Page, label: string) => page.getByLabel(label, { exact: true }).evaluateAll((fields) => fields.map((f) => (f as HTMLInputElement).value))
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
const preview = (page: Page) => page.frameLocator('[data-testid="preview"]')
/** Wait until React runs the section page (its buttons then act in the page): the preview's caption says it follows the edits. */
const hydrated = (page: Page) => page.waitForFunction(() => document.querySelector('[data-testid="preview-caption"]')?.textContent?.includes('It follows your edits'))

describe('the trust editor', () => {
  it('lets a viewer read a section without offering what a viewer cannot do', async () => {
    const viewer = await addMember(workspaceId, 'viewer')
    const context = await app.browser.newContext({ viewport: DESKTOP })
    contexts.push(context)
    const page = await signIn(app.candor.url, context, viewer.email)
    await page.goto(`${app.candor.url}/w/${slug}/trust/highlights`)
    await page.getByRole('heading', { level: 1, name: 'Highlights' }).waitFor()
    await page.waitForFunction(() => document.querySelector('[data-testid="form-state"]')?.textContent?.includes('Your role can read'))
    expect(await page.getByTestId('preview-caption').textContent()).toBe('Preview of the saved draft.')
    expect(await page.getByRole('button', { name: /^(Save|Add|Move|Remove)/ }).count()).toBe(0)
    expect(await page.getByText('dropped when you save').count()).toBe(0)
  })

  it('keeps the preview a preview: its links go nowhere, and it runs no script', async () => {
    const page = await open('/rights')
    await hydrated(page)
    const frame = page.locator('[data-testid="preview"]')
    expect(await frame.getAttribute('sandbox')).toBe('allow-same-origin')
    await preview(page).getByRole('link', { name: 'Make a privacy request' }).click()
    await preview(page).getByRole('link', { name: 'Make a privacy request' }).waitFor()
    expect(await frame.evaluate((element) => (element as HTMLIFrameElement).contentWindow?.location.href)).toBe('about:srcdoc')
  })

  it('lists the sections with their state and edits one beside a live preview, saved to the draft and not published', { timeout: 120_000 }, async () => {
    const page = await open('')
    const overviewRow = page.locator('[data-section="overview"]')
    expect(await overviewRow.textContent()).toContain('Empty')
    await page.screenshot({ path: `${SHOTS}/overview-1280.png`, fullPage: true })
    await page.getByRole('link', { name: 'Edit Overview' }).click()
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    await hydrated(page)

    await page.getByLabel('Summary (Markdown)').fill('We **encrypt** every backup.')
    await preview(page).locator('strong', { hasText: 'encrypt' }).waitFor()
    expect(await page.getByTestId('preview-caption').textContent()).toBe('Live preview of your edits: not saved yet.')
    expect(await page.getByTestId('form-state').textContent()).toBe('Unsaved changes')

    // An invalid value shows the field's message; the preview keeps the last valid headline.
    await page.getByLabel('Headline').fill('')
    await page.getByText('Enter a headline.').waitFor()
    expect(await preview(page).getByRole('heading', { level: 1 }).textContent()).toMatch(/^Security and privacy at /)
    await page.getByLabel('Headline').fill('Security you can check')
    await preview(page).getByRole('heading', { level: 1, name: 'Security you can check' }).waitFor()
    expect(await page.getByText('Enter a headline.').count()).toBe(0)
    await page.screenshot({ path: `${SHOTS}/section-1280.png`, fullPage: true })

    await page.getByRole('button', { name: 'Save overview' }).click()
    await page.getByTestId('saved').waitFor()
    expect(await page.getByTestId('saved').textContent()).toContain('Saved to the draft. Nothing is published yet')
    // The form is drawn afresh: the focus goes to what the save did, not to the page's start.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('saved')
    expect(new URL(page.url()).pathname).toBe(`/w/${slug}/trust/overview`)
    expect((await draft()).overview).toEqual({ headline: 'Security you can check', summary: 'We **encrypt** every backup.' })
    expect(await page.getByTestId('preview-caption').textContent()).toContain('Preview of the saved draft')

    await page.getByRole('link', { name: 'Trust page', exact: true }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Trust page' }).waitFor()
    expect(await page.locator('[data-section="overview"]').textContent()).toContain('Has content')

    const phone = await open('/overview', { viewport: PHONE })
    await phone.screenshot({ path: `${SHOTS}/section-390.png`, fullPage: true })
    const overviewPhone = await open('', { viewport: PHONE })
    await overviewPhone.screenshot({ path: `${SHOTS}/overview-390.png`, fullPage: true })
  })

  it('asks before leaving with unsaved edits: Stay keeps them, Leave drops them; not after saving; a reload asks too', { timeout: 120_000 }, async () => {
    const page = await open('/contact')
    await hydrated(page)
    // Nothing changed: the next section opens without a question.
    await page.getByRole('link', { name: /Next: Last reviewed/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Last reviewed' }).waitFor()
    await page.goBack()
    await page.getByRole('heading', { level: 1, name: 'Contact' }).waitFor()
    await hydrated(page)

    const email = page.getByLabel('Security contact e-mail')
    await email.fill('security@newco.example')
    await page.getByRole('link', { name: 'Trust page', exact: true }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' })
    await dialog.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay')
    await page.screenshot({ path: `${SHOTS}/guard-1280.png` })
    await dialog.getByRole('button', { name: 'Stay' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(new URL(page.url()).pathname).toBe(`/w/${slug}/trust/contact`)
    expect(await email.inputValue()).toBe('security@newco.example')

    await page.getByRole('link', { name: 'Trust page', exact: true }).first().click()
    await dialog.getByRole('button', { name: 'Leave' }).click()
    await page.getByRole('heading', { level: 1, name: 'Trust page' }).waitFor()
    await page.goto(`${app.candor.url}/w/${slug}/trust/contact`)
    await hydrated(page)
    expect(await email.inputValue()).toBe('')
    expect(((await draft()).contact as { email: string } | undefined)?.email ?? '').toBe('')

    // A reload with edits asks through the browser's own prompt; accepted, the edits are gone.
    await email.fill('security@newco.example')
    await page.getByTestId('form-state').getByText('Unsaved changes').waitFor()
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => (resolve(d.type()), void d.accept())))
    await page.reload()
    expect(await asked).toBe('beforeunload')
    await hydrated(page)
    expect(await email.inputValue()).toBe('')

    // Saved: leaving asks nothing.
    await email.fill('security@newco.example')
    await page.getByRole('button', { name: 'Save contact' }).click()
    await page.getByTestId('saved').waitFor()
    await page.getByRole('link', { name: 'Trust page', exact: true }).first().click()
    await page.getByRole('heading', { level: 1, name: 'Trust page' }).waitFor()
    expect(await dialog.count()).toBe(0)
    expect((await draft()).contact).toMatchObject({ email: 'security@newco.example' })
  })

  it('adds, removes and moves items in the page with JavaScript, without a request, and saves them in that order', { timeout: 120_000 }, async () => {
    const page = await open('/highlights')
    await hydrated(page)
    const posts: string[] = []
    page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())))
    expect(await page.getByText('No highlights yet.').count()).toBe(1)

    for (const title of ['Encrypted at rest', 'Audit log', 'Passwordless sign-in']) {
      await page.getByRole('button', { name: 'Add a highlight' }).click()
      const last = (await page.getByLabel('Title', { exact: true }).count()) - 1
      expect(await focusedId(page)).toBe(`highlights.title.${last}`)
      await page.getByLabel('Title', { exact: true }).nth(last).fill(title)
    }
    await page.getByRole('button', { name: 'Move highlight 3 up' }).click()
    expect(await valuesOf(page, 'Title')).toEqual(['Encrypted at rest', 'Passwordless sign-in', 'Audit log'])
    expect(await focusedId(page)).toBe('highlights.up.1')
    await page.getByRole('button', { name: 'Move highlight 1 down' }).click()
    expect(await valuesOf(page, 'Title')).toEqual(['Passwordless sign-in', 'Encrypted at rest', 'Audit log'])
    await page.getByRole('button', { name: 'Remove highlight 2' }).click()
    expect(await valuesOf(page, 'Title')).toEqual(['Passwordless sign-in', 'Audit log'])
    expect(await page.getByRole('group', { name: 'Highlight 2' }).count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Move highlight 1 up' }).isDisabled()).toBe(true)
    // An item left empty is dropped on save, as the page says.
    await page.getByRole('button', { name: 'Add a highlight' }).click()
    await eventually(async () => (await preview(page).locator('h3').allTextContents()).join('|') === 'Passwordless sign-in|Audit log', { timeoutMs: 5000, intervalMs: 100, what: 'the preview in the new order' })
    expect(await page.getByTestId('form-state').textContent()).toBe('Unsaved changes')
    expect(posts).toEqual([])
    await page.screenshot({ path: `${SHOTS}/list-1280.png`, fullPage: true })

    await page.getByRole('button', { name: 'Save highlights' }).click()
    await page.getByTestId('saved').waitFor()
    expect(((await draft()).highlights as { title: string }[]).map((h) => h.title)).toEqual(['Passwordless sign-in', 'Audit log'])
    expect(await valuesOf(page, 'Title')).toEqual(['Passwordless sign-in', 'Audit log'])
  })

  it('adds, moves and removes items without JavaScript through the server, keeping what was typed, saved only with Save', { timeout: 120_000 }, async () => {
    const page = await open('/faq', { javaScriptEnabled: false })
    expect(await page.getByTestId('preview-caption').textContent()).toBe('Preview of the saved draft.')
    expect(await page.getByText('Leave without saving?').isVisible()).toBe(false)
    const typed = [
      ['Where is data stored?', 'In the EU.'],
      ['Do you sign DPAs?', 'Yes.'],
      ['Is there a bug bounty?', 'Not yet.'],
    ]
    for (const [i, [question, answer]] of typed.entries()) {
      await page.getByRole('button', { name: 'Add a question' }).click()
      await page.getByText('Not saved yet: fill in the new question and press Save to keep it.').waitFor()
      await page.getByLabel('Question', { exact: true }).nth(i).fill(question!)
      await page.getByLabel('Answer (Markdown)').nth(i).fill(answer!)
    }
    await page.getByRole('button', { name: 'Move question 3 up' }).click()
    await page.getByText('Not saved yet: press Save to keep this order.').waitFor()
    expect(await valuesOf(page, 'Question')).toEqual(['Where is data stored?', 'Is there a bug bounty?', 'Do you sign DPAs?'])
    expect(await valuesOf(page, 'Answer (Markdown)')).toEqual(['In the EU.', 'Not yet.', 'Yes.'])
    await page.getByRole('button', { name: 'Remove question 1' }).click()
    await page.getByText('Not saved yet: press Save to keep question 1 removed.').waitFor()
    expect(await valuesOf(page, 'Question')).toEqual(['Is there a bug bounty?', 'Do you sign DPAs?'])
    expect((await draft()).faq ?? []).toEqual([])
    await page.screenshot({ path: `${SHOTS}/list-no-script-1280.png`, fullPage: true })

    await page.getByRole('button', { name: 'Save FAQ' }).click()
    await page.getByTestId('saved').waitFor()
    expect((await draft()).faq).toEqual([
      { question: 'Is there a bug bounty?', answer: 'Not yet.' },
      { question: 'Do you sign DPAs?', answer: 'Yes.' },
    ])
    // The preview shows what visitors would read: the question about a DPA waits for a DPA, and it says so.
    const shown = preview(page)
    await shown.getByText('Is there a bug bounty?').waitFor()
    expect(await shown.getByText('Do you sign DPAs?').count()).toBe(0)
    expect(await shown.getByText('One question speaks of a DPA: the page holds it back until a DPA is set up.').count()).toBe(1)
  })

  it('refuses a list operation outside the list with a message, and answers 404 for a section that does not exist', async () => {
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const post = (body: Record<string, string>) =>
      fetch(`${app.candor.url}/w/${slug}/trust/faq`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: app.candor.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      })
    const rows = { 'faq.rows': '2', 'faq.question.0': 'Q1', 'faq.answer.0': 'A1', 'faq.question.1': 'Q2', 'faq.answer.1': 'A2' }
    const outside = await post({ ...rows, op: 'down:9' })
    expect(outside.status).toBe(400)
    expect(await outside.text()).toContain('There is no question 10: the list has 2 items.')
    const first = await post({ ...rows, op: 'up:0' })
    expect(first.status).toBe(400)
    expect(await first.text()).toContain('Question 1 is already first: it cannot move up.')
    const unknown = await post({ ...rows, op: 'shuffle' })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('That list operation is not one this page offers.')

    const page = await open('/nonsense', { javaScriptEnabled: false })
    await page.getByText('The trust page has no such section.').waitFor()
    expect((await fetch(`${app.candor.url}/w/${slug}/trust/nonsense`, { headers: { cookie } })).status).toBe(404)
  })
})
