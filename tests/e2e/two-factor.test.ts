// Two-factor authentication in a browser: enrolment with the key an app would scan (other
// sessions are signed out), sign-in with an app code and with a recovery code (once), brute
// force ending the sign-in, step-up before a sensitive change, a workspace that requires 2FA
// sending a member to enrol, and a viewer refused an admin page.
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn as signInAs } from '../support/sign-in'
import { totpCode } from '../support/totp'
import { enrolTwoFactor } from '../support/two-factor'

const app = serveCandorWithBrowser()

const signIn = (context: BrowserContext, email: string) => signInAs(app.candor.url, context, email)

async function setAuthenticatedAt(email: string, minutesAgo: number) {
  await ownerPool().query(
    `UPDATE session SET authenticated_at = now() - make_interval(mins => $2)
      WHERE user_id = (SELECT id FROM "user" WHERE email = $1)`,
    [email, minutesAgo],
  )
}

describe('two-factor authentication', () => {
  it('enrols with an app, signs out other sessions, then asks for the app code at sign-in', async () => {
    const { owner, workspace } = await makeWorkspace()
    const other = await app.browser.newContext()
    const otherPage = await signIn(other, owner.email)
    const context = await app.browser.newContext()
    const page = await signIn(context, owner.email)
    const { secret, enrolCode, recoveryCodes } = await enrolTwoFactor(app.candor.url, page)
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)

    await otherPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(new URL(otherPage.url()).pathname).toBe('/sign-in')

    const later = await app.browser.newContext()
    const second = await signIn(later, owner.email)
    expect(new URL(second.url()).pathname).toBe('/sign-in/two-factor')
    // Nothing of the workspace is reachable before the second factor.
    await second.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(new URL(second.url()).pathname).toBe('/sign-in/two-factor')
    // The code used to enrol is not accepted again; the next one is.
    await second.getByLabel('Authentication code').fill(enrolCode)
    await second.getByRole('button', { name: 'Continue' }).click()
    await second.getByText('That code is not right').waitFor()
    await second.getByLabel('Authentication code').fill(totpCode(secret, 1))
    await second.getByRole('button', { name: 'Continue' }).click()
    await second.waitForURL(`${app.candor.url}/w/${workspace.slug}`)
    await Promise.all([other.close(), context.close(), later.close()])
  })

  it('signs in with a recovery code, which works only once', async () => {
    const { owner, workspace } = await makeWorkspace()
    const context = await app.browser.newContext()
    const { recoveryCodes } = await enrolTwoFactor(app.candor.url, await signIn(context, owner.email))
    const code = recoveryCodes[3]!

    const lostPhone = await app.browser.newContext()
    const page = await signIn(lostPhone, owner.email)
    await page.getByLabel('Authentication code').fill(code.toUpperCase())
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(`${app.candor.url}/w/${workspace.slug}`)

    const again = await app.browser.newContext()
    const reuse = await signIn(again, owner.email)
    await reuse.getByLabel('Authentication code').fill(code)
    await reuse.getByRole('button', { name: 'Continue' }).click()
    await reuse.getByText('That code is not right').waitFor()
    const audit = await ownerPool().query(
      `SELECT count(*)::int AS n FROM audit_entry
        WHERE action = 'session.second_factor' AND actor_id = $1 AND after->>'method' = 'recovery'`,
      [owner.id],
    )
    expect(audit.rows[0].n).toBe(1)
    await Promise.all([context.close(), lostPhone.close(), again.close()])
  })

  it('ends the sign-in at the fifth wrong second-factor code', async () => {
    const { owner } = await makeWorkspace()
    const context = await app.browser.newContext()
    await enrolTwoFactor(app.candor.url, await signIn(context, owner.email))
    const attacker = await app.browser.newContext()
    const page = await signIn(attacker, owner.email)
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('Authentication code').fill(String(100000 + i))
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByText('That code is not right').waitFor()
    }
    await page.getByLabel('Authentication code').fill('123456')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'This sign-in was ended' }).waitFor()
    await page.goto(`${app.candor.url}/app`)
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await Promise.all([context.close(), attacker.close()])
  })

  it('asks for a fresh confirmation before turning 2FA off', async () => {
    const { owner } = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(context, owner.email)
    const { secret } = await enrolTwoFactor(app.candor.url, page)
    await setAuthenticatedAt(owner.email, 11)
    await page.goto(`${app.candor.url}/account/security`)
    await page.getByRole('button', { name: 'Turn off' }).click()
    await page.waitForURL((url) => url.pathname === '/account/confirm')
    await page.getByLabel('Code').fill(totpCode(secret, 1))
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.waitForURL(`${app.candor.url}/account/security`)
    await page.getByRole('button', { name: 'Turn off' }).click()
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).waitFor()
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM user_totp WHERE user_id = $1', [owner.id])
    expect(rows[0].n).toBe(0)
    await context.close()
  })
})

describe('workspace security', () => {
  it('requiring 2FA needs step-up, is audited, and sends members without 2FA to enrol', async () => {
    const { owner, workspace } = await makeWorkspace()
    const { email: agentEmail } = await addMember(workspace.id, 'agent')
    const context = await app.browser.newContext()
    const page = await signIn(context, owner.email)

    await page.goto(`${app.candor.url}/w/${workspace.slug}/settings`)
    await page.getByLabel('Required', { exact: true }).check()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('Set up two-factor authentication for yourself first').waitFor()

    const { secret } = await enrolTwoFactor(app.candor.url, page)
    await setAuthenticatedAt(owner.email, 11)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/settings`)
    await page.getByLabel('Required', { exact: true }).check()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/account/confirm')
    await page.getByLabel('Code').fill(totpCode(secret, 1))
    await page.getByRole('button', { name: 'Confirm' }).click()
    await page.waitForURL(`${app.candor.url}/w/${workspace.slug}/settings`)
    await page.getByLabel('Required', { exact: true }).check()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(async () => {
      const { rows } = await ownerPool().query('SELECT require_two_factor FROM workspace WHERE id = $1', [workspace.id])
      return rows[0].require_two_factor
    }).toBe(true)
    const audit = await ownerPool().query(
      `SELECT before, after FROM audit_entry WHERE workspace_id = $1 AND action = 'workspace.require_two_factor'`,
      [workspace.id],
    )
    expect(audit.rows).toEqual([{ before: { requireTwoFactor: false }, after: { requireTwoFactor: true } }])

    const agentContext = await app.browser.newContext()
    const agentPage = await signIn(agentContext, agentEmail)
    await agentPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(new URL(agentPage.url()).pathname).toBe('/account/security')
    await agentPage.getByText(`The workspace “${workspace.name}” requires two-factor authentication`).waitFor()
    await Promise.all([context.close(), agentContext.close()])
  })

  it('refuses a viewer the settings page, and a stranger learns nothing of the workspace', async () => {
    const { workspace } = await makeWorkspace()
    const { email: viewerEmail } = await addMember(workspace.id, 'viewer')
    const context = await app.browser.newContext()
    const page = await signIn(context, viewerEmail)
    expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(0)
    const refused = await page.goto(`${app.candor.url}/w/${workspace.slug}/settings`)
    expect(refused?.status()).toBe(403)
    await page.getByText('Your role in this workspace does not allow this').waitFor()

    const stranger = await makeWorkspace()
    const strangerContext = await app.browser.newContext()
    const strangerPage = await signIn(strangerContext, stranger.owner.email)
    const hidden = await strangerPage.goto(`${app.candor.url}/w/${workspace.slug}`)
    expect(hidden?.status()).toBe(404)
    await Promise.all([context.close(), strangerContext.close()])
  })
})
