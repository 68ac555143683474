// The trust page's published versions, newest first, and the form that compares two of them.
import { Form } from 'react-router'
import { SelectField } from '~/components/field'
import type { TrustOverview } from '~/modules/trust/editor-overview.server'

const shortTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'

export function VersionsTable({ base, versions }: { base: string; versions: TrustOverview['versions'] }) {
  const options = versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }))
  return (
    <section id="versions" aria-labelledby="versions-heading" className="mt-10 mb-16">
      <h2 id="versions-heading" className="text-lg font-semibold">
        Published versions
      </h2>
      {versions.length ? (
        <>
          <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label="Published versions">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Version</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Published</th>
                  <th scope="col" className="py-2 pr-4 font-medium">By</th>
                  <th scope="col" className="py-2 font-medium">SHA-256</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {versions.map((v) => (
                  <tr key={v.number}>
                    <td className="py-2 pr-4">{v.number}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{shortTime(v.publishedAt)}</td>
                    <td className="py-2 pr-4">{v.publishedBy ?? '—'}</td>
                    <td className="py-2 font-mono text-xs">{v.sha256.slice(0, 16)}…</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {versions.length > 1 ? (
            <Form method="get" action={`${base}/versions`} className="mt-4 flex flex-wrap items-end gap-3">
              <div className="w-40">
                <SelectField label="Compare version" name="from" value={String(versions[1]!.number)} options={options} />
              </div>
              <div className="w-40">
                <SelectField label="with version" name="to" value={String(versions[0]!.number)} options={options} />
              </div>
              <button type="submit" className={secondary}>
                Compare
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-600">None yet.</p>
      )}
    </section>
  )
}
