// The fields of an incident's facts (Art. 33(5)) and assessment, shared by "Record an incident"
// and the incident page's edit forms. Times are UTC (datetime-local fields, labelled so).
import { Field, SelectField, optionsOf } from '~/components/field'
import { BREACH_TYPES, RISKS, SEVERITIES } from '~/modules/incidents/forms'

export type FormState = {
  value: (name: string) => string | undefined
  values: (name: string) => string[]
  error: (name: string) => string | undefined
}

const UTC = 'UTC, to the minute.'

export function FactsFields({ form, owners }: { form: FormState; owners: { value: string; label: string }[] }) {
  const chosen = form.values('breachTypes')
  return (
    <>
      <Field label="Title" name="title" hint="A short name the team will recognise, e.g. “Support inbox exposed by a misconfigured share”." value={form.value('title')} error={form.error('title')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Severity" name="severity" options={[{ value: '', label: 'Choose one' }, ...optionsOf(SEVERITIES)]} value={form.value('severity') ?? ''} error={form.error('severity')} />
        <SelectField label="Owner" name="ownerUserId" options={owners} value={form.value('ownerUserId')} error={form.error('ownerUserId')} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Began (if known)" name="occurredFrom" type="datetime-local" hint={UTC} value={form.value('occurredFrom')} error={form.error('occurredFrom')} />
        <Field label="Ended (if known)" name="occurredTo" type="datetime-local" hint="Leave empty while it goes on." value={form.value('occurredTo')} error={form.error('occurredTo')} />
        <Field label="Detected" name="detectedAt" type="datetime-local" hint={UTC} value={form.value('detectedAt')} error={form.error('detectedAt')} />
        <Field
          label="Became aware"
          name="awareAt"
          type="datetime-local"
          hint="UTC. The 72 hours start here."
          value={form.value('awareAt')}
          error={form.error('awareAt')}
        />
      </div>
      <Field label="Reported by" name="reportedBy" hint="A person, a team, a customer, a monitoring alert…" value={form.value('reportedBy')} error={form.error('reportedBy')} />
      <fieldset aria-describedby={form.error('breachTypes') ? 'breachTypes-error' : undefined}>
        <legend className="text-sm font-medium">Type of breach</legend>
        <div className="mt-1 grid gap-1">
          {Object.entries(BREACH_TYPES).map(([value, label]) => (
            <label key={value} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="breachTypes" value={value} defaultChecked={chosen.includes(value)} className="mt-1" />
              <span>{label}</span>
            </label>
          ))}
        </div>
        {form.error('breachTypes') ? (
          <p id="breachTypes-error" className="mt-1 text-sm text-red-700">
            {form.error('breachTypes')}
          </p>
        ) : null}
      </fieldset>
      <Field label="Cause" name="cause" multiline value={form.value('cause')} error={form.error('cause')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Data systems involved" name="dataSystems" multiline value={form.value('dataSystems')} error={form.error('dataSystems')} />
        <Field label="Categories of personal data" name="dataCategories" multiline value={form.value('dataCategories')} error={form.error('dataCategories')} />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="specialCategories" value="on" defaultChecked={form.value('specialCategories') === 'on'} className="mt-1" />
        <span>Special categories are involved (health, biometric or genetic data, beliefs, sex life, criminal records…)</span>
      </label>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="People affected (approx.)" name="peopleAffected" inputMode="numeric" hint="Empty if not known yet." value={form.value('peopleAffected')} error={form.error('peopleAffected')} />
        <Field label="Records affected (approx.)" name="recordsAffected" inputMode="numeric" hint="Empty if not known yet." value={form.value('recordsAffected')} error={form.error('recordsAffected')} />
        <Field label="Where they live" name="locations" hint="Countries or regions." value={form.value('locations')} error={form.error('locations')} />
      </div>
      <Field label="Likely consequences for the people affected" name="consequences" multiline value={form.value('consequences')} error={form.error('consequences')} />
    </>
  )
}

export function AssessmentFields({ form }: { form: FormState }) {
  return (
    <>
      <SelectField label="Risk to people’s rights and freedoms" name="risk" options={[{ value: '', label: 'Not assessed yet' }, ...optionsOf(RISKS)]} value={form.value('risk') ?? ''} error={form.error('risk')} />
      <Field label="Reasoning" name="riskReasoning" multiline value={form.value('riskReasoning')} error={form.error('riskReasoning')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Measures taken" name="measuresTaken" multiline value={form.value('measuresTaken')} error={form.error('measuresTaken')} />
        <Field label="Measures planned" name="measuresPlanned" multiline value={form.value('measuresPlanned')} error={form.error('measuresPlanned')} />
      </div>
    </>
  )
}

/** The form's state: what was typed when `intent`'s form came back refused, else `stored`. */
export function formState(
  intent: string,
  refusal: { intent: string; values: Record<string, string | string[]>; fieldErrors: Record<string, string> } | undefined,
  stored: Record<string, string | string[]> = {},
): FormState {
  const source = refusal?.intent === intent ? refusal.values : stored
  return {
    value: (name) => {
      const value = source[name]
      return Array.isArray(value) ? value[0] : value
    },
    values: (name) => {
      const value = source[name]
      return Array.isArray(value) ? value : value ? [value] : []
    },
    error: (name) => (refusal?.intent === intent ? refusal.fieldErrors[name] : undefined),
  }
}
