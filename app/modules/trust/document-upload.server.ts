// Reading a document form: its fields, and its file parsed as part of the multipart stream
// (@remix-run/form-data-parser, which React Router's guide recommends), held to 25 MB, checked
// and written encrypted to object storage by storeDocumentFile. A file that cannot be kept comes
// back as a message for the form; the caller owns a stored file (row, or discardFile).
import {
  type FileUpload,
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MultipartParseError,
  parseFormData,
} from '@remix-run/form-data-parser'
import type { Member } from '~/modules/auth/member.server'
import { refuseUnsafeField } from '~/modules/http/form.server'
import { MAX_DOCUMENT_BYTES, formatBytes } from './document-types'
import { DocumentUploadError, type StoredFile, discardFile, storeDocumentFile } from './documents.server'

export type DocumentForm = { values: Record<string, string>; stored?: StoredFile; fileError?: string }

export async function readDocumentForm(request: Request, member: Member): Promise<DocumentForm> {
  let stored: StoredFile | undefined
  let fileError: string | undefined
  const upload = async (file: FileUpload) => {
    // A form sent without choosing a file still carries an empty, nameless file part.
    if (file.fieldName !== 'file' || (file.size === 0 && file.name === '')) return null
    refuseUnsafeField(file.fieldName, file.name)
    try {
      stored = await storeDocumentFile(member.tenant, file)
    } catch (error) {
      if (!(error instanceof DocumentUploadError)) throw error
      fileError = error.message
    }
    return null
  }
  try {
    const form = await parseFormData(request, { maxFiles: 1, maxFileSize: MAX_DOCUMENT_BYTES }, upload)
    for (const [name, value] of form) refuseUnsafeField(name, String(value))
    return { values: Object.fromEntries([...form].map(([key, value]) => [key, String(value)])), stored, fileError }
  } catch (error) {
    if (stored) await discardFile(stored)
    if (error instanceof MaxFileSizeExceededError) {
      return { values: {}, fileError: `The file is larger than ${formatBytes(MAX_DOCUMENT_BYTES)}, the most a document may be.` }
    }
    if (
      error instanceof MaxFilesExceededError ||
      error instanceof FormDataParseError ||
      error instanceof MultipartParseError ||
      // A text field whose bytes are not UTF-8: the parser's decoder is strict.
      (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
    ) {
      throw new Response('The form could not be read. Reload the page and try again.', { status: 400 })
    }
    throw error
  }
}
