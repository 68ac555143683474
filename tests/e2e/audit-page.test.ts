// The audit log page in a browser: a viewer reads the entries (who by e-mail, the change field by
// field) and filters them; agents are refused; 50 entries a page with older ones behind a link;
// bad query values answer with a message; owners and admins download the same selection as CSV
// (quoted, formulas neutralised, the export itself audited) and viewers may not; the chain
// badge says how far the chain is verified, a full verification runs as a job when asked for,
// and the badge turns red, naming the entry, when a row is edited behind the application's back.
import { readFile } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { AuditInput, RequestOrigin } from '~/modules/audit/record.server'
import { recordAudit } from '~/modules/audit/record.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type Actor, withTenant } from '~/modules/db/tenant.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
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

const column = (page: Page, n: number) => page.locator(`tbody tr td:nth-child(${n})`).allTextContents()
const shownSeqs = (page: Page) => column(page, 1)
const shownActions = (page: Page) => column(page, 4)

type Filters = { action?: string; actor?: string; from?: string; to?: string }

/** Fill in the filter form and submit it; resolves once the page shows the filtered entries. */
async function filter(page: Page, fields: Filters) {
  const wanted = { action: '', actor: '', from: '', to: '', ...fields }
  await page.getByLabel('Action').fill(wanted.action)
  await page.getByLabel('Who acted').selectOption(wanted.actor)
  await page.getByLabel('From (UTC)').fill(wanted.from)
  await page.getByLabel('To (UTC)').fill(wanted.to)
  await page.getByRole('button', { name: 'Filter' }).click()
  await page.waitForURL((url) =>
    Object.entries(wanted).every(([name, value]) => url.searchParams.get(name) === value),
  )
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
  it('shows a viewer the entries newest first, who did what from where, the change readable, and filters them', async () => {
    const { workspace, owner } = await makeWorkspace()
    const viewer = await addMember(workspace.id, 'viewer')
    await record(
      workspace.id,
      person(owner.id),
      [
        {
          action: 'member.invite',
          target: { type: 'invitation', id: 'inv-1' },
          after: { email: 'new@acme.example', role: 'agent' },
        },
        {
          action: 'member.role_change',
          target: { type: 'membership', id: 'm-1' },
          before: { role: 'agent' },
          after: { role: 'admin' },
        },
      ],
      { ip: '198.51.100.7', userAgent: 'Firefox' },
    )
    await record(workspace.id, system, [
      { action: 'workspace.require_2fa', before: { requireTwoFactor: false }, after: { requireTwoFactor: true } },
    ])

    const context = await app.browser.newContext()
    const page = await signIn(context, viewer.email)
    await openAuditLog(page, workspace.slug)
    await page.getByText('Tamper-evident: chain verified through entry #4').waitFor()
    await expect.poll(() => shownActions(page)).toEqual([
      'workspace.require_2fa',
      'member.role_change',
      'member.invite',
      'workspace.create',
    ])
    const roleChange = await page.locator('tbody tr', { hasText: 'member.role_change' }).textContent()
    for (const text of [owner.email, 'membership m-1', '198.51.100.7', 'role: agent → admin']) {
      expect(roleChange).toContain(text)
    }
    expect(await page.locator('tbody tr', { hasText: 'member.invite' }).textContent()).toContain('email: new@acme.example')
    expect(await page.locator('tbody tr', { hasText: 'workspace.require_2fa' }).textContent()).toContain(
      'requireTwoFactor: false → true',
    )

    await filter(page, { action: 'member.' })
    await expect.poll(() => shownActions(page)).toEqual(['member.role_change', 'member.invite'])
    await filter(page, { action: 'member.invite' })
    await expect.poll(() => shownActions(page)).toEqual(['member.invite'])
    await filter(page, { actor: 'system' })
    await expect.poll(() => shownActions(page)).toEqual(['workspace.require_2fa', 'workspace.create'])
    await filter(page, { from: today(), to: today() })
    await expect.poll(() => shownActions(page)).toHaveLength(4)
    await filter(page, { to: '2020-01-01' })
    await page.getByText('No entries match these filters.').waitFor()
    // A viewer reads but does not export.
    expect(await page.getByRole('link', { name: 'Download CSV' }).count()).toBe(0)

    // The filters are a plain GET form: they work without JavaScript too.
    const noScript = await app.browser.newContext({ javaScriptEnabled: false })
    await noScript.addCookies(await context.cookies())
    const plain = await noScript.newPage()
    await plain.goto(`${app.candor.url}/w/${workspace.slug}/audit`)
    await filter(plain, { action: 'member.', actor: 'user' })
    expect(await shownActions(plain)).toEqual(['member.role_change', 'member.invite'])
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

    await filter(page, { action: 'document.' })
    const filtered = await download(page, '?action=document.')
    expect(filtered.text.split('\r\n').slice(1, -1)).toEqual([lines[2]])

    const exports = await ownerPool().query(
      "SELECT actor_id, after, ip FROM audit_entry WHERE workspace_id = $1 AND action = 'audit.export' ORDER BY seq",
      [workspace.id],
    )
    expect(exports.rows).toEqual([
      { actor_id: admin.userId, after: {}, ip: '127.0.0.1' },
      { actor_id: admin.userId, after: { action: 'document.' }, ip: '127.0.0.1' },
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

    await filter(page, { action: 'test.' })
    await page.locator('a[href$="?action=test.&before=12"]', { hasText: 'Older entries' }).click()
    await page.waitForURL((url) => url.searchParams.get('before') === '12' && url.searchParams.get('action') === 'test.')
    await expect.poll(() => shownSeqs(page)).toEqual(seqs(11, 2))
    await context.close()
  })

  it('answers a bad page, date, actor or range with a message, not an error', async () => {
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
    ]
    for (const [query, message] of cases) {
      const response = await page.goto(`${app.candor.url}/w/${workspace.slug}/audit?${query}`)
      expect(response?.status(), query).toBe(400)
      await page.getByText(message!).waitFor()
    }
    const csv = await page.request.get(`${app.candor.url}/w/${workspace.slug}/audit.csv?from=2026-13-01`)
    expect(csv.status()).toBe(400)
    expect(await csv.text()).toContain('is not a day of the calendar')
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
