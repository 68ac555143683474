// The privacy settings' deadline form: how the workspace's legal deadlines are counted.
import { Form } from 'react-router'
import { Field, SelectField } from '~/components/field'
import { PageSection } from '~/components/page-section'
import type { PrivacySettingsView } from '~/modules/dsar/privacy-settings-page.server'
import { type FormState, primaryButton } from './form-state'

type Props = Pick<PrivacySettingsView, 'deadlines' | 'timeZones' | 'holidayCountries' | 'jurisdictions'> & { form: FormState }

export function DeadlinesSection({ deadlines, timeZones, holidayCountries, jurisdictions, form }: Props) {
  const value = (name: keyof typeof deadlines) => form.shown('deadlines', name, deadlines[name])
  const error = (name: keyof typeof deadlines) => form.errorOf('deadlines', name)
  return (
    <PageSection className="max-w-3xl" id="deadlines" title="Deadlines">
      <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
        <input type="hidden" name="intent" value="deadlines" />
        <SelectField
          label="Time zone"
          name="timeZone"
          hint="Deadlines are whole days in this zone: a request received at 23:30 here counts from that day."
          value={value('timeZone') ?? ''}
          error={error('timeZone')}
          options={timeZones.map((zone) => ({ value: zone, label: zone }))}
        />
        <SelectField
          label="Public holidays"
          name="holidayCountry"
          hint="A deadline that ends on a holiday moves to the next working day (GDPR); business days skip them (CCPA)."
          value={value('holidayCountry') ?? ''}
          error={error('holidayCountry')}
          options={[{ value: '', label: 'No public holidays (weekends only)' }, ...holidayCountries.map(({ code, label }) => ({ value: code, label }))]}
        />
        <Field
          label="Extra days off"
          name="customHolidays"
          multiline
          hint="One day per line as YYYY-MM-DD, e.g. regional holidays or office closures."
          value={value('customHolidays')}
          error={error('customHolidays')}
        />
        <Field
          label="Internal target (days from receipt)"
          name="internalTargetDays"
          inputMode="numeric"
          hint="A stricter target of your own, shown beside the legal deadline. Leave empty for none."
          value={value('internalTargetDays')}
          error={error('internalTargetDays')}
        />
        <fieldset>
          <legend className="text-sm font-medium">Which GDPR date drives the deadline badge</legend>
          <div className="mt-2 grid gap-1 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="deadlineBasis" value="statutory" defaultChecked={(value('deadlineBasis') ?? 'statutory') === 'statutory'} />
              The statutory date (one month from receipt)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="deadlineBasis" value="adjusted" defaultChecked={value('deadlineBasis') === 'adjusted'} />
              The adjusted date (time spent waiting for identity information left out)
            </label>
          </div>
          {error('deadlineBasis') ? <p className="mt-1 text-sm text-red-700">{error('deadlineBasis')}</p> : null}
        </fieldset>
        <Field
          label="Backup retention (days)"
          name="backupRetentionDays"
          inputMode="numeric"
          hint="How long backups are kept: an erasure is complete in backups this many days after it. Applies to erasures from now on."
          value={value('backupRetentionDays')}
          error={error('backupRetentionDays')}
        />
        <Field
          label="Closed requests kept (months)"
          name="closedRequestRetentionMonths"
          inputMode="numeric"
          hint="This many months after a request is closed, its requester's name, e-mail, details, messages and files are deleted; its reference, type, dates and outcome stay as a record."
          value={value('closedRequestRetentionMonths')}
          error={error('closedRequestRetentionMonths')}
        />
        <SelectField
          label="Law the portal suggests first"
          name="defaultJurisdiction"
          value={value('defaultJurisdiction') ?? ''}
          error={error('defaultJurisdiction')}
          options={jurisdictions.map(({ code, label }) => ({ value: code, label }))}
        />
        <div>
          <button type="submit" className={primaryButton}>
            Save deadline settings
          </button>
        </div>
      </Form>
    </PageSection>
  )
}
