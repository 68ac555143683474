// Form parts of trust-page documents shared by the documents page and a document's own page.
import { VISIBILITIES } from '~/modules/trust/document-forms'
import { ACCEPTED_DESCRIPTION, ACCEPTED_EXTENSIONS, MAX_DOCUMENT_BYTES, formatBytes } from '~/modules/trust/document-types'

export const VISIBILITY_OPTIONS = Object.entries(VISIBILITIES).map(([value, label]) => ({ value, label }))

/** The file input (field name `file`), with what it accepts and its error. */
export function FileField({ label, error }: { label: string; error?: string }) {
  return (
    <div>
      <label htmlFor="file" className="block text-sm font-medium">
        {label}
      </label>
      <p id="file-hint" className="mt-1 text-sm text-slate-500">
        {ACCEPTED_DESCRIPTION}, at most {formatBytes(MAX_DOCUMENT_BYTES)}. Stored encrypted.
      </p>
      <input
        id="file"
        name="file"
        type="file"
        accept={ACCEPTED_EXTENSIONS.join(',')}
        aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
        aria-invalid={error ? true : undefined}
        className="mt-1 block w-full text-sm"
      />
      {error ? (
        <p id="file-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  )
}
