// Members in a browser: an invitation accepted by the invited e-mail and refused for another,
// role changes (step-up; only an owner makes owners), removal taking effect at once, handing
// over ownership, and deleting the workspace with a typed confirmation.
import { faker } from '@faker-js/faker'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn as signInAs } from '../support/sign-in'

const app = serveCandorWithBrowser()

const signIn = (context: BrowserContext, email: string) => signInAs(app.candor.url, context, email)

async function invitationLink(email: string): Promise<string> {
  return eventually(async () => {
    const { rows } = await ownerPool().query<{ text: string }>(
      `SELECT text FROM email_message WHERE "to" = $1 AND subject LIKE '%invited you%' ORDER BY created_at DESC LIMIT 1`,
      [email],
    )
    return rows[0] ? /(https?:\/\/\S+\/invitations\/[0-9a-f-]{36})/.exec(rows[0].text)?.[1] : undefined
  })
}

async function auditActions(workspaceId: string): Promise<string[]> {
  const { rows } = await ownerPool().query<{ action: string }>(
    'SELECT action FROM audit_entry WHERE workspace_id = $1 ORDER BY seq',
    [workspaceId],
  )
  return rows.map((r) => r.action)
}

function memberRow(page: Page, email: string) {
  return page.getByRole('row').filter({ hasText: email })
}

describe('invitations', () => {
  it('is accepted by the invited e-mail, and refused to anyone it was forwarded to', async () => {
    const { owner, workspace } = await makeWorkspace()
    const ownerContext = await app.browser.newContext()
    const ownerPage = await signIn(ownerContext, owner.email)
    await ownerPage.goto(`${app.candor.url}/w/${workspace.slug}/members`)
    await ownerPage.getByLabel('E-mail address').fill('not an address')
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click()
    await ownerPage.getByText('Enter a valid e-mail address').waitFor()

    const invitee = faker.internet.email().toLowerCase()
    await ownerPage.getByLabel('E-mail address').fill(invitee)
    await ownerPage.getByLabel('Role').selectOption('agent')
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click()
    await ownerPage.getByText(`${invitee} · agent`).waitFor()
    const link = await invitationLink(invitee)

    // Forwarded: someone else, signed in, cannot see or accept it.
    const other = (await makeWorkspace()).owner
    const otherContext = await app.browser.newContext()
    const otherPage = await signIn(otherContext, other.email)
    const refused = await otherPage.goto(link)
    expect(refused?.status()).toBe(404)
    await otherPage.getByText(`This invitation was not sent to ${other.email}`).waitFor()
    expect(await otherPage.getByRole('button', { name: 'Accept the invitation' }).count()).toBe(0)
    const forcedAccept = await otherContext.request.post(link, { form: {}, headers: { origin: app.candor.url } })
    expect(forcedAccept.status()).toBe(409)

    // The invited person, new to Candor, signs in, sees the invitation and joins.
    const inviteeContext = await app.browser.newContext()
    const inviteePage = await signIn(inviteeContext, invitee)
    expect(new URL(inviteePage.url()).pathname).toBe('/app')
    await inviteePage.getByRole('link', { name: new RegExp(workspace.name) }).click()
    await inviteePage.getByLabel('Your name').fill('Grace Hopper')
    await inviteePage.getByRole('button', { name: 'Accept the invitation' }).click()
    await inviteePage.waitForURL(`${app.candor.url}/w/${workspace.slug}`)
    await inviteePage.goto(`${app.candor.url}/w/${workspace.slug}/members`)
    expect(await memberRow(inviteePage, invitee).textContent()).toContain('agent')
    expect(await memberRow(inviteePage, invitee).textContent()).toContain('Grace Hopper')

    // Single use.
    await inviteePage.goto(link)
    await inviteePage.getByText('This invitation has already been accepted.').waitFor()
    expect(await auditActions(workspace.id)).toEqual(['workspace.create', 'member.invite', 'member.join'])
    await Promise.all([ownerContext.close(), otherContext.close(), inviteeContext.close()])
  })

  it('refuses an expired invitation with a clear message', async () => {
    const { owner, workspace } = await makeWorkspace()
    const ownerContext = await app.browser.newContext()
    const ownerPage = await signIn(ownerContext, owner.email)
    await ownerPage.goto(`${app.candor.url}/w/${workspace.slug}/members`)
    const invitee = faker.internet.email().toLowerCase()
    await ownerPage.getByLabel('E-mail address').fill(invitee)
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click()
    const link = await invitationLink(invitee)
    await ownerPool().query("UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE email = $1", [invitee])
    const inviteeContext = await app.browser.newContext()
    const page = await signIn(inviteeContext, invitee)
    await page.goto(link)
    await page.getByText('This invitation has expired. Ask for a new one.').waitFor()
    await Promise.all([ownerContext.close(), inviteeContext.close()])
  })
})

describe('managing members', () => {
  it('changes roles after step-up, keeps owners to owners, and a removed member loses the workspace at once', async () => {
    const { owner, workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const agent = await addMember(workspace.id, 'agent')

    const adminContext = await app.browser.newContext()
    const adminPage = await signIn(adminContext, admin.email)
    const agentContext = await app.browser.newContext()
    const agentPage = await signIn(agentContext, agent.email)

    await ownerPool().query('UPDATE session SET authenticated_at = now() - interval \'11 minutes\' WHERE user_id = $1', [
      admin.userId,
    ])
    // React sets a select back to its default when it hydrates: choose once the page has settled.
    await adminPage.goto(`${app.candor.url}/w/${workspace.slug}/members`, { waitUntil: 'networkidle' })
    await memberRow(adminPage, agent.email).getByLabel(`New role for ${agent.email}`).selectOption('viewer')
    await memberRow(adminPage, agent.email).getByRole('button', { name: /Change role/ }).click()
    await adminPage.waitForURL((url) => url.pathname === '/account/confirm')
    await adminPage.getByRole('button', { name: 'E-mail me a code' }).click()
    const code = await eventually(async () => {
      const { rows } = await ownerPool().query<{ subject: string }>(
        `SELECT subject FROM email_message WHERE "to" = $1 AND subject LIKE 'Your Candor confirmation code:%'`,
        [admin.email],
      )
      return rows[0] ? /(\d{6})$/.exec(rows[0].subject)?.[1] : undefined
    })
    await adminPage.getByLabel('Code').fill(code)
    await adminPage.getByRole('button', { name: 'Confirm' }).click()
    await adminPage.waitForURL(`${app.candor.url}/w/${workspace.slug}/members`)
    await adminPage.waitForLoadState('networkidle')
    await memberRow(adminPage, agent.email).getByLabel(`New role for ${agent.email}`).selectOption('viewer')
    await memberRow(adminPage, agent.email).getByRole('button', { name: /Change role/ }).click()
    await expect.poll(async () => memberRow(adminPage, agent.email).locator('[data-label="Role"]').textContent()).toBe('viewer')

    // An admin cannot touch an owner.
    await memberRow(adminPage, owner.email).getByLabel(`New role for ${owner.email}`).selectOption('viewer')
    await memberRow(adminPage, owner.email).getByRole('button', { name: /Change role/ }).click()
    await adminPage.getByText('Only an owner can change an owner’s role').waitFor()

    // Removal takes effect on the removed person's very next request.
    await agentPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(new URL(agentPage.url()).pathname).toBe(`/w/${workspace.slug}`)
    await memberRow(adminPage, agent.email).getByRole('button', { name: /Remove/ }).click()
    await expect.poll(() => memberRow(adminPage, agent.email).count()).toBe(0)
    const gone = await agentPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(gone?.status()).toBe(404)

    const { rows } = await ownerPool().query(
      `SELECT action, before, after FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'member.%' ORDER BY seq`,
      [workspace.id],
    )
    expect(rows).toEqual([
      { action: 'member.role_change', before: { role: 'agent' }, after: { role: 'viewer' } },
      { action: 'member.remove', before: { email: agent.email, role: 'viewer' }, after: null },
    ])
    await Promise.all([adminContext.close(), agentContext.close()])
  })

  it('hands over ownership, then the new owner deletes the workspace with a typed confirmation', async () => {
    const { owner, workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const ownerContext = await app.browser.newContext()
    const ownerPage = await signIn(ownerContext, owner.email)
    await ownerPage.goto(`${app.candor.url}/w/${workspace.slug}/members`)
    await memberRow(ownerPage, admin.email).getByRole('button', { name: `Transfer ownership to ${admin.email}` }).click()
    await expect.poll(async () => memberRow(ownerPage, owner.email).locator('[data-label="Role"]').textContent()).toBe('admin')
    expect(await memberRow(ownerPage, admin.email).locator('[data-label="Role"]').textContent()).toBe('owner')

    const newOwnerContext = await app.browser.newContext()
    const page = await signIn(newOwnerContext, admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/settings`, { waitUntil: 'networkidle' })
    await page.getByLabel('Workspace address').fill('not-the-slug')
    await page.getByRole('button', { name: 'Delete workspace' }).click()
    await page.getByText(`Type the workspace address, ${workspace.slug}, to confirm.`).waitFor()
    await page.getByLabel('Workspace address').fill(workspace.slug)
    await page.getByRole('button', { name: 'Delete workspace' }).click()
    await page.waitForURL((url) => url.pathname === '/onboarding')

    const closed = await ownerPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(closed?.status()).toBe(404)
    expect(await auditActions(workspace.id)).toEqual(['workspace.create', 'workspace.transfer', 'workspace.delete'])
    await Promise.all([ownerContext.close(), newOwnerContext.close()])
  })
})
