// Replacing a document's file through its page's form (multipart, as the browser sends it):
// a replace aimed at a document that is not there (a malformed id, an unknown one, another
// workspace's) answers 404 and leaves no object behind in the store; a real replace leaves
// exactly one object, the new one.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { env } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { createDocument, storeDocumentFile } from '~/modules/trust/documents.server'
import { action as documentAction } from '~/routes/dashboard/document'
import { makeOwnedWorkspace } from '../support/factories'
import { answerOf, callAction } from '../support/route-call'

const pdf = (text: string) => new File([`%PDF-1.4\n% ${text}\n${'x'.repeat(50_000)}\n%%EOF\n`], 'report.pdf', { type: 'application/pdf' })

/** Every object the local store holds for the workspace (files under its folder). */
async function objectsOf(workspaceId: string): Promise<string[]> {
  const folder = path.resolve(env().CANDOR_DATA_DIR, 'objects', 'workspaces', workspaceId)
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

async function ownerWithDocument() {
  const owned = await makeOwnedWorkspace()
  const stored = await storeDocumentFile(owned.member.tenant, pdf('first'))
  const documentId = await createDocument(owned.member, { title: 'Penetration test 2026', description: '', visibility: 'public' }, stored, {})
  const { token } = await withPlatform((tx) => startSession(tx, owned.owner.id))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
  return { ...owned, documentId, cookie }
}

async function replace(slug: string, documentId: string, cookie: string) {
  const body = new FormData()
  body.set('intent', 'replace')
  body.set('file', pdf('second'))
  const path = `/w/${slug}/documents/${encodeURIComponent(documentId)}`
  const answer = await callAction(documentAction, { path, params: { slug, documentId }, form: body, headers: { cookie } })
  return (await answerOf(answer)).status
}

describe('replacing a document', () => {
  it.each([
    ['a malformed id', () => 'not-a-document'],
    ['an unknown id', () => '00000000-0000-4000-8000-000000000000'],
  ])('aimed at %s answers 404 and stores nothing', async (_, target) => {
    const { workspace, cookie } = await ownerWithDocument()
    const before = await objectsOf(workspace.id)
    expect(before).toHaveLength(1)
    expect(await replace(workspace.slug, target(), cookie)).toBe(404)
    expect(await objectsOf(workspace.id)).toEqual(before)
  })

  it("aimed at another workspace's document answers 404 and stores nothing in either", async () => {
    const mine = await ownerWithDocument()
    const theirs = await ownerWithDocument()
    const [mineBefore, theirsBefore] = [await objectsOf(mine.workspace.id), await objectsOf(theirs.workspace.id)]
    expect(await replace(mine.workspace.slug, theirs.documentId, mine.cookie)).toBe(404)
    expect(await objectsOf(mine.workspace.id)).toEqual(mineBefore)
    expect(await objectsOf(theirs.workspace.id)).toEqual(theirsBefore)
  })

  it('of a real document keeps exactly one object: the new one', async () => {
    const { workspace, documentId, cookie } = await ownerWithDocument()
    const [old] = await objectsOf(workspace.id)
    expect(await replace(workspace.slug, documentId, cookie)).toBe(302)
    const after = await objectsOf(workspace.id)
    expect(after).toHaveLength(1)
    expect(after[0]).not.toBe(old)
    const { rows } = await ownerPool().query(`SELECT object->>'key' AS key FROM trust_document WHERE id = $1`, [documentId])
    expect(after[0]!.endsWith(rows[0].key)).toBe(true)
  })
})
