// The sections of an incident's page: facts, assessment, the notification to the authority and
// its updates, the people affected, the controllers told, the timeline and closing. Each edit
// form posts its own `intent`; it is shown only to members who may change the incident.
import { Form } from 'react-router'
import { Field, SelectField, optionsOf } from '~/components/field'
import { PageSection } from '~/components/page-section'
import type { IncidentView } from '~/modules/incidents/view.server'
import { SUBJECT_DECISIONS } from '~/modules/incidents/forms'
import { AssessmentFields, FactsFields, type FormState } from './incident-fields'

const primary = 'rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700'
const secondary = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50'
const notGiven = <span className="text-slate-500">Not recorded</span>

export function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 text-sm break-words whitespace-pre-wrap sm:col-span-2 sm:mt-0">{children || notGiven}</dd>
    </div>
  )
}

/** An edit form folded away under its summary until opened (opened when it came back refused). */
function EditForm({ summary, intent, open, children, submit }: { summary: string; intent: string; open: boolean; children: React.ReactNode; submit: string }) {
  return (
    <details className="mt-4 rounded border border-slate-200 bg-slate-50 p-4" open={open}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{summary}</summary>
      <Form method="post" className="mt-4 grid max-w-3xl gap-4" noValidate>
        {children}
        <div>
          <button type="submit" name="intent" value={intent} className={primary}>
            {submit}
          </button>
        </div>
      </Form>
    </details>
  )
}

type Props = { incident: IncidentView; form: (intent: string) => FormState; failed?: string; manage: boolean }

export function FactsSection({ incident, form, failed, manage }: Props) {
  const { facts } = incident
  return (
    <PageSection id="facts" title="Facts">
      <dl className="mt-3 divide-y divide-slate-100">
        <Detail term="Owner">{facts.owner}</Detail>
        <Detail term="Severity">{incident.severity}</Detail>
        <Detail term="When it happened">{facts.occurred}</Detail>
        <Detail term="Detected">{facts.detected}</Detail>
        <Detail term="Became aware (clock start)">{facts.aware}</Detail>
        <Detail term="Reported by">{facts.reportedBy}</Detail>
        <Detail term="Type">{facts.types.join('\n')}</Detail>
        <Detail term="Cause">{facts.cause}</Detail>
        <Detail term="Data systems">{facts.dataSystems}</Detail>
        <Detail term="Categories of data">
          {facts.dataCategories}
          {facts.specialCategories ? (
            <span className="ml-2 rounded border border-red-300 bg-red-50 px-1.5 text-xs font-medium text-red-900">special categories</span>
          ) : null}
        </Detail>
        <Detail term="People affected">{facts.people}</Detail>
        <Detail term="Records affected">{facts.records}</Detail>
        <Detail term="Where they live">{facts.locations}</Detail>
        <Detail term="Likely consequences">{facts.consequences}</Detail>
      </dl>
      {manage ? (
        <EditForm summary="Change the facts" intent="facts" open={failed === 'facts'} submit="Save the facts">
          <FactsFields form={form('facts')} owners={incident.owners} />
        </EditForm>
      ) : null}
    </PageSection>
  )
}

export function AssessmentSection({ incident, form, failed, manage }: Props) {
  const { assessment } = incident
  return (
    <PageSection id="assessment" title="Assessment and measures">
      <dl className="mt-3 divide-y divide-slate-100">
        <Detail term="Risk">{assessment.risk ?? <span className="text-slate-500">Not assessed yet</span>}</Detail>
        <Detail term="Reasoning">{assessment.riskReasoning}</Detail>
        <Detail term="Measures taken">{assessment.measuresTaken}</Detail>
        <Detail term="Measures planned">{assessment.measuresPlanned}</Detail>
      </dl>
      {manage ? (
        <EditForm summary="Change the assessment" intent="assessment" open={failed === 'assessment'} submit="Save the assessment">
          <AssessmentFields form={form('assessment')} />
        </EditForm>
      ) : null}
    </PageSection>
  )
}

export function AuthoritySection({ incident, form, failed, manage }: Props) {
  const { authority, notReportable, updates } = incident
  const notify = form('authority')
  const update = form('authority_update')
  const reason = form('not_reportable')
  return (
    <PageSection id="authority" title="Supervisory authority (Art. 33)">
      {authority ? (
        <dl className="mt-3 divide-y divide-slate-100">
          <Detail term="Authority">{authority.name}</Detail>
          <Detail term="Notified">{authority.notifiedAt}</Detail>
          <Detail term="Their reference">{authority.reference}</Detail>
          {authority.delayReason ? <Detail term="Reason for the delay past 72 hours">{authority.delayReason}</Detail> : null}
        </dl>
      ) : notReportable ? (
        <dl className="mt-3 divide-y divide-slate-100">
          <Detail term="Not reportable, decided">{notReportable.at}</Detail>
          <Detail term="Why">{notReportable.reason}</Detail>
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-700">No notification to the authority is recorded, and the breach is not recorded as not reportable.</p>
      )}

      {authority ? (
        <>
          <h3 className="mt-6 text-sm font-semibold">Updates sent to the authority (Art. 33(4))</h3>
          {updates.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">None recorded.</p>
          ) : (
            <ol className="mt-2 divide-y divide-slate-100">
              {updates.map((entry) => (
                <li key={entry.id} className="py-2 text-sm">
                  <span className="font-medium">{entry.at}</span> <span className="text-slate-500">recorded by {entry.who}</span>
                  <p className="mt-1 break-words whitespace-pre-wrap">{entry.body}</p>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}

      {manage ? (
        <EditForm
          summary={authority ? 'Change the notification' : 'Record the notification to the authority'}
          intent="authority"
          open={failed === 'authority'}
          submit={authority ? 'Save the notification' : 'Record the notification'}
        >
          <Field label="Supervisory authority" name="authorityName" hint="E.g. Data Protection Commission (Ireland)." value={notify.value('authorityName')} error={notify.error('authorityName')} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Notified at" name="authorityNotifiedAt" type="datetime-local" hint="UTC, to the minute." value={notify.value('authorityNotifiedAt')} error={notify.error('authorityNotifiedAt')} />
            <Field label="Their reference (if any)" name="authorityReference" value={notify.value('authorityReference')} error={notify.error('authorityReference')} />
          </div>
          <Field
            label="Reason for the delay"
            name="delayReason"
            multiline
            hint={`Required when the notification came after ${incident.clock.due}.`}
            value={notify.value('delayReason')}
            error={notify.error('delayReason')}
          />
        </EditForm>
      ) : null}
      {manage && authority ? (
        <EditForm summary="Record an update sent to the authority" intent="authority_update" open={failed === 'authority_update'} submit="Record the update">
          <Field label="Sent at" name="updateAt" type="datetime-local" hint="UTC, to the minute." value={update.value('updateAt')} error={update.error('updateAt')} />
          <Field label="What it told the authority" name="updateBody" multiline value={update.value('updateBody')} error={update.error('updateBody')} />
        </EditForm>
      ) : null}
      {manage && !authority ? (
        <EditForm
          summary={notReportable ? 'Change the reason it is not reportable' : 'Record as not reportable'}
          intent="not_reportable"
          open={failed === 'not_reportable'}
          submit={notReportable ? 'Save the reason' : 'Record as not reportable'}
        >
          <Field
            label="Why it is unlikely to result in a risk to people’s rights and freedoms"
            name="notReportableReason"
            multiline
            value={reason.value('notReportableReason') ?? notReportable?.reason}
            error={reason.error('notReportableReason')}
          />
        </EditForm>
      ) : null}
    </PageSection>
  )
}

export function SubjectsSection({ incident, form, failed, manage }: Props) {
  const subjects = form('subjects')
  return (
    <PageSection id="people" title="People affected (Art. 34)">
      <dl className="mt-3 divide-y divide-slate-100">
        <Detail term="Decision">{incident.subjects.decision}</Detail>
        {incident.subjects.toldAt ? <Detail term="Told">{incident.subjects.toldAt}</Detail> : null}
        {incident.subjects.how ? <Detail term="How">{incident.subjects.how}</Detail> : null}
      </dl>
      {manage ? (
        <EditForm summary="Record the decision" intent="subjects" open={failed === 'subjects'} submit="Save the decision">
          <SelectField label="Decision" name="subjectsDecision" options={optionsOf(SUBJECT_DECISIONS)} value={subjects.value('subjectsDecision')} error={subjects.error('subjectsDecision')} />
          <Field label="Told at (when they were told)" name="subjectsToldAt" type="datetime-local" hint="UTC, to the minute." value={subjects.value('subjectsToldAt')} error={subjects.error('subjectsToldAt')} />
          <Field label="How they were told, or the public communication" name="subjectsHow" multiline value={subjects.value('subjectsHow')} error={subjects.error('subjectsHow')} />
        </EditForm>
      ) : null}
    </PageSection>
  )
}

export function ControllersSection({ incident, form, failed, manage }: Props) {
  const controllers = form('controllers')
  return (
    <PageSection id="controllers" title="Controllers or customers told (Art. 33(2))">
      {incident.controllers ? (
        <dl className="mt-3 divide-y divide-slate-100">
          <Detail term="Told">{incident.controllers.at}</Detail>
          <Detail term="Who">{incident.controllers.told}</Detail>
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-600">None recorded. As a processor, tell the controllers without undue delay.</p>
      )}
      {manage ? (
        <EditForm summary="Record who was told" intent="controllers" open={failed === 'controllers'} submit="Save">
          <Field label="Controllers or customers told" name="controllersTold" multiline value={controllers.value('controllersTold')} error={controllers.error('controllersTold')} />
          <Field label="Told at" name="controllersToldAt" type="datetime-local" hint="UTC, to the minute." value={controllers.value('controllersToldAt')} error={controllers.error('controllersToldAt')} />
        </EditForm>
      ) : null}
    </PageSection>
  )
}

export function TimelineSection({ incident, form, manage }: Props) {
  const note = form('note')
  return (
    <PageSection id="timeline" title="Timeline">
      <ol className="mt-3 divide-y divide-slate-100">
        {incident.events.map((event) => (
          <li key={event.id} className="py-3 text-sm">
            <div className="flex flex-wrap items-baseline gap-3">
              <strong>{event.kind}</strong>
              <span className="text-slate-600">{event.who}</span>
              <span className="text-slate-500">{event.when}</span>
              {event.at ? <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">sent {event.at}</span> : null}
            </div>
            {event.body ? <p className="mt-1 break-words whitespace-pre-wrap">{event.body}</p> : null}
          </li>
        ))}
      </ol>
      {manage ? (
        <Form method="post" className="mt-4 grid max-w-2xl gap-3" noValidate>
          <Field label="Note" name="note" multiline value={note.value('note')} error={note.error('note')} />
          <div>
            <button type="submit" name="intent" value="note" className={secondary}>
              Add note
            </button>
          </div>
        </Form>
      ) : null}
    </PageSection>
  )
}

export function CloseSection({ incident, form, manage }: Props) {
  const close = form('close')
  if (incident.closed) {
    return (
      <PageSection id="close" title="Closed">
        <dl className="mt-3 divide-y divide-slate-100">
          <Detail term="Closed">{incident.closedAt}</Detail>
          <Detail term="Lessons learned">{incident.lessonsLearned}</Detail>
        </dl>
      </PageSection>
    )
  }
  if (!manage) return null
  return (
    <PageSection id="close" title="Close the incident">
      <Form method="post" className="mt-3 grid max-w-2xl gap-3" noValidate>
        <Field label="Lessons learned" name="lessonsLearned" multiline value={close.value('lessonsLearned')} error={close.error('lessonsLearned')} />
        <div>
          <button type="submit" name="intent" value="close" className={secondary}>
            Close the incident
          </button>
        </div>
      </Form>
    </PageSection>
  )
}
