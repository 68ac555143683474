// On a request's page: the files the requester attached to their answers (identity information),
// each a download for staff. Shown only when there is one.
import { useLocation } from 'react-router'
import { PageSection } from '~/components/page-section'

type Attachment = { id: string; fileName: string; contentType: string; size: string; at: string }

export function RequesterAttachmentsSection(props: { attachments: Attachment[] }) {
  // Files sit under the request's own address, whatever form that address takes.
  const base = useLocation().pathname.replace(/\/$/, '')
  if (props.attachments.length === 0) return null
  return (
    <PageSection id="requester-files" title="Files from the requester">
      <p className="mt-1 text-sm text-slate-600">Stored encrypted. Deleted with this request’s details when the requester later has their data erased. Each download is audited.</p>
      <ul className="mt-3 space-y-2 text-sm">
        {props.attachments.map((file) => (
          <li key={file.id} className="flex flex-wrap items-baseline gap-x-3">
            <a className="text-brand-700 underline" href={`${base}/attachments/${file.id}`}>
              {file.fileName}
            </a>
            <span className="text-slate-600">
              {file.contentType}, {file.size}
            </span>
            <time className="text-slate-500">{file.at}</time>
          </li>
        ))}
      </ul>
    </PageSection>
  )
}
