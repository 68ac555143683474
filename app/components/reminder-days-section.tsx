// The privacy settings' "Deadline reminders" section: on which days before a request's deadline
// the members working it are e-mailed. A plain form: it works without JavaScript.
import { Form } from 'react-router'
import { Field } from '~/components/field'
import { PageSection } from '~/components/page-section'

export function ReminderDaysSection({ value, error }: { value: string; error?: string }) {
  return (
    <PageSection className="max-w-3xl" id="reminders" title="Deadline reminders">
      <p className="mt-1 text-sm text-slate-600">
        The request’s assignee is e-mailed on these days before its deadline (every member who works requests while
        nobody is), and once more when it becomes overdue. None is sent while the request’s clock is paused.
      </p>
      <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
        <input type="hidden" name="intent" value="reminders" />
        <Field
          label="Reminder days before the deadline"
          name="reminderDays"
          hint="Up to four whole numbers of days from 1 to 60, separated by commas, e.g. “7, 2”. Leave empty to be e-mailed only when a request is overdue."
          value={value}
          error={error}
        />
        <div>
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Save reminder days
          </button>
        </div>
      </Form>
    </PageSection>
  )
}
