// The support inbox in a browser, without JavaScript: an agent filters the queue, opens a
// request, assigns it, replies from a template, asks for identity information (the requester is
// e-mailed and the request waits), extends it with a reason (e-mailed, new date shown), adds a
// note, rejects another request on a legal ground (the e-mail names the supervisory authority)
// and completes a third; a manual checklist task is marked done with a note. A viewer reads the
// same page without any form and is refused when posting. Bad filters answer 400 with a
// message; a request that is not the workspace's is a 404. An admin sets up deadlines, the
// privacy profile, data systems and reply templates. When the requester answers, the team is
// e-mailed and the queue marks the request "New reply" until the agent opens it. Ticked requests
// are assigned together, or closed as duplicates of another request.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'
import { fileOnPortal } from '../support/requests'
import { openStatusPage } from '../support/requester-status'
import { signedInWithoutScript } from '../support/sign-in'

// Each filing on the portal comes from its own address (fileOnPortal sends one), so this file's
// requests stay under the portal's limit of 10 an hour per address.
const app = serveCandorWithBrowser({ CLIENT_IP_HEADER: 'x-forwarded-for' })

/** Sign in (the sign-in page uses no script either way), then browse with JavaScript off. */
async function requestId(reference: string): Promise<string> {
  const { rows } = await ownerPool().query('SELECT id FROM privacy_request WHERE reference = $1', [reference])
  return rows[0].id
}

async function auditActions(workspaceId: string): Promise<string[]> {
  const { rows } = await ownerPool().query('SELECT action FROM audit_entry WHERE workspace_id = $1 ORDER BY seq', [workspaceId])
  return rows.map((row) => row.action)
}

// The reference is the one link of each row (the first cell holds the row's box for members who work requests).
const shownReferences = (page: Page) => page.locator('tbody tr td a').allTextContents()

/** Submit the queue's filter form with these fields (the others as they are). */
async function filter(page: Page, fields: { state?: string; type?: string; assignee?: string; dueWithin?: string }) {
  if (fields.state !== undefined) await page.getByLabel('State').selectOption(fields.state)
  if (fields.type !== undefined) await page.getByLabel('Type').selectOption(fields.type)
  if (fields.assignee !== undefined) await page.getByLabel('Assignee').selectOption(fields.assignee)
  if (fields.dueWithin !== undefined) await page.getByLabel('Due within (days)').fill(fields.dueWithin)
  await page.getByRole('button', { name: 'Filter' }).click()
  await page.waitForURL((url) => url.pathname.endsWith('/requests') && url.search !== '')
}

describe('the support inbox', () => {
  it('lets an agent filter the queue, then assign, reply to, ask about, extend and note a request', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      tx.replyTemplate.create({
        data: {
          workspaceId: workspace.id,
          name: 'We are on it',
          language: 'en',
          body: 'Dear {{name}}, {{company}} is working on {{reference}} ({{request_type}}) and will answer by {{due_date}}.',
        },
      }),
    )
    const correction = await fileOnPortal(app.candor.url, workspace.slug, { type: 'rectification', jurisdiction: 'gdpr' })
    const objection = await fileOnPortal(app.candor.url, workspace.slug, { type: 'objection', jurisdiction: 'gdpr' })
    const optOut = await fileOnPortal(app.candor.url, workspace.slug, { type: 'opt_out', jurisdiction: 'ccpa' })

    const { page, context } = await signedInWithoutScript(app, agent.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Requests' }).click()
    await page.getByRole('heading', { name: 'Requests' }).waitFor()
    // Soonest deadline first: the CCPA opt-out is due within 15 business days, the others in a month.
    // (The two GDPR requests share a date: the one received first comes first.)
    expect(await shownReferences(page)).toEqual([optOut.reference, correction.reference, objection.reference])
    expect(await page.locator('tbody').textContent()).toContain(correction.email)
    expect(await page.getByText('On track').count()).toBe(3)

    await filter(page, { type: 'rectification' })
    expect(await shownReferences(page)).toEqual([correction.reference])
    await filter(page, { type: '', assignee: 'me' })
    await page.getByText('No requests match these filters.').waitFor()
    await filter(page, { assignee: '', dueWithin: '25' })
    expect(await shownReferences(page)).toEqual([optOut.reference])
    await page.getByRole('link', { name: 'Clear' }).click()

    // The request itself.
    await page.getByRole('link', { name: correction.reference }).click()
    await page.getByRole('heading', { name: `Request ${correction.reference}` }).waitFor()
    for (const text of ['Correct my data', 'European Union (GDPR)', correction.subjectName, correction.email, 'Statutory deadline']) {
      await page.getByText(text).first().waitFor()
    }
    await page.getByText('Request filed').first().waitFor()
    await page.getByText('E-mail confirmed: request received').first().waitFor()
    const firstDue = await page.getByTestId('due-date').textContent()

    await page.getByLabel('Assignee').selectOption({ label: agent.email })
    await page.getByRole('button', { name: 'Assign', exact: true }).click()
    await page.getByText(`Assigned to ${agent.email}.`).first().waitFor()
    // The panel says what happened, checked against the request (it is the agent's own request now).
    expect(await page.getByTestId('action-outcome').textContent()).toBe('Assigned to you.')
    expect(new URL(page.url()).hash).toBe('#actions')
    expect(await page.getByRole('button', { name: 'Assign to me' }).count()).toBe(0)

    // A reply started from a template, its variables filled in on the server.
    await page.getByLabel('Reply template').selectOption({ label: 'We are on it (en, any type)' })
    await page.getByRole('button', { name: 'Use template' }).click()
    const reply = page.getByLabel('Reply (e-mailed to the requester')
    await expect
      .poll(() => reply.inputValue())
      .toBe(`Dear ${correction.subjectName}, ${workspace.name} is working on ${correction.reference} (Correct my data) and will answer by ${firstDue}.`)
    const beforeReply = new Date(Date.now() - 1000)
    await page.getByRole('button', { name: 'Send reply' }).click()
    await page.locator('li', { hasText: `is working on ${correction.reference}` }).waitFor()
    const replied = await newestMailTo(correction.email, '%a message about your privacy request%', beforeReply)
    expect(replied.text).toContain(`will answer by ${firstDue}`)

    expect(await page.getByTestId('action-outcome').textContent()).toBe('Reply sent to the requester: it is on their status page, and the e-mail is queued.')

    // Asking for identity information: the request waits, the requester is told.
    await page.locator('summary', { hasText: 'Ask the requester' }).click()
    await page.getByLabel('Identity information').check()
    await page.getByLabel('What you need from the requester').fill('Please reply with the last four digits of your customer number.')
    await page.getByRole('button', { name: 'Ask the requester' }).click()
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Waiting for the requester')
    const asked = await newestMailTo(correction.email, '%we need to confirm your identity%')
    expect(asked.text).toContain('last four digits of your customer number')
    expect(asked.subject).toContain(correction.reference)
    expect(await page.getByRole('button', { name: 'Ask the requester' }).count()).toBe(0)

    // Extending: a reason and a ticked confirmation (the law allows one), an e-mail with the
    // new date, and the new date on the page.
    await page.locator('summary', { hasText: 'Extend the deadline' }).click()
    await page.getByRole('button', { name: 'Extend' }).click()
    await page.getByText('Give the reason for the extension: the requester is told it.').waitFor()
    await page.getByText('Tick “I understand” to confirm: the requester is told the new date').waitFor()
    expect(await page.getByTestId('request-state').textContent()).toBe('Waiting for the requester')
    await page.getByLabel('Reason for the extension').fill('Your data is spread over several archived systems.')
    await page.getByLabel('I understand that this cannot be undone: the requester is told the new date').check()
    await page.getByRole('button', { name: 'Extend' }).click()
    await page.getByText('Deadline extended').first().waitFor()
    const extended = await newestMailTo(correction.email, '%we need more time%')
    expect(extended.text).toContain('Why: Your data is spread over several archived systems.')
    const newDue = await page.getByTestId('due-date').textContent()
    expect(newDue).not.toBe(firstDue)
    expect(extended.text).toContain(`The new date is ${newDue}.`)
    expect(await page.getByTestId('action-outcome').textContent()).toContain(`Deadline extended to ${newDue} (`)
    await page.getByText('Extended deadline').first().waitFor()
    expect(await page.getByRole('button', { name: 'Extend' }).count()).toBe(0)
    // The law allows one extension: a second one is refused with the rule, not an error.
    const again = await context.request.post(`${app.candor.url}/w/${workspace.slug}/requests/${correction.reference}`, {
      form: { intent: 'extend', extensionReason: 'More time again', confirm: 'yes' },
      headers: { origin: app.candor.url },
    })
    expect(again.status()).toBe(409)
    expect(await again.text()).toContain('already extended')

    // An internal note, for staff only.
    await page.locator('summary', { hasText: 'Internal note' }).click()
    await page.getByLabel('Note for staff').fill('Called the requester; they will send the number today.')
    await page.getByRole('button', { name: 'Add note' }).click()
    const note = page.locator('li', { hasText: 'Called the requester; they will send the number today.' })
    await note.waitFor()
    expect(await note.textContent()).toContain('staff only')
    expect(await note.textContent()).toContain(agent.email)
    expect(await page.locator('li', { hasText: 'last four digits' }).textContent()).toContain('visible to requester')

    // Back in the queue, the assignment and the wait show.
    await page.getByRole('link', { name: '← All requests' }).click()
    await filter(page, { assignee: 'me' })
    expect(await shownReferences(page)).toEqual([correction.reference])
    await filter(page, { assignee: '', state: 'awaiting_subject' })
    expect(await shownReferences(page)).toEqual([correction.reference])
    expect(await auditActions(workspace.id)).toEqual(
      expect.arrayContaining(['request.assign', 'request.reply', 'request.ask_subject', 'request.extend', 'request.note']),
    )
    await context.close()
  })

  it('finds a request by reference, e-mail or part of a name, shows the days left, and assigns ticked requests together', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const colleague = await addMember(workspace.id, 'agent')
    const first = await fileOnPortal(app.candor.url, workspace.slug, { type: 'access', subjectName: 'Marta Quigley-Osei' })
    const second = await fileOnPortal(app.candor.url, workspace.slug, { type: 'erasure' })
    const closed = await fileOnPortal(app.candor.url, workspace.slug, { type: 'objection' })
    await ownerPool().query("UPDATE privacy_request SET state = 'rejected', rejected_at = now() WHERE reference = $1", [closed.reference])
    const original = await fileOnPortal(app.candor.url, workspace.slug, { type: 'access', email: first.email })
    const { page, context } = await signedInWithoutScript(app, agent.email)
    const base = `${app.candor.url}/w/${workspace.slug}/requests`
    await page.goto(base)
    // The deadline in words beside the date: a GDPR month from today.
    expect(await page.locator('tr', { hasText: first.reference }).textContent()).toMatch(/\d\d days left/)

    const search = async (text: string) => {
      await page.getByLabel('Search').fill(text)
      await page.getByRole('button', { name: 'Filter' }).click()
      await page.waitForURL((url) => url.searchParams.get('q') === text)
      return shownReferences(page)
    }
    expect(await search(first.reference.toLowerCase())).toEqual([first.reference])
    expect(await search(second.email.toUpperCase())).toEqual([second.reference])
    expect(await search('quigley')).toEqual([first.reference])
    // The search is in the address: the same view opens from a shared link.
    await page.goto(`${base}?q=${encodeURIComponent(second.email)}&type=erasure`)
    expect(await shownReferences(page)).toEqual([second.reference])
    expect(await page.getByLabel('Search').inputValue()).toBe(second.email)
    const tooLong = await page.goto(`${base}?q=${'x'.repeat(201)}`)
    expect(tooLong?.status()).toBe(400)
    await page.getByText('Keep the search under 200 characters.').waitFor()

    // Bulk: two open requests ticked and assigned at once; a closed one is refused by name.
    await page.goto(`${base}?state=all`)
    for (const filed of [first, second, closed]) await page.getByLabel(`Tick ${filed.reference}`).check()
    await page.getByLabel('Assign the ticked requests to').selectOption({ label: colleague.email })
    await page.getByRole('button', { name: 'Assign ticked requests' }).click()
    await page.getByTestId('bulk-outcome').waitFor()
    expect(await page.getByTestId('bulk-outcome').textContent()).toBe(`2 requests assigned to ${colleague.email}.`)
    expect(await page.getByRole('alert').textContent()).toBe(`${closed.reference} is rejected: a closed request is not assigned.`)
    const { rows } = await ownerPool().query(
      'SELECT r.reference, u.email FROM privacy_request r LEFT JOIN "user" u ON u.id = r.assignee_id WHERE r.workspace_id = $1 ORDER BY r.reference',
      [workspace.id],
    )
    expect(Object.fromEntries(rows.map((row) => [row.reference, row.email]))).toEqual({
      [first.reference]: colleague.email,
      [second.reference]: colleague.email,
      [closed.reference]: null,
      [original.reference]: null,
    })
    expect((await auditActions(workspace.id)).filter((action) => action === 'request.assign')).toHaveLength(2)
    // Nothing ticked: a sentence, not an error.
    await page.getByRole('button', { name: 'Assign ticked requests' }).click()
    await page.getByText('Tick the requests to assign first.').waitFor()
    await page.screenshot({ path: '/tmp/desk-queue.png', fullPage: true })

    // Bulk close: the two are duplicates of a third, named by its reference; the box confirms it.
    for (const filed of [first, second]) await page.getByLabel(`Tick ${filed.reference}`).check()
    await page.getByLabel('Close the ticked requests as duplicates of').fill(original.reference.toLowerCase())
    await page.getByLabel('I understand this closes the ticked requests and e-mails each requester').check()
    await page.screenshot({ path: '/tmp/dupes-bar.png', fullPage: true })
    await page.getByRole('button', { name: 'Close ticked as duplicates' }).click()
    await page.getByTestId('bulk-outcome').waitFor()
    expect(await page.getByTestId('bulk-outcome').textContent()).toBe(`2 requests closed as duplicates of ${original.reference}; each requester is e-mailed.`)
    await page.goto(`${base}?state=duplicate`)
    expect((await shownReferences(page)).sort()).toEqual([first.reference, second.reference].sort())
    expect(await page.locator('tr', { hasText: first.reference }).textContent()).toContain('Closed as a duplicate')
    await page.screenshot({ path: '/tmp/dupes-queue.png', fullPage: true })
    expect((await auditActions(workspace.id)).filter((action) => action === 'request.close_duplicate')).toHaveLength(2)
    // The requester of the same address is shown the reference they are handled under.
    expect((await newestMailTo(first.email, '%duplicate%')).text).toContain(`as a duplicate of your request ${original.reference}`)
    const subject = await app.browser.newContext()
    const portal = await subject.newPage()
    await openStatusPage(portal, app.candor.url, workspace.slug, first.reference, first.email)
    expect(await portal.getByTestId('duplicate-notice').textContent()).toBe(
      `Closed as a duplicate of ${original.reference}: ${workspace.name} is handling your request under that reference. Follow ${original.reference}`,
    )
    await portal.screenshot({ path: '/tmp/dupes-status.png', fullPage: true })
    await subject.close()
    await context.close()
  })

  it('lets an agent reject a request on a legal ground and complete another, each with its e-mail', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const objection = await fileOnPortal(app.candor.url, workspace.slug, { type: 'objection', jurisdiction: 'gdpr' })
    const optOut = await fileOnPortal(app.candor.url, workspace.slug, { type: 'opt_out', jurisdiction: 'ccpa' })
    const { page, context } = await signedInWithoutScript(app, agent.email)

    // Rejecting the objection: a ground is required, then the requester learns where to complain.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/requests/${objection.reference}`)
    await page.locator('summary', { hasText: 'Reject' }).click()
    await page.getByLabel('Explanation for the requester').fill('You asked the same question three times this month.')
    await page.getByLabel('I understand that this cannot be undone: the requester is told the refusal').check()
    await page.getByRole('button', { name: 'Reject the request' }).click()
    await page.getByText('Choose the legal ground for the refusal.').waitFor()
    await expect.poll(() => page.getByLabel('Explanation for the requester').inputValue()).toBe(
      'You asked the same question three times this month.',
    )
    await page.getByLabel('Legal ground').selectOption('excessive')
    await page.getByRole('button', { name: 'Reject the request' }).click()
    await page.getByText('Tick “I understand” to confirm: the requester is told the refusal').waitFor()
    expect(await page.getByTestId('request-state').textContent()).not.toBe('Rejected')
    await page.getByLabel('I understand that this cannot be undone: the requester is told the refusal').check()
    await page.getByRole('button', { name: 'Reject the request' }).click()
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Rejected')
    const rejected = await newestMailTo(objection.email, `%your privacy request (${objection.reference})%`)
    expect(rejected.text).toContain('The request is excessive')
    expect(rejected.text).toContain('You asked the same question three times this month.')
    expect(rejected.text).toContain('supervisory authority')
    expect(await page.getByRole('button', { name: 'Reject the request' }).count()).toBe(0)

    // Completing the opt-out: a message is required, then the requester is told.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/requests/${optOut.reference}`)
    await page.getByLabel('Completion message').fill('')
    await page.getByLabel('I understand that this cannot be undone: the requester is told the request is complete').check()
    await page.getByRole('button', { name: 'Complete the request' }).click()
    await page.getByText('Write the message the requester gets with the completion.').waitFor()
    await page.getByLabel('Completion message').fill('We no longer sell or share your personal information.')
    await page.getByLabel('I understand that this cannot be undone: the requester is told the request is complete').check()
    await page.getByRole('button', { name: 'Complete the request' }).click()
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Completed')
    const done = await newestMailTo(optOut.email, '%your request is complete%')
    expect(done.text).toContain('We no longer sell or share your personal information.')
    expect(await page.getByText('Overdue').count()).toBe(0)

    expect(await auditActions(workspace.id)).toEqual(expect.arrayContaining(['request.reject', 'request.complete']))
    await context.close()
  })

  it('lets an agent complete a manual checklist task with a note of what was done', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      tx.dataSystem.create({
        data: { workspaceId: workspace.id, name: 'Zendesk', kind: 'manual', instructions: 'Search tickets by e-mail; delete the user.' },
      }),
    )
    const erasure = await fileOnPortal(app.candor.url, workspace.slug, { type: 'erasure' })
    const { page, context } = await signedInWithoutScript(app, agent.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/requests/${erasure.reference}`)
    const task = page.locator('li', { hasText: 'Search tickets by e-mail' })
    expect(await task.textContent()).toContain('Waiting for a member')
    await page.getByRole('heading', { name: 'Erasure' }).waitFor()
    await task.getByRole('button', { name: 'Mark done' }).click()
    await page.getByText('Say what you did in this system.').waitFor()
    await page.getByLabel('What was done in Zendesk').fill('Deleted user 4411 and their 3 tickets.')
    await page.getByRole('button', { name: 'Mark done' }).click()
    await page.getByText('Note: Deleted user 4411 and their 3 tickets.').waitFor()
    expect(await page.locator('li', { hasText: 'Search tickets by e-mail' }).textContent()).toContain(`by ${agent.email}`)
    await page.getByText('Zendesk: Deleted user 4411 and their 3 tickets.').waitFor()
    expect(await page.getByRole('button', { name: 'Mark done' }).count()).toBe(0)
    expect(await auditActions(workspace.id)).toContain('request.task.complete')
    await context.close()
  })

  it('marks a request the requester answered "New reply" in the queue until the agent opens it', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const answered = await fileOnPortal(app.candor.url, workspace.slug, { type: 'rectification' })
    const other = await fileOnPortal(app.candor.url, workspace.slug, { type: 'objection' })
    const { page, context } = await signedInWithoutScript(app, agent.email)
    const queue = `${app.candor.url}/w/${workspace.slug}/requests`
    await page.goto(`${queue}/${answered.reference}`)
    await page.locator('summary', { hasText: 'Ask the requester' }).click()
    await page.getByLabel('Identity information').check()
    await page.getByLabel('What you need from the requester').fill('Please send the last four digits of your customer number.')
    await page.getByRole('button', { name: 'Ask the requester' }).click()
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Waiting for the requester')

    const subject = await app.browser.newContext()
    const portal = await subject.newPage()
    await openStatusPage(portal, app.candor.url, workspace.slug, answered.reference, answered.email)
    const sentAt = new Date(Date.now() - 1000)
    await portal.getByLabel('Your answer').fill('It is 4821.')
    await portal.getByRole('button', { name: 'Send my answer' }).click()
    await portal.getByText('It is 4821.').waitFor()
    await subject.close()

    // The agent is e-mailed (nobody is assigned): the reference and a link, not the answer.
    const told = await newestMailTo(agent.email, `%the requester replied on ${answered.reference}%`, sentAt)
    expect(told.text).toContain(`/w/${workspace.slug}/requests/${answered.reference}`)
    expect(told.text).not.toContain('4821')
    expect(told.text).not.toContain(answered.email)

    await page.goto(queue)
    const row = (reference: string) => page.locator('tbody tr', { hasText: reference })
    await expect.poll(() => row(answered.reference).getByText('New reply').count()).toBe(1)
    expect(await row(other.reference).getByText('New reply').count()).toBe(0)
    await page.screenshot({ path: '/tmp/notify-queue-new-reply.png', fullPage: true })
    await page.getByLabel('With unread replies').check()
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL((url) => url.search.includes('unread=yes'))
    expect(await page.locator('tbody tr').count()).toBe(1)
    await row(answered.reference).getByRole('link', { name: answered.reference }).click()
    await page.getByText('It is 4821.').first().waitFor()

    await page.goto(queue)
    await row(answered.reference).waitFor()
    expect(await page.getByText('New reply').count()).toBe(0)
    await page.goto(`${queue}?unread=yes`)
    await page.getByText('No requests match these filters.').waitFor()
    await page.screenshot({ path: '/tmp/notify-queue-read.png', fullPage: true })
    await context.close()
  })

  it('shows a viewer the request read-only, and refuses their posts', async () => {
    const { workspace } = await makeWorkspace()
    const viewer = await addMember(workspace.id, 'viewer')
    const filed = await fileOnPortal(app.candor.url, workspace.slug, { type: 'restriction' })
    const id = await requestId(filed.reference)
    const { page, context } = await signedInWithoutScript(app, viewer.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/requests`)
    await page.getByRole('link', { name: filed.reference }).click()
    await page.getByRole('heading', { name: `Request ${filed.reference}` }).waitFor()
    await page.getByRole('heading', { name: 'Timeline' }).waitFor()
    await page.getByText(filed.email).first().waitFor()
    expect(await page.getByRole('heading', { name: 'Work on this request' }).count()).toBe(0)
    expect(await page.locator('main form[method="post"]').count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Privacy' }).count()).toBe(0)

    const refused = await context.request.post(`${app.candor.url}/w/${workspace.slug}/requests/${filed.reference}`, {
      form: { intent: 'note', note: 'A viewer should not write this' },
      headers: { origin: app.candor.url },
    })
    expect(refused.status()).toBe(403)
    const { rows } = await ownerPool().query("SELECT 1 FROM request_event WHERE request_id = $1 AND kind = 'note'", [id])
    expect(rows).toHaveLength(0)
    await context.close()
  })

  it('answers a bad filter with a 400 and its message, and a request that is not there with a 404', async () => {
    const { workspace, owner } = await makeWorkspace()
    const other = await makeWorkspace()
    const elsewhere = await fileOnPortal(app.candor.url, other.workspace.slug)
    const { page, context } = await signedInWithoutScript(app, owner.email)
    const base = `${app.candor.url}/w/${workspace.slug}/requests`
    for (const [query, message] of [
      ['dueWithin=abc', '“Due within” must be a whole number of days from 1 to 366.'],
      ['state=lost', 'Choose a state from the list'],
      ['assignee=bob', 'Choose whose requests to show'],
      ['page=0', 'The page must be a whole number'],
    ] as const) {
      const response = await page.goto(`${base}?${query}`)
      expect(response?.status(), query).toBe(400)
      await page.getByText(message).first().waitFor()
    }
    for (const named of ['not-a-reference', 'R-2222222', '00000000-0000-4000-8000-000000000000', elsewhere.reference, await requestId(elsewhere.reference)]) {
      const response = await page.goto(`${base}/${named}`)
      expect(response?.status(), named).toBe(404)
      expect(await page.content()).not.toContain(elsewhere.email)
    }
    // A link written with the request's id (before URLs carried the reference) moves to the reference's URL.
    const own = await fileOnPortal(app.candor.url, workspace.slug)
    await page.goto(`${base}/${await requestId(own.reference)}?template=x`)
    expect(page.url()).toBe(`${base}/${own.reference}?template=x`)
    await context.close()
  })

  it('lets an admin set deadlines, the privacy profile, data systems and reply templates', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const { page, context } = await signedInWithoutScript(app, admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Privacy settings', exact: true }).click()
    await page.getByRole('heading', { name: 'Privacy settings' }).waitFor()

    await page.getByLabel('Time zone').selectOption('Europe/Amsterdam')
    await page.getByLabel('Public holidays').selectOption('NL')
    await page.getByLabel('Extra days off').fill('2026-12-24\n2026-02-30')
    await page.getByLabel('Internal target (days from receipt)').fill('20')
    await page.getByRole('button', { name: 'Save deadline settings' }).click()
    await page.getByText('Not a day: 2026-02-30.').waitFor()
    await page.getByLabel('Extra days off').fill('2026-12-31\n2026-12-24')
    await page.getByRole('button', { name: 'Save deadline settings' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/privacy'))
    await expect.poll(() => page.getByLabel('Extra days off').inputValue()).toBe('2026-12-24\n2026-12-31')
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Amsterdam')
    const { rows } = await ownerPool().query(
      'SELECT time_zone, holiday_country, internal_target_days FROM workspace WHERE id = $1',
      [workspace.id],
    )
    expect(rows[0]).toEqual({ time_zone: 'Europe/Amsterdam', holiday_country: 'NL', internal_target_days: 20 })

    await page.getByLabel('Supervisory authority').fill('Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag')
    await page.getByRole('button', { name: 'Save privacy profile' }).click()
    await expect.poll(() => page.getByLabel('Supervisory authority').inputValue()).toContain('Autoriteit Persoonsgegevens')

    await page.getByLabel('System name').fill('Zendesk')
    await page.getByLabel('Instructions for the member doing the task').fill('Search tickets by e-mail; delete the user.')
    await page.getByRole('button', { name: 'Add system' }).click()
    await page.getByRole('button', { name: 'Archive Zendesk' }).click()
    await page.getByText(/archived \d{4}-\d\d-\d\d/).waitFor()
    expect(await page.getByRole('button', { name: /^Archive/ }).count()).toBe(0)

    await page.getByLabel('Template name').fill('Identity check')
    await page.getByLabel('For requests of type').selectOption('erasure')
    await page.getByLabel('Text', { exact: true }).fill('Hello {{first_name}}, about {{reference}}')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByText('Candor does not know {{first_name}}').waitFor()
    await page.getByLabel('Text', { exact: true }).fill('Hello {{name}}, about {{reference}}')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByText('Delete my data · en').waitFor()
    await page.getByRole('link', { name: 'Edit Identity check' }).click()
    await page.getByLabel('Language').fill('de')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByText('Delete my data · de').waitFor()

    // Sub-processors change in one place, with notice to subscribers (tests/e2e/subprocessor-notices.test.ts).
    expect(await page.getByRole('link', { name: 'Sub-processors' }).last().getAttribute('href')).toBe(`/w/${workspace.slug}/subprocessors`)

    expect(await auditActions(workspace.id)).toEqual([
      'workspace.create',
      'privacy.deadline_settings',
      'privacy.profile',
      'data_system.add',
      'data_system.archive',
      'reply_template.create',
      'reply_template.update',
    ])

    // Agents work requests but do not change how the workspace answers them.
    const agent = await addMember(workspace.id, 'agent')
    const agentSession = await signedInWithoutScript(app, agent.email)
    const refused = await agentSession.page.goto(`${app.candor.url}/w/${workspace.slug}/privacy`)
    expect(refused?.status()).toBe(403)
    await Promise.all([context.close(), agentSession.context.close()])
  })
})
