// Which files a workspace may put on its trust page, recognised from their first bytes (a
// browser's Content-Type and a file's name are claims; the bytes are not). The type found here
// is the one stored and sent back on download. Pure.
import { type SignedKind, signedKindOf, startsWith } from '~/modules/formats/file-signatures'

/** The largest document a workspace may upload. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024

export type DocumentType = { contentType: string; label: string; extensions: readonly string[] }

const PDF: DocumentType = { contentType: 'application/pdf', label: 'PDF', extensions: ['pdf'] }
const PNG: DocumentType = { contentType: 'image/png', label: 'PNG image', extensions: ['png'] }
const JPEG: DocumentType = { contentType: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg'] }
// Office Open XML files are ZIP archives: the magic says "ZIP", the extension says which kind.
const OFFICE: Record<string, DocumentType> = {
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document', extensions: ['docx'] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel workbook', extensions: ['xlsx'] },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint presentation', extensions: ['pptx'] },
}

export const ACCEPTED_EXTENSIONS = ['.pdf', '.docx', '.xlsx', '.pptx', '.png', '.jpg', '.jpeg']
export const ACCEPTED_DESCRIPTION = 'PDF, Word, Excel, PowerPoint, PNG or JPEG'

const SIGNED: Record<SignedKind, DocumentType> = { pdf: PDF, png: PNG, jpeg: JPEG }
const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''

/** The document's type from its first bytes (at least 8) and its name, or null when not accepted. */
export function recogniseDocument(head: Uint8Array, fileName: string): DocumentType | null {
  const signed = signedKindOf(head)
  if (signed) return SIGNED[signed]
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return OFFICE[extensionOf(fileName)] ?? null // PK\3\4
  return null
}

/**
 * The name a download is saved under: the uploaded name's last path segment, letters, digits
 * and a few marks only (it goes into a header), with the type's extension.
 */
export function downloadName(fileName: string, type: Pick<DocumentType, 'extensions'>): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '')
    .replace(/\.[a-z0-9]+$/i, '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._()-]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
  return `${base || 'document'}.${type.extensions[0]}`
}

/** The type recorded for a stored content type (downloads name the file with its extension). */
export function typeOfContentType(contentType: string): DocumentType | null {
  return [PDF, PNG, JPEG, ...Object.values(OFFICE)].find((t) => t.contentType === contentType) ?? null
}

/** 1.2 MB, 340 KB, 12 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
