// The audit page's filters: a plain GET form (it works without JavaScript), each choice
// labelled in words, bad values answered under their field.
import { Form, Link } from 'react-router'
import { Field, SelectField } from '~/components/field'
import type { ActorType } from '~/modules/audit/filters'
import type { AuditLogView } from '~/modules/audit/audit-log-view.server'

const ACTOR_CHOICES = [
  { value: '', label: 'Anyone' },
  ...Object.entries({
    user: 'A member',
    operator: 'A Candor operator',
    api_key: 'An API key',
    system: 'Candor itself',
    subject: 'A data subject',
  } satisfies Record<ActorType, string>).map(([value, label]) => ({ value, label })),
]

type Props = Pick<AuditLogView, 'values' | 'errors' | 'choices' | 'filtered'> & { clear: string }

export function AuditFilters({ values, errors, choices, filtered, clear }: Props) {
  return (
    <Form method="get" aria-label="Filter the audit log" className="mt-6 max-w-5xl rounded-lg border border-slate-200 bg-slate-50 p-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="Person" name="person" value={values.person} error={errors?.person} options={[{ value: '', label: 'Everyone' }, ...choices.people]} />
        <SelectField label="Action" name="action" value={values.action} error={errors?.action}>
          <option value="">Every action</option>
          {choices.otherAction ? <option value={choices.otherAction}>{choices.otherAction}</option> : null}
          {choices.actions.map((group) => (
            <optgroup key={group.area} label={group.area}>
              {group.choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField label="Object" name="object" value={values.object} error={errors?.object} options={[{ value: '', label: 'Any object' }, ...choices.objects]} />
        <SelectField label="Who acted" name="actor" value={values.actor} error={errors?.actor} options={ACTOR_CHOICES} />
        <div className="grid grid-cols-2 gap-4 sm:contents">
          <Field label="From (UTC)" name="from" type="date" value={values.from} error={errors?.from} />
          <Field label="To (UTC)" name="to" type="date" value={values.to} error={errors?.to} />
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Filter
        </button>
        {filtered ? (
          <Link to={clear} className="text-brand-700 underline">
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
