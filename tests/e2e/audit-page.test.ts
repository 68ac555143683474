// The audit log page in a browser, read the way an admin reads it: each entry a sentence (who by
// name, a former member as such, Candor's jobs by what they are, an old code in words), the
// object linked to its page, the change as before/after fields with secrets left out, full ids
// on demand; filters by person, action and object, with JavaScript and without; agents are
// refused; 50 entries a page with older ones behind a link; bad query values answer with a
// message; owners and admins download the same selection as CSV, its raw fields as before
// (quoted, formulas neutralised, the export itself audited) and viewers may not; the chain
// badge says how far the chain is verified, a full verification runs as a job when asked for,
// and the badge turns red, naming the entry, when a row is edited behind the application's back.
import { mkdir, readFile } from 'node:fs/promises'
import { faker } from '@faker-js/faker'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { AuditInput, RequestOrigin } from '~/modules/audit/record.server'
import { recordAudit } from '~/modules/audit/record.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type Actor, withTenant } from '~/modules/db/tenant.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { insertRequests } from '../support/request-rows'
import { signIn as signInAs } from '../support/sign-in'

const app = serveCandorWithBrowser()

const signIn = (context: BrowserContext, email: string) => signInAs(app.candor.url, context, email)
const system: Actor = { type: 'system', reason: 'test' }
const person = (userId: string): Actor => ({ type: 'user', userId })

/** Append entries to the workspace's chain the way the product does, in one transaction. */
async function record(workspaceId: string, actor: Actor, inputs: AuditInput[], origin?: RequestOrigin) {
  await withTenant({ workspaceId, actor }, async (tx) => {
    for (const input of inputs) await recordAudit(tx, { workspaceId, actor, origin }, input)
  })
}

/** As the database owner, bypassing the append-only trigger, the way an attacker with the
 * database would. */
async function tamper(sql: string, values: unknown[]) {
  const client = await ownerPool().connect()
  try {
    await client.query('BEGIN')
    await client.query('ALTER TABLE audit_entry DISABLE TRIGGER USER')
    await client.query(sql, values)
    await client.query('ALTER TABLE audit_entry ENABLE TRIGGER USER')
    await client.query('COMMIT')
  } finally {
    client.release()
  }
}

async function openAuditLog(page: Page, slug: string) {
  await page.goto(`${app.candor.url}/w/${slug}`)
  await page.getByRole('link', { name: 'Audit log' }).click()
  await page.getByRole('heading', { name: 'Audit log' }).waitFor()
}

const entries = (page: Page) => page.getByRole('list', { name: 'Audit log entries' }).locator(':scope > li')
const shownSeqs = (page: Page) => entries(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-seq')))
/** Each entry's sentence: who did what to which object. */
const shownSentences = (page: Page) => entries(page).locator('p:first-child').allTextContents()
const entryWith = (page: Page, text: string) => entries(page).filter({ hasText: text })

type Filters = { person?: string; action?: string; object?: string; actor?: string; from?: string; to?: string }

/**
 * Fill in the filter form and submit it, each choice by its label as a person picks it ('' for
 * "any"); resolves once the address carries the values chosen.
 */
async function filter(page: Page, fields: Filters) {
  const wanted = { person: '', action: '', object: '', actor: '', from: '', to: '', ...fields }
  const values: Record<string, string> = { from: wanted.from, to: wanted.to }
  for (const [label, name] of [['Person', 'person'], ['Action', 'action'], ['Object', 'object'], ['Who acted', 'actor']] as const) {
    const select = page.getByLabel(label, { exact: true })
    await (wanted[name] ? select.selectOption({ label: wanted[name] }) : select.selectOption(''))
    values[name] = await select.inputValue()
  }
  await page.getByLabel('From (UTC)').fill(wanted.from)
  await page.getByLabel('To (UTC)').fill(wanted.to)
  await page.getByRole('button', { name: 'Filter' }).click()
  await page.waitForURL((url) => Object.entries(values).every(([name, value]) => url.searchParams.get(name) === value))
}

const SHOTS = '/tmp/shots-audit'

/** The page (and parts of it up close) at a desktop's and a phone's width, for a person to look at. */
async function screenshots(page: Page, name: string, parts: Record<string, Locator>) {
  await mkdir(SHOTS, { recursive: true })
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true })
    for (const [part, locator] of Object.entries(parts)) await locator.screenshot({ path: `${SHOTS}/${name}-${width}-${part}.png` })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

const REFERENCE_LETTERS = '23456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A privacy request on the desk, with a reference of the portal's form; its id and reference. */
async function requestOnTheDesk(workspaceId: string) {
  const [id] = await insertRequests(workspaceId, [{ receivedAt: new Date() }])
  const reference = `R-${faker.string.fromCharacters(REFERENCE_LETTERS, 8)}`
  await ownerPool().query('UPDATE privacy_request SET reference = $2 WHERE id = $1', [id, reference])
  return { id: id!, reference }
}

/** Download the CSV through the page's link; `query` waits for the link of the filters just set. */
async function download(page: Page, query = '') {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`a[href$="audit.csv${query}"]`, { hasText: 'Download CSV' }).click(),
  ])
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') }
}

const today = () => new Date().toISOString().slice(0, 10)
const HEADER = 'seq,time_utc,actor_type,actor,actor_id,action,target_type,target_id,ip,user_agent,changes,before,after'

describe('the audit log page', () => {
  it('tells an admin in words who did what to which object, links the object, shows the change field by field and the full ids on demand', async () => {
    const { workspace, owner } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const maya = await addMember(workspace.id, 'agent')
    await ownerPool().query(`UPDATE "user" SET name = 'Maya Chen' WHERE id = $1`, [maya.userId])
    const leaver = await addMember(workspace.id, 'agent')
    const mayaMembership = (await ownerPool().query('SELECT id FROM membership WHERE user_id = $1', [maya.userId])).rows[0].id
    const request = await requestOnTheDesk(workspace.id)

    await record(workspace.id, person(maya.userId), [
      { action: 'workspace.ip_allowlist', before: { ipAllowlist: [] }, after: { ipAllowlist: ['203.0.113.0/24'] } },
    ], { ip: '198.51.100.7', userAgent: 'Firefox' })
    await record(workspace.id, { type: 'system', reason: 'dsar.export' }, [
      { action: 'request.export.create', target: { type: 'privacy_request', id: request.id }, after: { files: 3 } },
    ])
    await record(workspace.id, person(owner.id), [
      {
        action: 'member.role_change',
        target: { type: 'membership', id: mayaMembership },
        before: { email: maya.email, role: 'agent' },
        after: { email: maya.email, role: 'admin' },
      },
      { action: 'webhook_endpoint.create', after: { url: 'https://hooks.example/candor', signingSecret: 'whsec_do_not_show' } },
    ])
    await record(workspace.id, person(leaver.userId), [{ action: 'member.invite', after: { email: 'new@acme.example', role: 'agent' } }])
    await ownerPool().query('DELETE FROM membership WHERE user_id = $1', [leaver.userId])
    // An entry written under a code that no phrase knows (an old row): shown in words, not a crash.
    await record(workspace.id, system, [{ action: 'document.rename', before: { title: 'Old' }, after: { title: 'New' } }])

    const context = await app.browser.newContext()
    const page = await signIn(context, admin.email)
    await openAuditLog(page, workspace.slug)
    await page.getByText('Tamper-evident: chain verified through entry #7').waitFor()
    await expect.poll(() => shownSentences(page)).toEqual([
      'Candor (test) recorded “document: rename”',
      `A former member (${leaver.email}) invited a member`,
      `${owner.name} added a webhook endpoint`,
      `${owner.name} changed the role of Maya Chen`,
      `Candor (export builder) built the export of request ${request.reference}`,
      'Maya Chen changed the IP allowlist',
      'Candor (test) created the workspace',
    ])

    // The change as a small table: the field in words, before and after; a secret never shown.
    const allowlist = entryWith(page, 'changed the IP allowlist')
    expect(await allowlist.getByRole('row', { name: /IP allowlist/ }).textContent()).toBe('IP allowlistnone203.0.113.0/24')
    expect(await allowlist.textContent()).toContain('from 198.51.100.7')
    const webhook = entryWith(page, 'added a webhook endpoint')
    expect(await webhook.getByRole('row', { name: /Signing secret/ }).textContent()).toBe('Signing secret—secret (not recorded)')
    expect(await page.content()).not.toContain('whsec_do_not_show')

    // Full ids are folded away until asked for.
    const exported = entryWith(page, 'built the export of')
    expect(await exported.getByText(request.id).isVisible()).toBe(false)
    await exported.getByText('Full ids and raw record').click()
    await exported.getByText(`privacy_request ${request.id}`).waitFor()
    expect(await exported.getByText('request.export.create', { exact: true }).isVisible()).toBe(true)
    expect(await exported.locator('pre').textContent()).toContain('"files": 3')
    await screenshots(page, 'audit-log', { filters: page.getByRole('form', { name: 'Filter the audit log' }), entry: exported })

    // The object is a link to its page; a member's change links to the members page.
    expect(await entryWith(page, 'changed the role of').getByRole('link', { name: 'Maya Chen' }).getAttribute('href')).toBe(
      `/w/${workspace.slug}/members`,
    )
    await exported.getByRole('link', { name: `request ${request.reference}` }).click()
    await page.waitForURL(`${app.candor.url}/w/${workspace.slug}/requests/${request.reference}`)
    await page.getByRole('heading', { name: new RegExp(request.reference) }).first().waitFor()

    // A request that is gone is named, not linked (its page would answer 404).
    await ownerPool().query('DELETE FROM privacy_request WHERE id = $1', [request.id])
    await openAuditLog(page, workspace.slug)
    await entryWith(page, 'built the export of a request no longer in the workspace').waitFor()
    expect(await entryWith(page, 'built the export of').getByRole('link').count()).toBe(0)
    await context.close()
  })

  it('filters by person, action and object, with JavaScript and without, and a viewer reads but does not export', async () => {
    const { workspace, owner } = await makeWorkspace()
    const viewer = await addMember(workspace.id, 'viewer')
    const maya = await addMember(workspace.id, 'agent')
    await ownerPool().query(`UPDATE "user" SET name = 'Maya Chen' WHERE id = $1`, [maya.userId])
    const request = await requestOnTheDesk(workspace.id)
    await record(workspace.id, person(maya.userId), [
      { action: 'request.note', target: { type: 'privacy_request', id: request.id } },
      { action: 'workspace.ip_allowlist', before: { ipAllowlist: [] }, after: { ipAllowlist: ['203.0.113.0/24'] } },
    ])
    await record(workspace.id, person(owner.id), [
      { action: 'member.invite', target: { type: 'invitation', id: 'inv-1' }, after: { email: 'new@acme.example', role: 'agent' } },
      { action: 'workspace.ip_allowlist', before: { ipAllowlist: ['203.0.113.0/24'] }, after: { ipAllowlist: [] } },
    ])

    const context = await app.browser.newContext()
    const page = await signIn(context, viewer.email)
    await openAuditLog(page, workspace.slug)
    await expect.poll(() => shownSeqs(page)).toEqual(['5', '4', '3', '2', '1'])

    await filter(page, { person: `Maya Chen (${maya.email})` })
    await expect.poll(() => shownSentences(page)).toEqual([
      'Maya Chen changed the IP allowlist',
      `Maya Chen added a note to request ${request.reference}`,
    ])
    await filter(page, { action: 'Changed the IP allowlist' })
    await expect.poll(() => shownSeqs(page)).toEqual(['5', '3'])
    await filter(page, { person: `Maya Chen (${maya.email})`, action: 'Changed the IP allowlist' })
    await expect.poll(() => shownSeqs(page)).toEqual(['3'])
    await filter(page, { object: 'Privacy request' })
    await expect.poll(() => shownSeqs(page)).toEqual(['2'])
    await filter(page, { actor: 'Candor itself' })
    await expect.poll(() => shownSentences(page)).toEqual(['Candor (test) created the workspace'])
    await filter(page, { from: today(), to: today() })
    await expect.poll(() => shownSeqs(page)).toHaveLength(5)
    await filter(page, { to: '2020-01-01' })
    await page.getByText('No entries match these filters.').waitFor()
    // A prefix typed into the address still works, and the form keeps it as a choice.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/audit?action=member.`)
    await expect.poll(() => shownSeqs(page)).toEqual(['4'])
    expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('member.')
    // A viewer reads but does not export.
    expect(await page.getByRole('link', { name: 'Download CSV' }).count()).toBe(0)

    // The filters are a plain GET form: they work without JavaScript too, and so does paging.
    const noScript = await app.browser.newContext({ javaScriptEnabled: false })
    await noScript.addCookies(await context.cookies())
    const plain = await noScript.newPage()
    await plain.goto(`${app.candor.url}/w/${workspace.slug}/audit`)
    await filter(plain, { person: `Maya Chen (${maya.email})`, action: 'Changed the IP allowlist' })
    expect(await shownSentences(plain)).toEqual(['Maya Chen changed the IP allowlist'])
    await filter(plain, { object: 'Privacy request', actor: 'A member' })
    expect(await shownSeqs(plain)).toEqual(['2'])
    await Promise.all([context.close(), noScript.close()])
  })

  it('is not open to agents: no tab, and a 403 at its address', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const context = await app.browser.newContext()
    const page = await signIn(context, agent.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Members', exact: true }).waitFor()
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0)
    const refused = await page.goto(`${app.candor.url}/w/${workspace.slug}/audit`)
    expect(refused?.status()).toBe(403)
    await context.close()
  })

  it('refuses the CSV export to a viewer, and records no export', async () => {
    const { workspace } = await makeWorkspace()
    const viewer = await addMember(workspace.id, 'viewer')
    const context = await app.browser.newContext()
    const page = await signIn(context, viewer.email)
    const refused = await page.request.get(`${app.candor.url}/w/${workspace.slug}/audit.csv`)
    expect(refused.status()).toBe(403)
    const exports = await ownerPool().query(
      "SELECT 1 FROM audit_entry WHERE workspace_id = $1 AND action = 'audit.export'",
      [workspace.id],
    )
    expect(exports.rowCount).toBe(0)
    await context.close()
  })

  it('lets an admin download the entries as quoted, formula-safe CSV, with the filters, and audits each export', async () => {
    const { workspace, owner } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    await record(workspace.id, person(owner.id), [
      {
        action: 'document.rename',
        target: { type: 'document', id: '=HYPERLINK("https://evil.example"), x' },
        before: { title: 'Old' },
        after: { title: 'Policy, "v2"' },
      },
    ])
    const context = await app.browser.newContext()
    const page = await signIn(context, admin.email)
    await openAuditLog(page, workspace.slug)

    const everything = await download(page)
    expect(everything.name).toBe(`audit-${workspace.slug}-${today()}.csv`)
    const lines = everything.text.split('\r\n')
    expect(lines[0]).toBe(HEADER)
    expect(lines.at(-1)).toBe('')
    // Newest first: the export itself (recorded before the file was written), then the log.
    expect(lines.slice(1, -1).map((line) => line.split(',').slice(0, 1)[0])).toEqual(['3', '2', '1'])
    expect(lines[1]).toContain(`,user,${admin.email},${admin.userId},audit.export,workspace,${workspace.id},127.0.0.1,`)
    expect(lines[2]).toMatch(/^2,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,user,/)
    expect(lines[2]).toContain(
      `,${owner.email},${owner.id},document.rename,document,"'=HYPERLINK(""https://evil.example""), x",,,` +
        `"title: Old → Policy, ""v2""","{""title"":""Old""}","{""title"":""Policy, \\""v2\\""""}"`,
    )
    expect(lines[3]).toContain(',system,Candor (test),test,workspace.create,')

    // The same filters as the page: an action prefix typed into the address, a person chosen.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/audit?action=document.`)
    const filtered = await download(page, '?action=document.')
    expect(filtered.text.split('\r\n').slice(1, -1)).toEqual([lines[2]])
    await filter(page, { person: `${owner.name} (${owner.email})` })
    const theirs = await download(page, `?person=${owner.id}`)
    expect(theirs.text.split('\r\n').slice(1, -1)).toEqual([lines[2]])

    const exports = await ownerPool().query(
      "SELECT actor_id, after, ip FROM audit_entry WHERE workspace_id = $1 AND action = 'audit.export' ORDER BY seq",
      [workspace.id],
    )
    expect(exports.rows).toEqual([
      { actor_id: admin.userId, after: {}, ip: '127.0.0.1' },
      { actor_id: admin.userId, after: { action: 'document.' }, ip: '127.0.0.1' },
      { actor_id: admin.userId, after: { person: owner.id }, ip: '127.0.0.1' },
    ])
    await context.close()
  })

  it('shows 50 entries a page, newest first, with the older ones behind a link that keeps the filters', async () => {
    const { workspace } = await makeWorkspace()
    const viewer = await addMember(workspace.id, 'viewer')
    await record(
      workspace.id,
      system,
      Array.from({ length: 60 }, (_, i) => ({ action: `test.step_${i + 1}` })),
    )
    const context = await app.browser.newContext()
    const page = await signIn(context, viewer.email)
    await openAuditLog(page, workspace.slug)
    await page.getByText('Tamper-evident: chain verified through entry #61').waitFor()
    const seqs = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => String(from - i))
    await expect.poll(() => shownSeqs(page)).toEqual(seqs(61, 12))
    expect(await page.getByRole('link', { name: 'Newest entries' }).count()).toBe(0)

    await page.getByRole('link', { name: 'Older entries' }).click()
    await page.waitForURL((url) => url.searchParams.get('before') === '12')
    await expect.poll(() => shownSeqs(page)).toEqual(seqs(11, 1))
    expect(await page.getByRole('link', { name: 'Older entries' }).count()).toBe(0)
    await page.getByRole('link', { name: 'Newest entries' }).click()
    await page.waitForURL((url) => !url.searchParams.has('before'))
    await expect.poll(() => shownSeqs(page)).toHaveLength(50)

    await page.goto(`${app.candor.url}/w/${workspace.slug}/audit?action=test.`)
    await page.locator('a[href$="?action=test.&before=12"]', { hasText: 'Older entries' }).click()
    await page.waitForURL((url) => url.searchParams.get('before') === '12' && url.searchParams.get('action') === 'test.')
    await expect.poll(() => shownSeqs(page)).toEqual(seqs(11, 2))
    await context.close()
  })

  it('answers a bad page, date, actor, person, object, action or range with a message, not an error', async () => {
    const { workspace, owner } = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(context, owner.email)
    const cases = [
      ['before=abc', 'must be an entry number'],
      ['before=0', 'must be an entry number'],
      ['from=2026-02-30', 'is not a day of the calendar'],
      ['to=tomorrow', 'must be a day written as YYYY-MM-DD'],
      ['actor=robot', 'Choose who acted'],
      ['from=2026-11-02&to=2026-11-01', 'must not be after'],
      ['before=99999999999999999999', 'must be an entry number'],
      ['person=not-a-person', 'Choose a person from the list.'],
      // Control characters are refused before any page sees them.
      ['person=%00', 'contains a control character'],
      ['object=DROP%20TABLE', 'Choose a kind of object from the list'],
      [`object=${'x'.repeat(5000)}`, 'The object type is too long.'],
      ['action=member.%00invite', 'contains a control character'],
      ['action=%E2%80%AEmember.invite', 'An action looks like member.invite'],
      [`action=${'a'.repeat(5000)}`, 'The action is too long.'],
    ]
    for (const [query, message] of cases) {
      const response = await page.goto(`${app.candor.url}/w/${workspace.slug}/audit?${query}`)
      expect(response?.status(), query).toBe(400)
      await page.getByText(message!).waitFor()
    }
    const csv = await page.request.get(`${app.candor.url}/w/${workspace.slug}/audit.csv?from=2026-13-01`)
    expect(csv.status()).toBe(400)
    expect(await csv.text()).toContain('is not a day of the calendar')
    const badPerson = await page.request.get(`${app.candor.url}/w/${workspace.slug}/audit.csv?person=1%20OR%201=1`)
    expect(badPerson.status()).toBe(400)
    expect(await badPerson.text()).toContain('Choose a person from the list.')
    await context.close()
  })

  it('says how far the chain is verified, verifies it whole on request, and turns red, naming the entry, when a row is edited directly in the database', async () => {
    const { workspace, owner } = await makeWorkspace()
    const viewer = await addMember(workspace.id, 'viewer')
    await record(workspace.id, person(owner.id), [
      { action: 'member.role_change', before: { role: 'agent' }, after: { role: 'viewer' } },
      { action: 'member.remove', before: { role: 'viewer' } },
    ])
    const context = await app.browser.newContext()
    const page = await signIn(context, viewer.email)
    await openAuditLog(page, workspace.slug)
    // No checkpoint yet: the page walks the chain from its first entry.
    await page.getByText('Tamper-evident: chain verified through entry #3').waitFor()
    await page.getByText('3 entries verified just now, from the first.').waitFor()
    await page.getByText('Last full verification: never.').waitFor()

    // The viewer asks for a full verification; a job walks the chain and the page shows it,
    // with the checkpoint it left (the request itself is entry #4).
    await page.getByRole('button', { name: 'Verify the whole chain' }).click()
    await page.getByText(/^A full verification was asked for at .* UTC; it runs in the background/).waitFor()
    await expect
      .poll(async () => {
        await page.reload()
        return page.getByText(/^Last full verification: .* UTC, entries #1–#4 intact\.$/).count()
      })
      .toBe(1)
    await page.getByText(/^Entries #1–#4 were verified by .* UTC \(the last checkpoint\); none was added since/).waitFor()

    // An entry before the checkpoint, edited: a page load checks only what is newer (as it says),
    // the full verification finds it, and from then on the badge is red.
    await tamper(`UPDATE audit_entry SET after = '{"role":"owner"}' WHERE workspace_id = $1 AND seq = 2`, [workspace.id])
    await page.reload()
    await page.getByText('Tamper-evident: chain verified through entry #4').waitFor()
    await page.getByRole('button', { name: 'Verify the whole chain' }).click()
    await expect
      .poll(async () => {
        await page.reload()
        return page
          .getByRole('alert')
          .getByText(/^Broken at entry #2: its content was changed after it was written \(hash differs\).*\(found by the full verification of .* UTC\)$/)
          .count()
      })
      .toBe(1)
    expect(await page.getByText('Tamper-evident').count()).toBe(0)

    // The checkpointed entry itself is checked on every load.
    await tamper(`UPDATE audit_entry SET after = '{"forged":true}' WHERE workspace_id = $1 AND seq = 4`, [workspace.id])
    await page.reload()
    await page.getByRole('alert').getByText(/^Broken at entry #4: the entry verified at the last checkpoint was changed/).waitFor()
    await context.close()
  })
})
