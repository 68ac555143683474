// /w/:slug/subprocessors — the one place a workspace changes its list of sub-processors. While
// nobody is subscribed a change may be made at once; otherwise it is proposed with a day at
// least the notice period away, announced to every confirmed subscriber, and applied on that
// day by a job. Open changes show the notices sent and every objection. Works without
// JavaScript; each form is an `intent` of the one action.
import { Form, Link, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert, upgradeOf } from '~/components/auth-card'
import { Field } from '~/components/field'
import { PageSection } from '~/components/page-section'
import { WideTable } from '~/components/wide-table'
import { requireMember, requirePermission } from '~/modules/auth/member.server'
import { EntitlementRefused, refusalAlert } from '~/modules/billing/entitlements.server'
import { can } from '~/modules/auth/permissions'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { SubprocessorCataloguePicker } from '~/components/subprocessor-catalogue-picker'
import {
  SubprocessorChangeError,
  announceChange,
  applyChangeNow,
  applyDraftNow,
  cancelChange,
  proposeAdditions,
  proposeChange,
  saveNoticePeriod,
} from '~/modules/trust/subprocessor-changes.server'
import { catalogueOffer, catalogueVendor, cataloguePickInput } from '~/modules/trust/subprocessor-catalogue'
import { fieldErrors, immediateChangeInput, noticePeriodInput, proposeChangeInput } from '~/modules/trust/subprocessor-forms'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { formatDay } from '~/modules/trust/subprocessor-rules'
import { changeSummary, changeTitle } from '~/modules/trust/subprocessor-text'
import { subprocessorDashboard } from '~/modules/trust/subprocessor-views.server'
import type { Route } from './+types/subprocessors'
import { isUuid } from '~/modules/formats/uuid'

export const meta: Route.MetaFunction = () => [{ title: 'Sub-processors — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'trust.edit')
  const view = await subprocessorDashboard(member)
  const chosenId = new URL(request.url).searchParams.get('subprocessor')
  const chosen = chosenId && isUuid(chosenId) ? (view.subprocessors.find((s) => s.id === chosenId) ?? null) : null
  return {
    ...view,
    base: `/w/${member.workspace.slug}/subprocessors`,
    publicLinks: subprocessorLinks('', member.workspace.slug),
    chosen,
    catalogue: catalogueOffer([...view.subprocessors, ...view.open.filter((c) => c.kind === 'add')].map((s) => s.name)),
    canPublish: can(member.role, 'trust.publish'),
    canSettings: can(member.role, 'workspace.settings'),
  }
}

const intentForm = z.object({
  intent: z.enum(['propose', 'apply_now', 'announce', 'apply_draft', 'cancel', 'notice_period', 'pick'], 'Choose what to do.'),
})
type Intent = z.output<typeof intentForm>['intent']

type Values = Record<string, string>

/** Which form a failed submission came from: the new one, or the one for this sub-processor. */
const formOf = (values: Values) => (values.kind === 'add' ? 'add' : values.kind === 'remove' ? 'remove' : values.kind === 'change' ? 'change' : 'other')

function refused(intent: Intent | undefined, values: Values, error: string, fieldErrors: Record<string, string>, status = 400) {
  return data({ intent, form: formOf(values), error, fieldErrors, values }, { status })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'trust.edit')
  const form = await readForm(request)
  const values = Object.fromEntries([...form].map(([key, value]) => [key, String(value)]))
  const chosen = intentForm.safeParse(values)
  if (!chosen.success) return refused(undefined, values, 'Choose what to do.', {})
  const { intent } = chosen.data
  const origin = requestOrigin(request, context)
  const back = `/w/${params.slug}/subprocessors`
  try {
    switch (intent) {
      case 'propose': {
        const parsed = proposeChangeInput.safeParse(values)
        if (!parsed.success) return refused(intent, values, 'Some fields need a correction.', fieldErrors(parsed.error))
        await proposeChange(member, parsed.data, origin)
        return redirect(`${back}#changes`)
      }
      case 'apply_now': {
        requirePermission(member.role, 'trust.publish')
        const parsed = immediateChangeInput.safeParse(values)
        if (!parsed.success) return refused(intent, values, 'Some fields need a correction.', fieldErrors(parsed.error))
        await applyChangeNow(member, parsed.data, origin)
        return redirect(`${back}#list`)
      }
      case 'pick': {
        const parsed = cataloguePickInput.safeParse({ vendors: form.getAll('vendors').map(String) })
        if (!parsed.success) return refused(intent, values, parsed.error.issues[0]!.message, {})
        await proposeAdditions(member, parsed.data.vendors.map((id) => ({ ...catalogueVendor(id)! })), origin)
        return redirect(`${back}#changes`)
      }
      case 'announce':
      case 'apply_draft':
      case 'cancel': {
        requirePermission(member.role, 'trust.publish')
        const parsed = z.object({ changeId: z.uuid('Choose a change from the list.') }).safeParse(values)
        if (!parsed.success) return refused(intent, values, 'Choose a change from the list.', {})
        if (intent === 'announce') await announceChange(member, parsed.data.changeId, origin)
        else if (intent === 'apply_draft') await applyDraftNow(member, parsed.data.changeId, origin)
        else await cancelChange(member, parsed.data.changeId, origin)
        return redirect(`${back}#${intent === 'apply_draft' ? 'list' : 'changes'}`)
      }
      case 'notice_period': {
        requirePermission(member.role, 'workspace.settings')
        const parsed = noticePeriodInput.safeParse(values)
        if (!parsed.success) return refused(intent, values, 'Some fields need a correction.', fieldErrors(parsed.error))
        await saveNoticePeriod(member, parsed.data.noticeDays, origin)
        return redirect(`${back}#settings`)
      }
    }
  } catch (error) {
    if (error instanceof EntitlementRefused) {
      return data({ intent, form: formOf(values), fieldErrors: {}, values, ...refusalAlert(error, member) }, { status: 403 })
    }
    if (error instanceof SubprocessorChangeError) {
      return refused(intent, values, error.message, error.field ? { [error.field]: error.message } : {}, 409)
    }
    throw error
  }
}

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'
const small = 'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50'
const link = 'text-brand-700 underline'

type FieldValues = {
  name?: string
  purpose?: string
  dataCategories?: string
  region?: string
  certifications?: string
  policyUrl?: string
}

/** The fields of a sub-processor, prefilled from `values`, with their errors. */
function SubprocessorFields({ values, errors }: { values: FieldValues; errors: Record<string, string | undefined> }) {
  return (
    <>
      <Field label="Name" name="name" value={values.name} error={errors.name} />
      <Field label="Purpose" name="purpose" hint="What it does for you, e.g. “Payment processing”." value={values.purpose} error={errors.purpose} />
      <Field label="Data categories" name="dataCategories" hint="e.g. contact details, billing data." value={values.dataCategories} error={errors.dataCategories} />
      <Field label="Region" name="region" hint="Where it processes the data, e.g. EU (Frankfurt)." value={values.region} error={errors.region} />
      <Field
        label="Certifications"
        name="certifications"
        hint="Separated by commas, e.g. SOC 2 Type II, ISO/IEC 27001."
        value={values.certifications}
        error={errors.certifications}
      />
      <Field
        label="DPA or privacy policy"
        name="policyUrl"
        type="url"
        hint="An https:// link to their data processing agreement or privacy policy."
        value={values.policyUrl}
        error={errors.policyUrl}
      />
    </>
  )
}

function TimingFields(props: { earliest: string; values: Record<string, string>; errors: Record<string, string | undefined>; noticeDays: number }) {
  return (
    <>
      <Field
        label="Effective on"
        name="effectiveOn"
        type="date"
        hint={`At least ${props.noticeDays} days away: ${props.earliest} (${formatDay(props.earliest)}) or later.`}
        value={props.values.effectiveOn ?? props.earliest}
        error={props.errors.effectiveOn}
      />
      <Field label="Reason (told to subscribers)" name="reason" multiline value={props.values.reason} error={props.errors.reason} />
    </>
  )
}

export default function Subprocessors({ loaderData, actionData }: Route.ComponentProps) {
  const { base, settings, subscribers, subprocessors, open, past, chosen, catalogue, canPublish, canSettings, publicLinks } = loaderData
  const failedForm = actionData?.form
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {}
  const sent: Record<string, string> = actionData?.values ?? {}
  const immediate = subscribers.active === 0 && canPublish
  const errorsFor = (form: string) => (failedForm === form ? errors : {})
  const valuesFor = (form: string, stored: FieldValues = {}): Record<string, string> =>
    failedForm === form ? sent : (Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined)) as Record<string, string>)
  const chosenValues: FieldValues | undefined = chosen
    ? {
        name: chosen.name,
        purpose: chosen.purpose,
        dataCategories: chosen.dataCategories,
        region: chosen.region,
        certifications: chosen.certifications.join(', '),
        policyUrl: chosen.policyUrl ?? '',
      }
    : undefined
  return (
    <>
      <h1 className="text-2xl font-semibold">Sub-processors</h1>
      <p className="mt-2 max-w-3xl text-slate-600">
        The companies that process personal data for you, as your trust page lists them and every access answer names them.
        {subscribers.active > 0
          ? ` ${subscribers.active} subscriber${subscribers.active === 1 ? ' is' : 's are'} told of every change at least ${settings.noticeDays} days ahead.`
          : ' Nobody is subscribed yet, so changes can be made at once; once someone subscribes, changes are announced first.'}
      </p>
      <FormAlert message={actionData?.error} upgrade={upgradeOf(actionData)} />

      <PageSection className="max-w-4xl" id="settings" title="Subscribers and notice period">
        <dl className="mt-3 grid max-w-xl grid-cols-2 gap-y-1 text-sm">
          <dt className="text-slate-600">Subscribed (confirmed)</dt>
          <dd data-testid="active-subscribers">{subscribers.active}</dd>
          <dt className="text-slate-600">Waiting for confirmation</dt>
          <dd>{subscribers.pending}</dd>
          <dt className="text-slate-600">Unsubscribed</dt>
          <dd>{subscribers.unsubscribed}</dd>
          <dt className="text-slate-600">Time zone of effective days</dt>
          <dd>{settings.timeZone}</dd>
        </dl>
        <p className="mt-3 text-sm">
          Public pages: <a className={link} href={publicLinks.subscribe}>subscribe</a> ·{' '}
          <a className={link} href={publicLinks.changes}>changelog</a> · <a className={link} href={publicLinks.feed}>Atom feed</a>
        </p>
        {canSettings ? (
          <Form method="post" className="mt-4 flex max-w-xl items-end gap-3" noValidate>
            <input type="hidden" name="intent" value="notice_period" />
            <div className="grow">
              <Field
                label="Notice period (days)"
                name="noticeDays"
                inputMode="numeric"
                value={actionData?.intent === 'notice_period' ? sent.noticeDays : String(settings.noticeDays)}
                error={actionData?.intent === 'notice_period' ? errors.noticeDays : undefined}
              />
            </div>
            <button type="submit" className={secondary}>
              Save notice period
            </button>
          </Form>
        ) : null}
      </PageSection>

      <PageSection className="max-w-4xl" id="list" title="Current sub-processors">
        {subprocessors.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">None listed yet.</p>
        ) : (
          <WideTable label="Current sub-processors" className="mt-3">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Purpose</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Data categories</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Region</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Certifications</th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {subprocessors.map((s) => (
                  <tr key={s.id} className="align-top">
                    <td className="py-2 pr-4">
                      {s.policyUrl ? (
                        <a className={link} href={s.policyUrl} rel="noopener noreferrer nofollow">
                          {s.name}
                        </a>
                      ) : (
                        s.name
                      )}
                    </td>
                    <td className="py-2 pr-4">{s.purpose}</td>
                    <td className="py-2 pr-4">{s.dataCategories || '—'}</td>
                    <td className="py-2 pr-4">{s.region || '—'}</td>
                    <td className="py-2 pr-4">{s.certifications.join(', ') || '—'}</td>
                    <td className="py-2">
                      <Link to={`${base}?subprocessor=${s.id}#propose`} className={small} aria-label={`Change or remove ${s.name}`}>
                        Change or remove
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </WideTable>
        )}
      </PageSection>

      <PageSection className="max-w-4xl" id="catalogue" title="Pick from common vendors">
        <SubprocessorCataloguePicker
          offer={catalogue}
          open={subprocessors.length === 0}
          error={actionData?.intent === 'pick' ? actionData.error : undefined}
        />
      </PageSection>

      <PageSection className="max-w-4xl" id="propose" title={chosen ? `Change or remove ${chosen.name}` : 'Add a sub-processor'}>
        {chosen && chosenValues ? (
          <>
            <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
              <h3 className="font-medium">Change {chosen.name}</h3>
              <input type="hidden" name="kind" value="change" />
              <input type="hidden" name="subprocessorId" value={chosen.id} />
              <SubprocessorFields values={valuesFor('change', chosenValues)} errors={errorsFor('change')} />
              <TimingFields earliest={settings.earliest} noticeDays={settings.noticeDays} values={valuesFor('change')} errors={errorsFor('change')} />
              <div className="flex flex-wrap gap-3">
                <button type="submit" name="intent" value="propose" className={primary}>
                  Propose this change
                </button>
                {immediate ? (
                  <button type="submit" name="intent" value="apply_now" className={secondary}>
                    Change it now
                  </button>
                ) : null}
              </div>
            </Form>
            <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
              <h3 className="font-medium">Remove {chosen.name}</h3>
              <input type="hidden" name="kind" value="remove" />
              <input type="hidden" name="subprocessorId" value={chosen.id} />
              <TimingFields earliest={settings.earliest} noticeDays={settings.noticeDays} values={valuesFor('remove')} errors={errorsFor('remove')} />
              <div className="flex flex-wrap gap-3">
                <button type="submit" name="intent" value="propose" className={primary}>
                  Propose the removal
                </button>
                {immediate ? (
                  <button type="submit" name="intent" value="apply_now" className={secondary}>
                    Remove it now
                  </button>
                ) : null}
              </div>
            </Form>
            <p className="mt-3 text-sm">
              <Link to={`${base}#propose`} className={link}>
                Add a new sub-processor instead
              </Link>
            </p>
          </>
        ) : (
          <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
            <input type="hidden" name="kind" value="add" />
            <SubprocessorFields values={valuesFor('add')} errors={errorsFor('add')} />
            <TimingFields earliest={settings.earliest} noticeDays={settings.noticeDays} values={valuesFor('add')} errors={errorsFor('add')} />
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="intent" value="propose" className={primary}>
                Propose the addition
              </button>
              {immediate ? (
                <button type="submit" name="intent" value="apply_now" className={secondary}>
                  Add it now
                </button>
              ) : null}
            </div>
            {immediate ? (
              <p className="text-sm text-slate-600">“Add it now” skips the notice: possible only while nobody is subscribed.</p>
            ) : null}
          </Form>
        )}
      </PageSection>

      <PageSection className="max-w-4xl" id="changes" title="Proposed and announced changes">
        {open.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No change is waiting.</p>
        ) : (
          <ul className="mt-3 grid gap-4">
            {open.map((change) => (
              <li key={change.id} className="rounded border border-slate-200 p-4">
                <article aria-label={changeTitle(change)}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <h3 className="font-medium">{changeTitle(change)}</h3>
                    <span className={`rounded px-2 py-0.5 text-xs ${change.state === 'draft' ? 'bg-slate-100 text-slate-700' : 'bg-amber-100 text-amber-900'}`}>
                      {change.state === 'draft' ? 'Draft' : 'Announced'}
                    </span>
                  </div>
                  <ul className="mt-2 grid gap-1 text-sm text-slate-700">
                    {changeSummary(change).map((line, i) => (
                      <li key={i} className="break-words">
                        {line}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-2 text-sm text-slate-500">
                    {change.state === 'announced'
                      ? `Announced ${change.announcedAt?.slice(0, 10)}${change.announcedBy ? ` by ${change.announcedBy}` : ''} · notices sent: ${change.notices}`
                      : `Proposed${change.createdBy ? ` by ${change.createdBy}` : ''}`}
                  </p>
                  {change.state === 'announced' ? (
                    <div className="mt-3">
                      <h4 className="text-sm font-medium">Objections ({change.objections.length})</h4>
                      {change.objections.length > 0 ? (
                        <ul className="mt-1 grid gap-2 text-sm">
                          {change.objections.map((o) => (
                            <li key={o.id} className="rounded bg-red-50 px-3 py-2">
                              <p className="text-slate-600">
                                {o.email} · {o.createdAt.slice(0, 10)}
                              </p>
                              <p className="whitespace-pre-wrap break-words">{o.reason}</p>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </div>
                  ) : null}
                  {canPublish ? (
                    <Form method="post" className="mt-3 flex gap-2">
                      <input type="hidden" name="changeId" value={change.id} />
                      {change.state === 'draft' && immediate ? (
                        <button type="submit" name="intent" value="apply_draft" className={small}>
                          {change.kind === 'add' ? 'Add it now' : change.kind === 'remove' ? 'Remove it now' : 'Change it now'}
                        </button>
                      ) : null}
                      {change.state === 'draft' ? (
                        <button type="submit" name="intent" value="announce" className={small}>
                          Announce to {subscribers.active} subscriber{subscribers.active === 1 ? '' : 's'}
                        </button>
                      ) : null}
                      <button type="submit" name="intent" value="cancel" className={small}>
                        {change.state === 'draft' ? 'Discard draft' : 'Withdraw'}
                      </button>
                    </Form>
                  ) : null}
                </article>
              </li>
            ))}
          </ul>
        )}
      </PageSection>

      {past.length > 0 ? (
        <PageSection className="max-w-4xl" id="history" title="Past changes">
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {past.map((change) => (
              <li key={change.id} className="py-2">
                <span className={change.state === 'cancelled' ? 'line-through' : ''}>{changeTitle(change)}</span>{' '}
                <span className="text-slate-500">
                  {change.state === 'applied' ? `applied ${change.appliedAt?.slice(0, 10)}` : `withdrawn ${change.cancelledAt?.slice(0, 10)}`}
                  {change.notices > 0 ? ` · ${change.notices} notified` : ''}
                  {change.objections.length > 0 ? ` · ${change.objections.length} objection${change.objections.length === 1 ? '' : 's'}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </PageSection>
      ) : null}
    </>
  )
}
