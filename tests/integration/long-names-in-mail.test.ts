// Names people type (a legal entity, a document title, a workspace) end up inside e-mail
// subjects that Candor builds. A long name, accepted where it was entered, must never make the
// change that sends the e-mail fail: the subject is shortened to fit, the rest of the message
// keeps the whole name.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { settingsInput, signInput } from '~/modules/dpa/forms'
import { saveDpaSettings } from '~/modules/dpa/settings.server'
import { publicOffer, signDpa } from '~/modules/dpa/signing.server'
import { queueEmail } from '~/modules/email/email.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { documentsOf } from '../support/trust-documents'
import { makeOwnedWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const subjectsTo = async (email: string) =>
  (await ownerPool().query<{ subject: string; text: string }>('SELECT subject, text FROM email_message WHERE "to" = $1', [email])).rows

describe('a long name inside an e-mail subject', () => {
  it('is shortened to 200 characters with an ellipsis by the e-mail module', async () => {
    const { member } = await makeOwnedWorkspace()
    const to = `long-${randomUUID()}@example.com`
    await withTenant(member.tenant, (tx) =>
      queueEmail(tx, member.tenant.workspaceId, { to, subject: `Hello ${'é'.repeat(400)}`, text: 'Body' }),
    )
    const [mail] = await subjectsTo(to)
    expect([...mail!.subject]).toHaveLength(200)
    expect(mail!.subject.endsWith('…')).toBe(true)
  })

  it('lets a customer sign the DPA of a legal entity with a 190-character name', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const legalName = `Very Long Legal Entity ${'Holdings '.repeat(20)}`.slice(0, 187) + ' AG'
    expect(legalName).toHaveLength(190)
    await saveDpaSettings(
      member,
      settingsInput.parse({
        legalName,
        address: '1 High Street, London',
        registration: 'Company number 01234567',
        contactEmail: `privacy-${workspace.slug}@acme.example`,
        governingLaw: 'the laws of England and Wales',
        template: DEFAULT_DPA_TEMPLATE,
      }),
      { ip: '198.51.100.1' },
    )
    const offer = (await publicOffer(workspace.slug, 'https://candor.example'))!.offer!
    const signerEmail = `signer-${randomUUID()}@example.com`
    const signed = await signDpa(
      workspace.slug,
      signInput.parse({
        signerName: 'Zoë Signer',
        signerTitle: 'Counsel',
        companyName: 'Example GmbH',
        signerEmail,
        authority: 'yes',
        offer: offer.sha256,
      }),
      { ip: '198.51.100.2', appOrigin: 'https://candor.example' },
    )
    expect(signed.outcome).toBe('signed')
    const [mail] = await subjectsTo(signerEmail)
    expect([...mail!.subject].length).toBeLessThanOrEqual(200)
    expect(mail!.subject.endsWith('…')).toBe(true)
  })

  it('lets a visitor ask for a document whose title is as long as the form allows', async () => {
    const { workspace } = await makeOwnedWorkspace()
    // documentsOf requests the gated document titled `<title> gated` and reads the approval e-mail.
    const fixture = await documentsOf(workspace, 'T'.repeat(190))
    expect(fixture.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})
