// The saved versions of a data system's dataset map, newest first: who saved each and when.
import { PageSection } from '~/components/page-section'

export function MapVersions({ versions }: { versions: { version: number; savedAt: string; savedBy: string | null }[] }) {
  return (
    <PageSection className="max-w-3xl" id="versions" title="Saved versions">
      {versions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No version saved yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {versions.map((v, i) => (
            <li key={v.version} className="py-2">
              <strong>Version {v.version}</strong> <span className="text-slate-600">saved {v.savedAt}{v.savedBy ? ` by ${v.savedBy}` : ''}</span>
              {i === 0 ? <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">in use</span> : null}
            </li>
          ))}
        </ul>
      )}
    </PageSection>
  )
}
