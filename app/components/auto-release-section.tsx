// The privacy settings' "Review before delivery" section: which request types' exports go to the
// requester without a member's review. Off by default; refused while Candor's own records are
// the only data system (the action says why). A plain form: it works without JavaScript.
import { Form } from 'react-router'
import { PageSection } from '~/components/page-section'

export function AutoReleaseSection({
  types,
  ownSystems,
}: {
  types: { type: string; label: string; on: boolean }[]
  ownSystems: number
}) {
  return (
    <PageSection className="max-w-3xl" id="review" title="Review before delivery">
      <p className="mt-1 text-sm text-slate-600">
        An assembled export waits on its request’s page until a member sends it to the requester. You may let exports of
        a request type go out as soon as they are assembled instead.
        {ownSystems === 0 ? ' This needs at least one data system besides Candor’s own.' : ''}
      </p>
      <Form method="post" className="mt-4 grid gap-3 rounded border border-slate-200 p-5">
        <input type="hidden" name="intent" value="auto_release" />
        <fieldset className="grid gap-2">
          <legend className="font-medium">Send without review</legend>
          {types.map((t) => (
            <label key={t.type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`autoRelease.${t.type}`} defaultChecked={t.on} />
              {t.label}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Save
          </button>
        </div>
      </Form>
    </PageSection>
  )
}
