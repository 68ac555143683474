// A workspace's trust-page documents, made through the real upload and request code: a public
// one, a gated one with the NDA, and an approved request's access link. For tests that must hold
// another workspace's documents and links.
import { randomUUID } from 'node:crypto'
import type { Member } from '~/modules/auth/member.server'
import { ownerPool } from '~/modules/db/owner.server'
import { accessRequestInput } from '~/modules/trust/document-forms'
import { requestDocumentAccess } from '~/modules/trust/document-requests.server'
import { createDocument, saveDocumentSettings, saveNda, storeDocumentFile } from '~/modules/trust/documents.server'

export type DocumentFixture = { gatedId: string; publicId: string; accessToken: string; title: string }

/** A document of `workspace`'s, titled `title`, each kind, and a working access link to the gated one. */
export async function documentsOf(workspace: { id: string; slug: string; name: string }, title: string): Promise<DocumentFixture> {
  const system = { type: 'system', reason: 'test' } as const
  const member = { role: 'owner', workspace, tenant: { workspaceId: workspace.id, actor: system }, impersonation: null } as unknown as Member
  const make = async (visibility: 'public' | 'gated') => {
    const file = new File([`%PDF-1.4\n% ${title}\n%%EOF\n`], 'report.pdf')
    return createDocument(member, { title: `${title} ${visibility}`, description: title, visibility }, await storeDocumentFile(member.tenant, file), {})
  }
  const gatedId = await make('gated')
  const publicId = await make('public')
  await saveNda(member, `${title} NDA`, {})
  await saveDocumentSettings(member, { autoApproveDomains: ['customer.example'], linkDays: 7 }, {})
  const email = `reader-${randomUUID()}@customer.example`
  const { rows: nda } = await ownerPool().query('SELECT id FROM trust_nda_version WHERE workspace_id = $1', [workspace.id])
  const input = accessRequestInput.parse({ name: `${title} reader`, email, company: 'Customer', ndaVersionId: nda[0].id, accept: 'yes' })
  const result = await requestDocumentAccess(workspace.slug, gatedId, input, { ip: randomUUID(), publicOrigin: 'https://trust.example' })
  if (result.outcome !== 'approved') throw new Error(`the request was ${result.outcome}`)
  const { rows } = await ownerPool().query<{ text: string }>('SELECT text FROM email_message WHERE "to" = $1', [email])
  const accessToken = /\/documents\/access\/([A-Za-z0-9_-]{43})/.exec(rows[0]!.text)![1]!
  return { gatedId, publicId, accessToken, title }
}
