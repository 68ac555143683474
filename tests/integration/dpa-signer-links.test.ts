// The signer's links to a signed DPA are bearer keys, so they end: 30 days after they are sent
// (the e-mail says until when), then the page and the PDF answer 410 and point to the form that
// e-mails a new link, to the address that signed only. The form answers every address the same
// way, stores only the new token's hash, and is limited per address and per e-mail.
import { createHash } from 'node:crypto'
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { SIGNER_LINK_LIMITS } from '~/modules/dpa/signer-links.server'
import { requestInfoContext } from '~/modules/http/request-info'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { action as newLinkAction } from '~/routes/trust/dpa-link'
import { loader as signedPage } from '~/routes/trust/dpa-signed'
import { loader as signedPdf } from '~/routes/trust/dpa-signed-pdf'
import { signedDpaOf } from '../support/dpa-signatures'
import { makeWorkspace } from '../support/factories'
import { answerOf, callAction } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

async function signed() {
  const { workspace } = await makeWorkspace()
  const signature = await signedDpaOf(workspace)
  const { rows } = await ownerPool().query('SELECT signer_email FROM dpa_signature WHERE id = $1', [signature.id])
  return { workspace, ...signature, email: rows[0].signer_email as string }
}

async function page(slug: string, token: string) {
  return answerOf(await (signedPage as (args: unknown) => Promise<unknown>)({ params: { slug, token } }))
}

async function pdf(slug: string, token: string) {
  const context = new RouterContextProvider()
  context.set(requestInfoContext, { nonce: 'n', clientIp: '192.0.2.1' })
  const request = new Request(`http://127.0.0.1/t/${slug}/dpa/signed/${token}/pdf`)
  return answerOf(await (signedPdf as (args: unknown) => Promise<unknown>)({ request, params: { slug, token }, context }).catch((e: unknown) => e))
}

const mailsTo = async (email: string) =>
  (await ownerPool().query<{ subject: string; text: string }>('SELECT subject, text FROM email_message WHERE "to" = $1 ORDER BY created_at', [email])).rows

const askForLink = (slug: string, email: string, clientIp = '198.51.100.20') =>
  callAction(newLinkAction, { path: `/t/${slug}/dpa/link`, params: { slug }, form: { email }, clientIp }).then(answerOf)

describe("the signer's link", () => {
  it('works for 30 days, says so in the e-mail, then answers 410 with the way to a new link', async () => {
    const { workspace, id, token, email } = await signed()
    const [mail] = await mailsTo(email)
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    expect(mail!.text).toContain(`The link works for 30 days, until ${until}. After that, ask for a new one at https://candor.example/t/${workspace.slug}/dpa/link`)
    expect((await page(workspace.slug, token)).status).toBe(200)
    expect((await pdf(workspace.slug, token)).status).toBe(200)

    await ownerPool().query(`UPDATE dpa_signature_link SET expires_at = now() - interval '1 second' WHERE signature_id = $1`, [id])
    const expired = await page(workspace.slug, token)
    expect(expired.status).toBe(410)
    expect(expired.body).toMatchObject({ signature: null, newLink: `/t/${workspace.slug}/dpa/link`, linkDays: 30 })
    const expiredPdf = await pdf(workspace.slug, token)
    expect(expiredPdf.status).toBe(410)
    expect(expiredPdf.body).toBe(`This link has expired: links to a signed agreement work for 30 days. Ask for a new link at /t/${workspace.slug}/dpa/link.`)
  })

  it('can be asked for again: a new link goes to the signing address, stored only as a hash, and opens the copy', async () => {
    const { workspace, id, email } = await signed()
    await ownerPool().query(`UPDATE dpa_signature_link SET expires_at = now() - interval '1 second' WHERE signature_id = $1`, [id])
    const answer = await askForLink(workspace.slug, email.toUpperCase())
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ sentTo: email })

    const mail = (await mailsTo(email)).at(-1)!
    expect(mail.subject).toBe('A new link to your signed data processing agreement with Processor Ltd')
    const token = new RegExp(`/t/${workspace.slug}/dpa/signed/([A-Za-z0-9_-]{43})`).exec(mail.text)![1]!
    expect(mail.text).toContain('The link works for 30 days')
    expect((await page(workspace.slug, token)).status).toBe(200)

    const { rows } = await ownerPool().query('SELECT token_hash FROM dpa_signature_link WHERE signature_id = $1 ORDER BY created_at', [id])
    expect(rows).toHaveLength(2)
    expect(rows[1].token_hash).toBe(sha256(token))
    const clear = await ownerPool().query(`SELECT count(*)::int AS n FROM dpa_signature_link WHERE token_hash = $1`, [token])
    expect(clear.rows[0].n).toBe(0)
    const audit = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'dpa.link_issue'`, [workspace.id])
    expect(audit.rows[0].n).toBe(1)
  })

  it('answers an address that signed nothing exactly the same way, and sends nothing', async () => {
    const { workspace } = await signed()
    const stranger = 'nobody-signed@example.com'
    expect(await askForLink(workspace.slug, stranger)).toMatchObject({ status: 200, body: { sentTo: stranger } })
    expect(await mailsTo(stranger)).toEqual([])
  })

  it('is limited per e-mail and per address, saying which', async () => {
    const { workspace, email } = await signed()
    for (let i = 0; i < SIGNER_LINK_LIMITS.perEmail.limit; i++) expect((await askForLink(workspace.slug, email, `203.0.113.${i}`)).status).toBe(200)
    const perEmail = await askForLink(workspace.slug, email, '203.0.113.200')
    expect(perEmail.status).toBe(429)
    expect(perEmail.body).toMatchObject({ error: expect.stringMatching(/^Too many link requests were sent for this e-mail address recently\./) })

    for (let i = 0; i < SIGNER_LINK_LIMITS.perIp.limit; i++) await askForLink(workspace.slug, `someone-${i}@example.com`, '192.0.2.77')
    const perIp = await askForLink(workspace.slug, 'one-more@example.com', '192.0.2.77')
    expect(perIp.status).toBe(429)
    expect(Number(perIp.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(perIp.body).toMatchObject({ error: expect.stringMatching(/^Too many link requests were sent from here in a short time\./) })
  })

  it('refuses a malformed e-mail with the field message', async () => {
    const { workspace } = await signed()
    const answer = await askForLink(workspace.slug, 'not an address')
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ fieldError: 'Enter the e-mail address you signed with, like name@company.com.' })
  })
})
