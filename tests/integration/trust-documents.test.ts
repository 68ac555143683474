// Trust-page documents against real PostgreSQL, the real object store and real crypto: an upload
// is recognised by its bytes and stored encrypted; a visitor's request records the SHA-256 of the
// exact NDA text, the time, the IP and the user agent; a member approves (or a listed domain is
// approved at once, by sending the link to that address); the link works until it expires or is
// withdrawn; every download is audited; owners and admins are e-mailed when a request waits (once
// an hour per document); nothing crosses between workspaces; the trust page's version stamp moves
// when the list of documents changes.
import { createHash, randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { saveKindChoices } from '~/modules/notifications/preferences.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { accessRequestInput } from '~/modules/trust/document-forms'
import {
  accessState,
  decideRequest,
  downloadPublic,
  downloadWithAccess,
  requestDocumentAccess,
} from '~/modules/trust/document-requests.server'
import {
  DocumentActionError,
  DocumentUploadError,
  createDocument,
  removeDocument,
  replaceDocumentFile,
  saveDocumentSettings,
  saveNda,
  storeDocumentFile,
} from '~/modules/trust/documents.server'
import { addMember, makeOwnedWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const ORIGIN = 'https://trust.example'
const NDA = 'The recipient keeps this report confidential.\n\nSigned by ticking the box.'
const pdf = (text: string): Buffer<ArrayBuffer> => Buffer.from(`%PDF-1.4\n% ${text}\n${'x'.repeat(200_000)}\n%%EOF\n`) as Buffer<ArrayBuffer>

async function upload(member: Member, bytes: Buffer<ArrayBuffer>, visibility: 'public' | 'gated', title = 'SOC 2 Type II report') {
  const stored = await storeDocumentFile(member.tenant, new File([bytes], 'soc2.pdf', { type: 'application/pdf' }))
  const id = await createDocument(member, { title, description: 'Period: 2026', visibility }, stored, {})
  return { id, stored }
}

const read = async (stream: Readable) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function mailsTo(email: string) {
  const { rows } = await ownerPool().query<{ subject: string; text: string }>('SELECT subject, text FROM email_message WHERE "to" = $1 ORDER BY created_at, id', [email])
  return rows
}
const accessTokenIn = (text: string) => /https:\/\/trust\.example\/t\/[^/\s]+\/documents\/access\/([A-Za-z0-9_-]{43})/.exec(text)?.[1]

async function audit(workspaceId: string) {
  const { rows } = await ownerPool().query<{ action: string; actor_type: string; actor_id: string; ip: string | null; after: Record<string, unknown> | null }>(
    'SELECT action, actor_type, actor_id, ip, after FROM audit_entry WHERE workspace_id = $1 ORDER BY seq',
    [workspaceId],
  )
  return rows
}

async function ndaVersionId(workspaceId: string) {
  const { rows } = await ownerPool().query('SELECT id FROM trust_nda_version WHERE workspace_id = $1 ORDER BY number DESC LIMIT 1', [workspaceId])
  return rows[0].id as string
}

const visitor = (ip = randomUUID()) => ({ ip, userAgent: 'Mozilla/5.0 (test)', publicOrigin: ORIGIN })
const requestFrom = (email: string, ndaId: string) => accessRequestInput.parse({ name: 'Ada Auditor', email, company: 'Big Bank', ndaVersionId: ndaId, accept: 'yes' })

describe('uploads', () => {
  it('keeps a PDF encrypted at rest, with its SHA-256 and the type found in its bytes', async () => {
    const { member } = await makeOwnedWorkspace()
    const bytes = pdf('plain words nobody should read at rest')
    const stored = await storeDocumentFile(member.tenant, new File([bytes], 'report.pdf', { type: 'text/html' }))
    expect(stored).toMatchObject({ contentType: 'application/pdf', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })
    const atRest = await read(await objectStore().get(stored.key))
    expect(atRest.includes(Buffer.from('plain words'))).toBe(false)
    expect(atRest.subarray(0, 4).toString()).toBe('CNDF')
  })

  it('refuses a file that only claims to be a PDF, and an empty one, in plain words', async () => {
    const { member } = await makeOwnedWorkspace()
    const html = new File(['<html><script>alert(1)</script>'], 'report.pdf', { type: 'application/pdf' })
    await expect(storeDocumentFile(member.tenant, html)).rejects.toThrow(DocumentUploadError)
    await expect(storeDocumentFile(member.tenant, html)).rejects.toThrow(/not a PDF, Word, Excel, PowerPoint, PNG or JPEG file/)
    await expect(storeDocumentFile(member.tenant, new File([], 'empty.pdf'))).rejects.toThrow(/empty/)
  })

  it('replaces a file (the old object is deleted) and audits create, replace and remove', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const { id, stored } = await upload(member, pdf('first'), 'public')
    const second = await storeDocumentFile(member.tenant, new File([pdf('second')], 'second.pdf'))
    await replaceDocumentFile(member, id, second, {})
    expect(await objectStore().exists(stored.key)).toBe(false)
    await removeDocument(member, id, {})
    expect(await objectStore().exists(second.key)).toBe(false)
    await expect(removeDocument(member, id, {})).rejects.toThrow(DocumentActionError)
    expect((await audit(workspace.id)).map((e) => e.action).filter((a) => a.startsWith('trust_document'))).toEqual([
      'trust_document.create',
      'trust_document.replace',
      'trust_document.remove',
    ])
  })

  it('moves the trust page stamp when the list changes, not when a document is downloaded', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const stamp = async () => (await ownerPool().query('SELECT trust_stamp FROM workspace WHERE id = $1', [workspace.id])).rows[0].trust_stamp as string
    const before = await stamp()
    const { id } = await upload(member, pdf('stamped'), 'public')
    const afterUpload = await stamp()
    expect(BigInt(afterUpload)).toBeGreaterThan(BigInt(before))
    const download = await downloadPublic(workspace.slug, id, { ip: randomUUID() })
    expect(download && 'open' in download).toBe(true)
    expect(await stamp()).toBe(afterUpload)
    await removeDocument(member, id, {})
    expect(BigInt(await stamp())).toBeGreaterThan(BigInt(afterUpload))
  })
})

describe('a gated document', () => {
  it('is requested with the NDA (its SHA-256, time, IP, user agent recorded), approved by a member, and downloaded byte for byte, audited', async () => {
    const { workspace, member, owner } = await makeOwnedWorkspace()
    const bytes = pdf('confidential findings')
    const { id } = await upload(member, bytes, 'gated')
    expect(await requestDocumentAccess(workspace.slug, id, requestFrom('ada@bigbank.test', randomUUID()), visitor())).toEqual({ outcome: 'nda_changed' })
    await saveNda(member, NDA, {})
    const ip = randomUUID()
    const started = Date.now()
    expect(await requestDocumentAccess(workspace.slug, id, requestFrom('ada@bigbank.test', await ndaVersionId(workspace.id)), visitor(ip))).toEqual({ outcome: 'pending' })

    const { rows } = await ownerPool().query('SELECT * FROM trust_document_request WHERE workspace_id = $1', [workspace.id])
    expect(rows).toHaveLength(1)
    const row = rows[0]
    expect(row).toMatchObject({ state: 'pending', email: 'ada@bigbank.test', company: 'Big Bank', ip, user_agent: 'Mozilla/5.0 (test)', access_token_hash: null })
    expect(row.nda_sha256).toBe(createHash('sha256').update(NDA).digest('hex'))
    expect(row.nda_accepted_at.getTime()).toBeGreaterThanOrEqual(started - 1000)
    const [received] = await mailsTo('ada@bigbank.test')
    expect(received!.text).toContain('once it is approved')
    expect(accessTokenIn(received!.text)).toBeUndefined()

    await decideRequest(member, row.id, { kind: 'approve' }, { ip: '203.0.113.9' })
    await expect(decideRequest(member, row.id, { kind: 'deny', reason: '' }, {})).rejects.toThrow(/decided already/)
    const granted = (await mailsTo('ada@bigbank.test'))[1]!
    const token = accessTokenIn(granted.text)!
    expect(token).toBeDefined()
    const stored = await ownerPool().query('SELECT access_token_hash, access_expires_at FROM trust_document_request WHERE id = $1', [row.id])
    expect(stored.rows[0].access_token_hash).toBe(createHash('sha256').update(token).digest('hex'))
    const days = (stored.rows[0].access_expires_at.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)

    const page = await accessState(workspace.slug, token)
    expect(page?.access).toMatchObject({ state: 'open', name: 'Ada Auditor', document: { title: 'SOC 2 Type II report', bytes: bytes.length } })
    const download = await downloadWithAccess(workspace.slug, token, { ip: '198.51.100.7', userAgent: 'curl' })
    if (!download || !('open' in download)) throw new Error('no download')
    expect(download.contentType).toBe('application/pdf')
    expect((await read(await download.open())).equals(bytes)).toBe(true)

    const entries = await audit(workspace.id)
    expect(entries.filter((e) => e.action.startsWith('trust_document_request') || e.action === 'trust_document.download')).toMatchObject([
      { action: 'trust_document_request.create', actor_type: 'system', actor_id: 'document requester', ip, after: { ndaSha256: row.nda_sha256 } },
      { action: 'trust_document_request.approve', actor_type: 'user', actor_id: owner.id, ip: '203.0.113.9' },
      { action: 'trust_document.download', actor_type: 'system', actor_id: 'document requester', ip: '198.51.100.7', after: { documentId: id } },
    ])
    expect(entries.find((e) => e.action === 'trust_document.download')).toBeDefined()
  })

  it('keeps every NDA text: a request names the version it accepted, and a newer text must be read again', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const { id } = await upload(member, pdf('nda versions'), 'gated')
    await saveNda(member, NDA, {})
    const first = await ndaVersionId(workspace.id)
    await saveNda(member, NDA, {}) // the same text: no new version
    await saveNda(member, `${NDA}\n\nVersion two.`, {})
    expect(await requestDocumentAccess(workspace.slug, id, requestFrom('bo@bigbank.test', first), visitor())).toEqual({ outcome: 'nda_changed' })
    const { rows } = await ownerPool().query('SELECT number, text, sha256 FROM trust_nda_version WHERE workspace_id = $1 ORDER BY number', [workspace.id])
    expect(rows.map((r) => r.number)).toEqual([1, 2])
    expect(rows[0].text).toBe(NDA)
    expect(rows[1].sha256).toBe(createHash('sha256').update(`${NDA}\n\nVersion two.`).digest('hex'))
  })

  it('is approved at once for a listed domain, by sending the link to that address only', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const { id } = await upload(member, pdf('auto'), 'gated')
    await saveNda(member, NDA, {})
    await saveDocumentSettings(member, { autoApproveDomains: ['customer.test'], linkDays: 3 }, {})
    const nda = await ndaVersionId(workspace.id)
    expect(await requestDocumentAccess(workspace.slug, id, requestFrom('cy@customer.test', nda), visitor())).toEqual({ outcome: 'approved' })
    expect(await requestDocumentAccess(workspace.slug, id, requestFrom('cy@customer.test.evil.example', nda), visitor())).toEqual({ outcome: 'pending' })
    const [mail] = await mailsTo('cy@customer.test')
    expect(mail!.subject).toContain('your link')
    const token = accessTokenIn(mail!.text)!
    const state = await accessState(workspace.slug, token)
    expect(state?.access.state).toBe('open')
    if (state?.access.state === 'open') expect((state.access.expiresAt.getTime() - Date.now()) / 86_400_000).toBeCloseTo(3, 1)
    const { rows } = await ownerPool().query('SELECT email, state, auto_approved, decided_by FROM trust_document_request WHERE workspace_id = $1 ORDER BY email', [workspace.id])
    expect(rows).toEqual([
      { email: 'cy@customer.test', state: 'approved', auto_approved: true, decided_by: null },
      { email: 'cy@customer.test.evil.example', state: 'pending', auto_approved: false, decided_by: null },
    ])
    expect((await audit(workspace.id)).find((e) => e.action === 'trust_document_request.approve')).toMatchObject({ actor_type: 'system', actor_id: 'document auto-approval' })
  })

  it('stops working when the link expires, is withdrawn, or the document is removed: no download, no audit entry', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const { id } = await upload(member, pdf('expiry'), 'gated')
    await saveNda(member, NDA, {})
    await saveDocumentSettings(member, { autoApproveDomains: ['customer.test'], linkDays: 7 }, {})
    const nda = await ndaVersionId(workspace.id)
    const tokenFor = async (email: string) => {
      await requestDocumentAccess(workspace.slug, id, requestFrom(email, nda), visitor())
      return accessTokenIn((await mailsTo(email)).at(-1)!.text)!
    }
    const expired = await tokenFor('old@customer.test')
    await ownerPool().query("UPDATE trust_document_request SET access_expires_at = now() - interval '1 minute' WHERE email = 'old@customer.test'")
    expect((await accessState(workspace.slug, expired))?.access).toMatchObject({ state: 'expired', documentId: id })
    expect(await downloadWithAccess(workspace.slug, expired, {})).toMatchObject({ state: 'expired' })

    const withdrawn = await tokenFor('gone@customer.test')
    const { rows } = await ownerPool().query("SELECT id FROM trust_document_request WHERE email = 'gone@customer.test'")
    await decideRequest(member, rows[0].id, { kind: 'revoke' }, {})
    expect(await downloadWithAccess(workspace.slug, withdrawn, {})).toMatchObject({ state: 'revoked' })
    expect((await mailsTo('gone@customer.test')).at(-1)!.subject).toContain('withdrawn')

    const live = await tokenFor('live@customer.test')
    await removeDocument(member, id, {})
    expect(await downloadWithAccess(workspace.slug, live, {})).toMatchObject({ state: 'removed' })
    expect(await accessState(workspace.slug, 'not-a-token')).toMatchObject({ access: { state: 'unknown' } })
    expect((await audit(workspace.id)).filter((e) => e.action === 'trust_document.download')).toEqual([])
  })

  it('is denied with the reason e-mailed', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const { id } = await upload(member, pdf('deny'), 'gated')
    await saveNda(member, NDA, {})
    await requestDocumentAccess(workspace.slug, id, requestFrom('dee@rival.test', await ndaVersionId(workspace.id)), visitor())
    const { rows } = await ownerPool().query('SELECT id FROM trust_document_request WHERE workspace_id = $1', [workspace.id])
    await decideRequest(member, rows[0].id, { kind: 'deny', reason: 'We only share this with customers.' }, {})
    const mails = await mailsTo('dee@rival.test')
    expect(mails.at(-1)!.text).toContain('Their reason: We only share this with customers.')
    expect(accessTokenIn(mails.map((m) => m.text).join('\n'))).toBeUndefined()
  })
})

describe('members told of a waiting request', () => {
  const subject = (workspaceName: string, title: string) => `${workspaceName}: new request for “${title}”`
  const noticeWindow = (workspaceId: string, documentId: string) =>
    `documents.request.members:${createHash('sha256').update(`${workspaceId}:${documentId}`).digest('base64url')}`

  it('e-mails each owner and admin once an hour per document, never agents or viewers, and not for an approval at once', async () => {
    const { workspace, member, owner } = await makeOwnedWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const agent = await addMember(workspace.id, 'agent')
    const viewer = await addMember(workspace.id, 'viewer')
    const soc2 = await upload(member, pdf('soc2'), 'gated')
    const pentest = await upload(member, pdf('pentest'), 'gated', 'Penetration test summary')
    await saveNda(member, NDA, {})
    await saveDocumentSettings(member, { autoApproveDomains: ['customer.test'], linkDays: 7 }, {})
    const nda = await ndaVersionId(workspace.id)
    const notices = async (email: string) => (await mailsTo(email)).filter((m) => m.subject.startsWith(`${workspace.name}: new request`))

    // Approved at once: nobody needs to act, nobody is e-mailed, and the hour's turn is not used.
    expect(await requestDocumentAccess(workspace.slug, soc2.id, requestFrom('cy@customer.test', nda), visitor())).toEqual({ outcome: 'approved' })
    expect(await notices(owner.email)).toEqual([])

    expect(await requestDocumentAccess(workspace.slug, soc2.id, requestFrom('ada@bigbank.test', nda), visitor())).toEqual({ outcome: 'pending' })
    for (const email of [owner.email, admin.email]) {
      const mails = await notices(email)
      expect(mails).toHaveLength(1)
      expect(mails[0]!.subject).toBe(subject(workspace.name, 'SOC 2 Type II report'))
      expect(mails[0]!.text).toContain('Someone from Big Bank asks for “SOC 2 Type II report”.')
      expect(mails[0]!.text).toContain(`${ORIGIN}/w/${workspace.slug}/documents`)
      // No way in for whoever reads it: no access link, and not the requester's address.
      expect(accessTokenIn(mails[0]!.text)).toBeUndefined()
      expect(mails[0]!.text).not.toContain('ada@bigbank.test')
    }
    for (const email of [agent.email, viewer.email]) expect(await notices(email)).toEqual([])

    // A second request for the same document within the hour waits on the page, not in the inbox;
    // another document has its own turn.
    expect(await requestDocumentAccess(workspace.slug, soc2.id, requestFrom('bo@bigbank.test', nda), visitor())).toEqual({ outcome: 'pending' })
    expect(await requestDocumentAccess(workspace.slug, pentest.id, requestFrom('bo@bigbank.test', nda), visitor())).toEqual({ outcome: 'pending' })
    expect((await notices(owner.email)).map((m) => m.subject)).toEqual([subject(workspace.name, 'SOC 2 Type II report'), subject(workspace.name, 'Penetration test summary')])

    // The next hour, the next request is e-mailed again.
    await ownerPool().query("UPDATE rate_limit_bucket SET window_start = window_start - interval '1 hour' WHERE key = $1", [noticeWindow(workspace.id, soc2.id)])
    expect(await requestDocumentAccess(workspace.slug, soc2.id, requestFrom('di@bigbank.test', nda), visitor())).toEqual({ outcome: 'pending' })
    expect(await notices(admin.email)).toHaveLength(3)
    expect((await notices(admin.email)).at(-1)!.subject).toBe(subject(workspace.name, 'SOC 2 Type II report'))
  })

  it('leaves out a member who turned document requests off, and ends with where to change that', async () => {
    const { workspace, member, owner } = await makeOwnedWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    expect(await saveKindChoices(admin.userId, { workspaceId: workspace.id, shown: ['document_request'], on: new Set() })).toMatchObject({ outcome: 'saved' })
    const soc2 = await upload(member, pdf('soc2'), 'gated')
    await saveNda(member, NDA, {})
    expect(await requestDocumentAccess(workspace.slug, soc2.id, requestFrom('ada@bigbank.test', await ndaVersionId(workspace.id)), visitor())).toEqual({ outcome: 'pending' })
    const notices = async (email: string) => (await mailsTo(email)).filter((m) => m.subject === subject(workspace.name, 'SOC 2 Type II report'))
    expect(await notices(admin.email)).toEqual([])
    const [toOwner] = await notices(owner.email)
    expect(toOwner!.text.split('\n').at(-1)).toBe(`Choose which e-mails you get from Candor: ${appOrigin()}/account/notifications`)
  })
})

describe('public documents', () => {
  it('download without asking, audited as an anonymous visitor with the address; gated ones do not', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const bytes = pdf('public policy')
    const open = await upload(member, bytes, 'public', 'Security policy')
    const gated = await upload(member, pdf('gated'), 'gated')
    const download = await downloadPublic(workspace.slug, open.id, { ip: '192.0.2.44' })
    if (!download || !('open' in download)) throw new Error('no download')
    expect((await read(await download.open())).equals(bytes)).toBe(true)
    expect(await downloadPublic(workspace.slug, gated.id, { ip: '192.0.2.44' })).toBeNull()
    expect((await audit(workspace.id)).filter((e) => e.action === 'trust_document.download')).toMatchObject([
      { actor_type: 'system', actor_id: 'trust page visitor', ip: '192.0.2.44' },
    ])
  })

  it('limits downloads per address', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const { id } = await upload(member, pdf('limited'), 'public')
    const ip = randomUUID()
    for (let i = 0; i < 30; i++) expect(await downloadPublic(workspace.slug, id, { ip })).toHaveProperty('open')
    expect(await downloadPublic(workspace.slug, id, { ip })).toMatchObject({ outcome: 'rate_limited' })
  })
})

describe('between workspaces', () => {
  it("never finds B's documents or links under A's address, and a member of A cannot decide B's requests", async () => {
    const a = await makeOwnedWorkspace()
    const b = await makeOwnedWorkspace()
    const gated = await upload(b.member, pdf('b secret'), 'gated')
    const open = await upload(b.member, pdf('b public'), 'public')
    await saveNda(b.member, NDA, {})
    await saveDocumentSettings(b.member, { autoApproveDomains: ['customer.test'], linkDays: 7 }, {})
    const bNda = await ndaVersionId(b.workspace.id)
    await requestDocumentAccess(b.workspace.slug, gated.id, requestFrom('eve@customer.test', bNda), visitor())
    const token = accessTokenIn((await mailsTo('eve@customer.test'))[0]!.text)!
    expect((await accessState(b.workspace.slug, token))?.access.state).toBe('open')

    expect(await accessState(a.workspace.slug, token)).toMatchObject({ access: { state: 'unknown' } })
    expect(await downloadWithAccess(a.workspace.slug, token, {})).toMatchObject({ state: 'unknown' })
    expect(await downloadPublic(a.workspace.slug, open.id, { ip: randomUUID() })).toBeNull()
    expect(await requestDocumentAccess(a.workspace.slug, gated.id, requestFrom('eve@customer.test', bNda), visitor())).toEqual({ outcome: 'no_document' })
    const { rows } = await ownerPool().query('SELECT id FROM trust_document_request WHERE workspace_id = $1', [b.workspace.id])
    await expect(decideRequest(a.member, rows[0].id, { kind: 'revoke' }, {})).rejects.toThrow(DocumentActionError)
  })
})
