// The trust editor's sections, each with its state from the data (empty or not; changed since
// the published version, the same, or nothing published yet) and a link to edit it.
import { Link } from 'react-router'
import type { EditorSection } from '~/modules/trust/editor-sections'

function States({ section, latestVersion }: { section: EditorSection; latestVersion: number | null }) {
  return (
    <span className="flex flex-wrap gap-1.5">
      {section.empty ? <span className="badge badge-neutral">Empty</span> : <span className="badge badge-info">Has content</span>}
      {section.changed === true ? <span className="badge badge-warn">Changed since version {latestVersion}</span> : null}
      {section.changed === false && !section.empty ? <span className="badge badge-good">Same as version {latestVersion}</span> : null}
    </span>
  )
}

export function EditorSectionList(props: { base: string; sections: EditorSection[]; latestVersion: number | null; canEdit: boolean }) {
  const { base, sections, latestVersion } = props
  const open = props.canEdit ? 'Edit' : 'Read'
  return (
    <section id="sections" aria-labelledby="sections-heading" className="mt-10">
      <h2 id="sections-heading" className="text-lg font-semibold">
        Sections
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {props.canEdit ? 'Edit one section at a time beside a preview. Saving writes the draft; visitors see it only once you publish.' : 'Each section of the draft, beside a preview.'}
        {latestVersion === null ? ' Nothing is published yet.' : ` Compared with the published version ${latestVersion}.`}
      </p>
      <ul className="mt-4 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
        {sections.map((section) => (
          <li key={section.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between sm:gap-6" data-section={section.id}>
            <div className="min-w-0">
              <p className="font-medium text-ink">
                <Link to={`${base}/${section.id}`} className="hover:underline">
                  {section.label}
                </Link>
                {section.count && !section.empty ? <span className="ml-2 text-sm font-normal text-slate-500">{section.count}</span> : null}
              </p>
              <p className="mt-0.5 text-sm text-slate-600">{section.hint}</p>
            </div>
            <div className="flex shrink-0 flex-wrap items-center gap-3">
              <States section={section} latestVersion={latestVersion} />
              <Link to={`${base}/${section.id}`} className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
                {open}<span className="sr-only"> {section.label}</span>
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
