// The parts of /account/notifications: the person's time zone, and for each workspace the
// e-mails their role there can get, each ticked on or off beside its default. Plain forms:
// they work without JavaScript.
import { Form } from 'react-router'
import { FormAlert } from './auth-card'
import { SelectField } from './field'
import { PageSection } from './page-section'

type KindChoice = { kind: string; label: string; explains: string; required: boolean; byDefault: boolean; on: boolean }
type WorkspaceChoices = { id: string; name: string; role: string; timeZone: string; kinds: KindChoice[] }

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'

/** What a save answered, shown beside the form that was sent (the page can be long). */
export type SaveNotice = { saved?: string; error?: string }

export function SaveNoticeLine({ notice }: { notice?: SaveNotice }) {
  if (notice?.saved) {
    return (
      <p role="status" className="mt-4 rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {notice.saved}
      </p>
    )
  }
  return <FormAlert message={notice?.error} />
}

/** "Europe/Berlin (Acme)", each workspace's zone, for the default's explanation. */
const zonesOf = (workspaces: WorkspaceChoices[]) => workspaces.map((w) => `${w.timeZone} (${w.name})`).join(', ')

export function TimeZoneSection(props: {
  timeZone: string | null
  timeZones: string[]
  workspaces: WorkspaceChoices[]
  notice?: SaveNotice
  error?: string
  sent?: string
}) {
  const workspaceZones = props.workspaces.length > 0 ? ` Now: ${zonesOf(props.workspaces)}.` : ''
  return (
    <PageSection id="time-zone" title="Your time zone">
      <SaveNoticeLine notice={props.notice} />
      <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
        <input type="hidden" name="intent" value="time_zone" />
        <SelectField
          label="Time zone"
          name="timeZone"
          hint={`The weekly digest arrives on Monday morning in this time zone. By default, each workspace’s time zone.${workspaceZones}`}
          value={props.sent ?? props.timeZone ?? ''}
          error={props.error}
        >
          <option value="">The workspace’s time zone</option>
          {props.timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="submit" className={primary}>
            Save time zone
          </button>
        </div>
      </Form>
    </PageSection>
  )
}

export function WorkspaceKindsSection({ workspace, notice }: { workspace: WorkspaceChoices; notice?: SaveNotice }) {
  const choosable = workspace.kinds.filter((k) => !k.required)
  const required = workspace.kinds.filter((k) => k.required)
  return (
    <PageSection id={`workspace-${workspace.id}`} title={workspace.name}>
      <p className="mt-1 text-sm text-slate-600">
        Your role: {workspace.role}. The e-mails below are those your role can get; “default” is what your role gets unless you
        change it.
      </p>
      <SaveNoticeLine notice={notice} />
      <Form method="post" className="mt-4 rounded border border-slate-200 p-5">
        <input type="hidden" name="intent" value="kinds" />
        <input type="hidden" name="workspaceId" value={workspace.id} />
        <fieldset>
          <legend className="sr-only">E-mails from {workspace.name}</legend>
          <ul className="divide-y divide-slate-100">
            {choosable.map((choice) => {
              const id = `${workspace.id}-${choice.kind}`
              return (
                <li key={choice.kind} className="flex items-start gap-3 py-3">
                  <input type="hidden" name="shown" value={choice.kind} />
                  <input
                    id={id}
                    type="checkbox"
                    name="on"
                    value={choice.kind}
                    defaultChecked={choice.on}
                    aria-describedby={`${id}-explains`}
                    className="mt-1"
                  />
                  <div>
                    <label htmlFor={id} className="font-medium">
                      {choice.label}
                    </label>
                    <p id={`${id}-explains`} className="text-sm text-slate-600">
                      {choice.explains} <span className="text-slate-500">Default for your role: {choice.byDefault ? 'on' : 'off'}.</span>
                    </p>
                  </div>
                </li>
              )
            })}
            {required.map((choice) => (
              <li key={choice.kind} className="flex items-start gap-3 py-3">
                <span className="mt-0.5 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700">always sent</span>
                <div>
                  <p className="font-medium">{choice.label}</p>
                  <p className="text-sm text-slate-600">
                    {choice.explains} A promise or the law depends on it, so it cannot be turned off.
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
        {choosable.length > 0 ? (
          <button type="submit" className={`mt-4 ${primary}`}>
            Save choices for {workspace.name}
          </button>
        ) : null}
      </Form>
    </PageSection>
  )
}
