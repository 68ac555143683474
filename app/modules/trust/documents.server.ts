// The documents a workspace offers on its trust page, as members manage them: upload (the file
// is checked by its first bytes, hashed and encrypted on its way to object storage), edit,
// replace, remove; the NDA visitors accept (each text a new version, kept); the domains
// approved at once and how long access links work. Every change is audited in its transaction.
import { createHash, randomUUID } from 'node:crypto'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type FileKeyRef, decryptStream, fileKey, openFileKey } from '~/modules/crypto/file-encryption.server'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { type TenantContext, type Tx, withTenant } from '~/modules/db/tenant.server'
import { isUuid } from '~/modules/formats/uuid'
import { chain } from '~/modules/storage/chain'
import { putEncryptedUpload } from '~/modules/storage/encrypted-upload.server'
import { objectStore } from '~/modules/storage/object-store.server'
import type { DocumentFields } from './document-forms'
import { ACCEPTED_DESCRIPTION, MAX_DOCUMENT_BYTES, formatBytes, recogniseDocument } from './document-types'

export type DocumentObject = { key: string; encryption: FileKeyRef }

/** An upload that cannot be kept, in words for the person who sent it. */
export class DocumentUploadError extends Error {}

/** A document or request that is not there (another workspace's, removed, or decided already). */
export class DocumentActionError extends Error {}

export type StoredFile = DocumentObject & { fileName: string; contentType: string; bytes: number; sha256: string }

export const sha256Hex = (value: string | Buffer) => createHash('sha256').update(value).digest('hex')

/**
 * Check one uploaded file and write it, encrypted, to object storage under a key of its own.
 * The caller creates the row that names it, or deletes it (`discardFile`) if it cannot.
 */
export async function storeDocumentFile(tenant: TenantContext, file: File): Promise<StoredFile> {
  if (file.size === 0) throw new DocumentUploadError('The file is empty. Choose the document to upload.')
  if (file.size > MAX_DOCUMENT_BYTES) {
    throw new DocumentUploadError(`The file is ${formatBytes(file.size)}; documents may be at most ${formatBytes(MAX_DOCUMENT_BYTES)}.`)
  }
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer())
  const type = recogniseDocument(head, file.name)
  if (!type) {
    throw new DocumentUploadError(`This file is not a ${ACCEPTED_DESCRIPTION} file (judged by its content, not its name).`)
  }
  const key = `workspaces/${tenant.workspaceId}/documents/${randomUUID()}`
  const encryption = await withTenant(tenant, (tx) => fileKey(tx, tenant.workspaceId, key))
  const sha256 = await putEncryptedUpload(key, encryption.key, file)
  return {
    key,
    encryption: encryption.ref,
    fileName: file.name.slice(-200) || 'document',
    contentType: type.contentType,
    bytes: file.size,
    sha256,
  }
}

/** Delete a stored file no row names (a form that failed after the upload). */
export const discardFile = (file: DocumentObject) => objectStore().delete(file.key)

/** The plaintext of a document, for a download the caller allowed and audited (inside `tx`). */
export async function openDocument(tx: Tx, workspaceId: string, object: DocumentObject) {
  const secret = await openFileKey(tx, workspaceId, object.key, object.encryption)
  return async () => chain(await objectStore().get(object.key), decryptStream(secret, object.key))
}

const fileFields = (file: StoredFile) => ({
  fileName: file.fileName,
  contentType: file.contentType,
  bytes: BigInt(file.bytes),
  sha256: file.sha256,
  object: { key: file.key, encryption: file.encryption } satisfies DocumentObject,
})

const scopeOf = (member: Member, origin: RequestOrigin) => ({ ...member.tenant, origin })
const userIdOf = (member: Member) => (member.tenant.actor.type === 'user' ? member.tenant.actor.userId : null)

export async function createDocument(member: Member, fields: DocumentFields, file: StoredFile, origin: RequestOrigin): Promise<string> {
  try {
    return await withTenant(member.tenant, async (tx) => {
      const entitled = { tx, workspaceId: member.workspace.id }
      await requireEntitlement(entitled, 'documents')
      if (fields.visibility === 'gated') await requireEntitlement(entitled, 'gated_documents')
      const document = await tx.trustDocument.create({
        data: { workspaceId: member.workspace.id, ...fields, ...fileFields(file), createdBy: userIdOf(member) },
      })
      await recordAudit(tx, scopeOf(member, origin), {
        action: 'trust_document.create',
        target: { type: 'trust_document', id: document.id },
        after: { title: fields.title, visibility: fields.visibility, fileName: file.fileName, bytes: file.bytes, sha256: file.sha256 },
      })
      return document.id
    })
  } catch (error) {
    await discardFile(file)
    throw error
  }
}

/**
 * Whether the member's workspace has this document (not removed). Asked before a form's file is
 * read, so that nothing is stored for a target that is not there.
 */
export async function documentExists(member: Member, id: string): Promise<boolean> {
  if (!isUuid(id)) return false
  return withTenant(member.tenant, async (tx) =>
    Boolean(await tx.trustDocument.findFirst({ where: { id, removedAt: null }, select: { id: true } })),
  )
}

async function lockDocument(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM trust_document WHERE id = ${id}::uuid FOR UPDATE`
  const document = await tx.trustDocument.findFirst({ where: { id, removedAt: null } })
  if (!document) throw new DocumentActionError('This document is not there any more. Reload the page.')
  return document
}

export async function updateDocument(member: Member, id: string, fields: DocumentFields, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const before = await lockDocument(tx, id)
    // A document gated under a higher plan stays gated (opening it up is the owner's choice); newly gating one needs the plan.
    if (fields.visibility === 'gated' && before.visibility !== 'gated') {
      await requireEntitlement({ tx, workspaceId: member.workspace.id }, 'gated_documents')
    }
    await tx.trustDocument.update({ where: { id }, data: { ...fields, updatedAt: new Date() } })
    await recordAudit(tx, scopeOf(member, origin), {
      action: 'trust_document.update',
      target: { type: 'trust_document', id },
      before: { title: before.title, description: before.description, visibility: before.visibility },
      after: fields,
    })
  })
}

/** A new file for the document; the old one is deleted once the row names the new one. */
export async function replaceDocumentFile(member: Member, id: string, file: StoredFile, origin: RequestOrigin): Promise<void> {
  let old: DocumentObject
  try {
    old = await withTenant(member.tenant, async (tx) => {
      const before = await lockDocument(tx, id)
      await tx.trustDocument.update({ where: { id }, data: { ...fileFields(file), updatedAt: new Date() } })
      await recordAudit(tx, scopeOf(member, origin), {
        action: 'trust_document.replace',
        target: { type: 'trust_document', id },
        before: { fileName: before.fileName, bytes: Number(before.bytes), sha256: before.sha256 },
        after: { fileName: file.fileName, bytes: file.bytes, sha256: file.sha256 },
      })
      return before.object as DocumentObject
    })
  } catch (error) {
    await discardFile(file)
    throw error
  }
  await discardFile(old)
}

/**
 * Take the document off the trust page and delete its file. The row stays: the requests that
 * name it keep their evidence (the NDA accepted, the downloads); its links stop working.
 */
export async function removeDocument(member: Member, id: string, origin: RequestOrigin): Promise<void> {
  const object = await withTenant(member.tenant, async (tx) => {
    const before = await lockDocument(tx, id)
    await tx.trustDocument.update({ where: { id }, data: { removedAt: new Date() } })
    await recordAudit(tx, scopeOf(member, origin), {
      action: 'trust_document.remove',
      target: { type: 'trust_document', id },
      before: { title: before.title, visibility: before.visibility, sha256: before.sha256 },
    })
    return before.object as DocumentObject
  })
  await discardFile(object)
}

/** The NDA shown to visitors now: the newest version, or null before the first is saved. */
export const currentNda = (tx: Tx) => tx.trustNdaVersion.findFirst({ orderBy: { number: 'desc' } })

/** Save the NDA's text as a new version, unless it is the current text already. */
export async function saveNda(member: Member, text: string, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    // One writer at a time per workspace, so version numbers never collide.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`trust_nda:${member.workspace.id}`}, 0))`
    const current = await currentNda(tx)
    if (current?.text === text) return
    const version = await tx.trustNdaVersion.create({
      data: { workspaceId: member.workspace.id, number: (current?.number ?? 0) + 1, text, sha256: sha256Hex(text), createdBy: userIdOf(member) },
    })
    await recordAudit(tx, scopeOf(member, origin), {
      action: 'trust_nda.update',
      target: { type: 'trust_nda_version', id: version.id },
      before: current ? { number: current.number, sha256: current.sha256 } : undefined,
      after: { number: version.number, sha256: version.sha256 },
    })
  })
}

export type DocumentSettings = { autoApproveDomains: string[]; linkDays: number }
export const DEFAULT_SETTINGS: DocumentSettings = { autoApproveDomains: [], linkDays: 7 }

export async function documentSettings(tx: Tx): Promise<DocumentSettings> {
  const row = await tx.trustDocumentSettings.findFirst()
  return row ? { autoApproveDomains: row.autoApproveDomains, linkDays: row.linkDays } : DEFAULT_SETTINGS
}

export async function saveDocumentSettings(member: Member, settings: DocumentSettings, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const before = await documentSettings(tx)
    await tx.trustDocumentSettings.upsert({
      where: { workspaceId: member.workspace.id },
      create: { workspaceId: member.workspace.id, ...settings },
      update: { ...settings, updatedAt: new Date() },
    })
    await recordAudit(tx, scopeOf(member, origin), {
      action: 'trust_document_settings.update',
      target: { type: 'workspace', id: member.workspace.id },
      before: { ...before },
      after: { ...settings },
    })
  })
}

/** Everything the documents page shows. */
export async function documentsDashboard(member: Member) {
  return withTenant(member.tenant, async (tx) => {
    const [documents, nda, settings, requests] = await Promise.all([
      tx.trustDocument.findMany({ where: { removedAt: null }, orderBy: { createdAt: 'asc' } }),
      currentNda(tx),
      documentSettings(tx),
      tx.trustDocumentRequest.findMany({ orderBy: { createdAt: 'desc' }, take: 200, include: { document: { select: { title: true, removedAt: true } } } }),
    ])
    return { documents, nda, settings, requests }
  })
}
