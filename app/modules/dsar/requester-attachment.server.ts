// The file a requester attaches to their answer when the company asked for identity information:
// a PDF, PNG or JPEG (judged by its first bytes), at most 10 MB, encrypted in object storage
// under a per-file key (decision 009) and named by its row. Staff open it from the request's
// page; a later erasure for the same person deletes it with the request's other details.
import { randomUUID } from 'node:crypto'
import { type FileKeyRef, decryptStream, fileKey, openFileKey } from '~/modules/crypto/file-encryption.server'
import type { Tx } from '~/modules/db/tenant.server'
import { type SignedKind, signedKindOf } from '~/modules/formats/file-signatures'
import { utcInstant } from '~/modules/formats/utc-instant'
import { chain } from '~/modules/storage/chain'
import { putEncryptedUpload } from '~/modules/storage/encrypted-upload.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { formatBytes } from '~/modules/trust/document-types'
import { MAX_REQUESTER_ATTACHMENT_BYTES } from './requester-attachment-limit'

export class RequesterAttachmentError extends Error {}

type AttachmentType = { contentType: string; extension: string }
const ATTACHMENT_TYPES: Record<SignedKind, AttachmentType> = {
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  png: { contentType: 'image/png', extension: 'png' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
}

type StoredObject = { key: string; encryption: FileKeyRef }

/** The file's type when it may be attached; else a RequesterAttachmentError saying why. */
export async function acceptableType(file: File): Promise<AttachmentType> {
  if (file.size === 0) throw new RequesterAttachmentError('The file you attached is empty.')
  if (file.size > MAX_REQUESTER_ATTACHMENT_BYTES) {
    throw new RequesterAttachmentError(`The file is ${formatBytes(file.size)}; it may be at most ${formatBytes(MAX_REQUESTER_ATTACHMENT_BYTES)}.`)
  }
  const kind = signedKindOf(new Uint8Array(await file.slice(0, 16).arrayBuffer()))
  const type = kind ? ATTACHMENT_TYPES[kind] : null
  if (!type) throw new RequesterAttachmentError('Attach a PDF, PNG or JPEG file (judged by its content, not its name).')
  return type
}

export type StoredRequesterFile = {
  id: string
  object: StoredObject
  fileName: string
  contentType: string
  bytes: number
  sha256: string
}

/**
 * Store the requester's file encrypted, in `tx` (before the answer's event is written: the file
 * key's lock comes first, as in every other transaction that takes it). A refused file throws a
 * RequesterAttachmentError with a message for the requester.
 */
export async function storeRequesterFile(tx: Tx, workspaceId: string, file: File): Promise<StoredRequesterFile> {
  const type = await acceptableType(file)
  const id = randomUUID()
  const key = `workspaces/${workspaceId}/requester-attachments/${id}`
  const encryption = await fileKey(tx, workspaceId, key)
  const sha256 = await putEncryptedUpload(key, encryption.key, file)
  return {
    id,
    object: { key, encryption: encryption.ref },
    fileName: file.name.split(/[\\/]/).at(-1)!.slice(-200) || `attachment.${type.extension}`,
    contentType: type.contentType,
    bytes: file.size,
    sha256,
  }
}

/** Record a stored file against the answer's event; its id. */
export async function recordRequesterFile(
  tx: Tx,
  request: { id: string; workspaceId: string },
  eventId: string,
  stored: StoredRequesterFile,
): Promise<string> {
  await tx.requesterAttachment.create({ data: { ...stored, workspaceId: request.workspaceId, requestId: request.id, eventId } })
  return stored.id
}

/** The request's attachments, oldest first, for the staff's request page. */
export async function requesterAttachmentsOf(tx: Tx, requestId: string) {
  const rows = await tx.requesterAttachment.findMany({ where: { requestId }, orderBy: { createdAt: 'asc' } })
  return rows.map((row) => ({ id: row.id, fileName: row.fileName, contentType: row.contentType, size: formatBytes(Number(row.bytes)), at: utcInstant(row.createdAt) }))
}

/** One attachment's row and a way to read its plaintext, for a download the caller allowed and audits. */
export async function openRequesterAttachment(tx: Tx, requestId: string, attachmentId: string) {
  const row = await tx.requesterAttachment.findFirst({ where: { id: attachmentId, requestId } })
  if (!row) return null
  const object = row.object as StoredObject
  const secret = await openFileKey(tx, row.workspaceId, object.key, object.encryption)
  return { row, open: async () => chain(await objectStore().get(object.key), decryptStream(secret, object.key)) }
}

/** Delete the attachments of these requests: the rows, and their encrypted objects. */
export async function deleteRequesterAttachments(tx: Tx, requestIds: string[]): Promise<number> {
  const rows = await tx.requesterAttachment.findMany({ where: { requestId: { in: requestIds } }, select: { id: true, object: true } })
  await tx.requesterAttachment.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } })
  // Deleting an object is idempotent: a rolled-back transaction leaves a row whose file is gone,
  // never a file that no row names.
  for (const row of rows) await objectStore().delete((row.object as StoredObject).key)
  return rows.length
}
