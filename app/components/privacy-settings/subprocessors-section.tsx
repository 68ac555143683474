// The privacy settings' sub-processors: the recipients every access answer names, listed here
// and changed on their own page (with notice to subscribers).
import { Link } from 'react-router'
import { PageSection } from '~/components/page-section'
import type { PrivacySettingsView } from '~/modules/dsar/privacy-settings-page.server'
import { textLink } from './form-state'

export function SubprocessorsSection({ slug, subprocessors }: Pick<PrivacySettingsView, 'slug' | 'subprocessors'>) {
  return (
    <PageSection className="max-w-3xl" id="subprocessors" title="Sub-processors">
      <p className="mt-1 text-sm text-slate-600">
        The recipients of personal data, named in every access answer. They change in one place, where subscribers are given notice:{' '}
        <Link to={`/w/${slug}/subprocessors`} className={textLink}>
          Sub-processors
        </Link>
        .
      </p>
      {subprocessors.length > 0 ? (
        <table className="mt-4 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Name</th>
              <th scope="col" className="py-2 pr-4 font-medium">Purpose</th>
              <th scope="col" className="py-2 pr-4 font-medium">Data categories</th>
              <th scope="col" className="py-2 font-medium">Region</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {subprocessors.map((s) => (
              <tr key={s.id} className="align-top">
                <td className="py-2 pr-4">{s.name}</td>
                <td className="py-2 pr-4">{s.purpose}</td>
                <td className="py-2 pr-4">{s.dataCategories || '—'}</td>
                <td className="py-2">{s.region || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </PageSection>
  )
}
