// The agent's path with the action panel, counted: an erasure case (open it from the queue,
// assign to me, reply from a template, complete with confirmation) and an access case (assign,
// review and send the export, complete). Interactions are clicks, fills and selections; page
// loads are whole documents; data requests are the loader and action calls behind them. The
// figures print as one JSON line. Before the panel (main at b3366c3, same script on the old
// page): erasure 8 interactions and 7 data requests, access 6 and 6.
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { countInteractions } from '../support/interaction-counter'
import { newestMailTo } from '../support/requester-mail'
import { fileOnPortal } from '../support/requests'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()

/** Wait until the jobs have run every task (and assembled the export of an access request). */
const workDone = (reference: string) =>
  eventually(
    async () =>
      (
        await ownerPool().query(
          `SELECT 1 FROM privacy_request r WHERE reference = $1
             AND NOT EXISTS (SELECT 1 FROM request_task t WHERE t.request_id = r.id AND t.state <> 'done')
             AND (r.type <> 'access' OR EXISTS (SELECT 1 FROM request_export e WHERE e.request_id = r.id AND e.bytes IS NOT NULL))`,
          [reference],
        )
      ).rows[0],
    { timeoutMs: 30_000, what: `the work on ${reference}` },
  )

describe("the agent's path through the action panel", () => {
  it('handles an erasure case in fewer than 7 interactions and an access case in 5, each action confirmed in words', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      tx.replyTemplate.create({
        data: { workspaceId: workspace.id, name: 'Erased', language: 'en', requestType: 'erasure', body: 'Dear {{name}}, we erased your data ({{reference}}).' },
      }),
    )
    const erasure = await fileOnPortal(app.candor.url, workspace.slug, { type: 'erasure' })
    const access = await fileOnPortal(app.candor.url, workspace.slug, { type: 'access' })
    await Promise.all([workDone(erasure.reference), workDone(access.reference)])
    const page = await signIn(app.candor.url, await app.browser.newContext({ viewport: { width: 1280, height: 900 } }), agent.email)
    const panel = page.locator('#actions')
    const outcome = page.getByTestId('action-outcome')
    const figures: Record<string, unknown> = {}

    // The erasure case.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/requests`, { waitUntil: 'networkidle' })
    const erasureCase = countInteractions(page)
    erasureCase.counts.pageLoads = 1
    await erasureCase.click(page.getByRole('link', { name: erasure.reference }))
    await page.getByRole('heading', { name: `Request ${erasure.reference}` }).waitFor()
    await page.waitForLoadState('networkidle')
    await erasureCase.click(panel.getByRole('button', { name: 'Assign to me' }))
    await expect.poll(() => outcome.textContent()).toBe('Assigned to you.')
    await page.waitForLoadState('networkidle')
    // The template goes into the reply without a trip to the server.
    const beforeTemplate = erasureCase.counts.dataRequests
    await erasureCase.select(panel.getByLabel('Reply template'), { label: 'Erased (en)' })
    expect(await panel.getByLabel('Reply (e-mailed').inputValue()).toBe(`Dear ${erasure.subjectName}, we erased your data (${erasure.reference}).`)
    expect(erasureCase.counts.dataRequests).toBe(beforeTemplate)
    expect(await panel.getByRole('button', { name: 'Use template' }).count()).toBe(0)
    await erasureCase.click(panel.getByRole('button', { name: 'Send reply' }))
    await expect.poll(() => outcome.textContent()).toBe('Reply sent to the requester: it is on their status page, and the e-mail is queued.')
    await page.waitForLoadState('networkidle')
    await erasureCase.click(panel.getByRole('button', { name: 'Complete the request' }))
    const dialog = page.getByRole('dialog', { name: 'Are you sure?' })
    await dialog.waitFor()
    await page.screenshot({ path: '/tmp/desk-confirm-dialog.png' })
    // The cancel button has the focus: Enter alone does not complete the request.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
    await erasureCase.click(dialog.getByRole('button', { name: 'Yes, complete the request' }))
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Completed')
    await expect.poll(() => outcome.textContent()).toBe('Request completed; the requester is e-mailed the outcome.')
    await page.screenshot({ path: '/tmp/desk-erasure-done.png' })
    figures.erasure = { ...erasureCase.counts }
    expect(erasureCase.counts.interactions).toBeLessThan(7)
    const completed = await newestMailTo(erasure.email, '%your request is complete%')
    expect(completed.text).toContain(`We have completed your request ${erasure.reference}.`)
    // After the redirect the panel is in view (#actions), not the top of the page.
    expect(new URL(page.url()).hash).toBe('#actions')
    expect(await panel.isVisible()).toBe(true)

    // The access case.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/requests`, { waitUntil: 'networkidle' })
    const accessCase = countInteractions(page)
    accessCase.counts.pageLoads = 1
    await accessCase.click(page.getByRole('link', { name: access.reference }))
    await page.getByRole('heading', { name: `Request ${access.reference}` }).waitFor()
    await page.waitForLoadState('networkidle')
    await accessCase.click(panel.getByRole('button', { name: 'Assign to me' }))
    await expect.poll(() => outcome.textContent()).toBe('Assigned to you.')
    await page.getByRole('cell', { name: 'privacy_requests' }).waitFor()
    await page.waitForLoadState('networkidle')
    await accessCase.click(page.getByRole('button', { name: 'Send to the requester' }))
    await expect.poll(() => outcome.textContent()).toBe('Export sent to the requester: they are e-mailed a link to download it.')
    await page.waitForLoadState('networkidle')
    await accessCase.click(panel.getByRole('button', { name: 'Complete the request' }))
    await accessCase.click(page.getByRole('dialog').getByRole('button', { name: 'Yes, complete the request' }))
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Completed')
    figures.access = { ...accessCase.counts }
    expect(accessCase.counts.interactions).toBe(5)

    console.log(JSON.stringify({ deskInteractions: figures }))
  })

  it('keeps a cancelled confirmation from doing anything, and shows nothing for a done= nobody did', async () => {
    const { workspace } = await makeWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const filed = await fileOnPortal(app.candor.url, workspace.slug, { type: 'objection' })
    const page = await signIn(app.candor.url, await app.browser.newContext(), agent.email)
    const address = `${app.candor.url}/w/${workspace.slug}/requests/${filed.reference}`
    // A copied link that claims an action shows no message: nothing was done.
    await page.goto(`${address}?done=complete`, { waitUntil: 'networkidle' })
    expect(await page.getByTestId('action-outcome').count()).toBe(0)
    await page.getByRole('button', { name: 'Complete the request' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    expect(await page.getByRole('dialog').isVisible()).toBe(false)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Complete the request')
    expect(await page.getByTestId('request-state').textContent()).not.toBe('Completed')
    // Without the confirmation the server refuses, naming what it would have done.
    const refused = await page.request.post(address, {
      form: { intent: 'complete', completionMessage: 'Done.' },
      headers: { origin: app.candor.url },
    })
    expect(refused.status()).toBe(400)
    expect(await refused.text()).toContain('Tick “I understand” to confirm')
    const { rows } = await ownerPool().query('SELECT state FROM privacy_request WHERE reference = $1', [filed.reference])
    expect(rows[0].state).not.toBe('completed')
  })
})
