// The e-mails a workspace sends to requesters and trust-page visitors carry its logo (an
// absolute address of the public logo route, with the company's name as alt text) and its
// accent colour in their HTML part; the text part stays plain; mail to members stays Candor's.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CANDOR_ACCENT } from '~/modules/branding/accent-colour'
import { setAccentColour, setLogo } from '~/modules/branding/branding.server'
import { sanitiseLogo } from '~/modules/branding/logo-image.server'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { fileRequest } from '~/modules/dsar/file-request.server'
import { requestInput } from '~/modules/dsar/portal-form'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { inviteMember } from '~/modules/tenancy/members.server'
import { subscribe } from '~/modules/trust/subprocessor-subscribers.server'
import { makeOwnedWorkspace } from '../support/factories'
import { plainPng } from '../support/logo-files'

beforeAll(async () => {
  await startQueue({ supervise: false })
})
afterAll(async () => {
  await stopQueue({ graceMs: 0 })
})

async function mailTo(email: string) {
  const { rows } = await ownerPool().query<{ subject: string; text: string; html: string | null }>(
    'SELECT subject, text, html FROM email_message WHERE "to" = $1 ORDER BY created_at DESC LIMIT 1',
    [email],
  )
  expect(rows, `an e-mail to ${email}`).toHaveLength(1)
  return rows[0]!
}

async function fileFor(slug: string, email: string) {
  const input = requestInput.parse({ type: 'access', subjectName: 'Ana Lima', email, relationship: 'customer', jurisdiction: 'gdpr' })
  const filed = await fileRequest(slug, input, { ip: randomUUID(), portalOrigin: appOrigin() })
  expect(filed.outcome).toBe('filed')
}

async function brandedWorkspace() {
  const owned = await makeOwnedWorkspace()
  const verdict = await sanitiseLogo(await plainPng(400, 100))
  if (!verdict.ok) throw new Error(verdict.message)
  await setLogo(owned.member, verdict.logo, {})
  await setAccentColour(owned.member, '#7a1f5c', {})
  return { ...owned, logoUrl: `${appOrigin()}/t/${owned.workspace.slug}/logo/${verdict.logo.sha256.slice(0, 16)}.png` }
}

describe('e-mails on a workspace’s behalf', () => {
  it('show its logo and colour to a requester; the text part stays plain', async () => {
    const { workspace, logoUrl } = await brandedWorkspace()
    const email = `ana-${randomUUID()}@example.com`
    await fileFor(workspace.slug, email)
    const mail = await mailTo(email)
    expect(logoUrl).toMatch(/^http/)
    expect(mail.html).toContain(`<img src="${logoUrl}" alt="${workspace.name.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}"`)
    expect(mail.html).toContain('border-bottom:3px solid #7a1f5c')
    expect(mail.html).not.toContain(CANDOR_ACCENT)
    // The text's own link, in the accent colour.
    const link = /(https?:\/\/\S+\/p\/\S+)/.exec(mail.text)![1]!
    expect(mail.html).toContain(`<a href="${link}" style="color:#7a1f5c;text-decoration:underline">`)
    expect(mail.text).not.toMatch(/<[a-z]/i)
  })

  it('show its logo and colour to a visitor subscribing to sub-processor changes', async () => {
    const { workspace, logoUrl } = await brandedWorkspace()
    const email = `visitor-${randomUUID()}@example.com`
    const result = await subscribe(workspace.slug, email, { ip: randomUUID(), publicOrigin: appOrigin() })
    expect(result).toBeDefined()
    const mail = await mailTo(email)
    expect(mail.html).toContain(logoUrl)
    expect(mail.html).toContain('#7a1f5c')
  })

  it('use the name and Candor’s colour for a workspace without branding', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const email = `ana-${randomUUID()}@example.com`
    await fileFor(workspace.slug, email)
    const mail = await mailTo(email)
    expect(mail.html).not.toContain('<img')
    expect(mail.html).toContain(CANDOR_ACCENT)
  })

  it('leave mail to members as Candor’s, text only', async () => {
    const { member } = await brandedWorkspace()
    const email = `new-member-${randomUUID()}@example.com`
    await inviteMember(member, { email, role: 'agent' }, appOrigin(), {})
    const mail = await mailTo(email)
    expect(mail.html).toBeNull()
  })
})
