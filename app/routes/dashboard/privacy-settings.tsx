// /w/:slug/privacy — how the workspace answers privacy requests, for owners and admins: how
// deadlines are counted, the privacy profile every access answer quotes, the data systems a
// request fans out to, and reply templates; sub-processors are listed here but change on their own page
// (/w/:slug/subprocessors). Each form is an `intent` of the one action; each change is audited in the same transaction.
import { Form, Link, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { Field, SelectField } from '~/components/field'
import { AutoReleaseSection } from '~/components/auto-release-section'
import { PageSection } from '~/components/page-section'
import { ReminderDaysSection } from '~/components/reminder-days-section'
import { SetupWarning } from '~/components/setup-warning'
import { requireMember } from '~/modules/auth/member.server'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'
import { withTenant } from '~/modules/db/tenant.server'
import { AUTO_RELEASE_TYPES, setExportAutoRelease } from '~/modules/dsar/export-review.server'
import { HOLIDAY_COUNTRIES } from '~/modules/dsar/holidays'
import {
  PROFILE_FIELDS,
  PrivacySettingsError,
  addManualSystem,
  archiveSystem,
  deadlineSettingsInput,
  deleteReplyTemplate,
  manualSystemInput,
  profileInput,
  replyTemplateInput,
  saveDeadlineSettings,
  saveProfile,
  saveReplyTemplate,
  timeZones,
} from '~/modules/dsar/privacy-settings.server'
import { TEMPLATE_VARIABLES } from '~/modules/dsar/reply-templates'
import { reminderDaysInput, reminderDaysText, saveReminderDays } from '~/modules/dsar/reminder-settings.server'
import { JURISDICTIONS, REQUEST_TYPES } from '~/modules/dsar/request-kinds'
import { addStockReplyTemplates, typesWithoutTemplate } from '~/modules/dsar/stock-reply-templates.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/privacy-settings'
import { isUuid } from '~/modules/formats/uuid'
import { env } from '~/modules/config/env.server'

export const meta: Route.MetaFunction = () => [{ title: 'Privacy settings — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  const editId = new URL(request.url).searchParams.get('template')
  const found = await withTenant(member.tenant, async (tx) => ({
    workspace: await tx.workspace.findUniqueOrThrow({
      where: { id: member.workspace.id },
      select: {
        timeZone: true,
        holidayCountry: true,
        customHolidays: true,
        internalTargetDays: true,
        deadlineBasis: true,
        backupRetentionDays: true,
        closedRequestRetentionMonths: true,
        defaultJurisdiction: true,
        exportAutoRelease: true,
        requestReminderDays: true,
      },
    }),
    profile: await tx.privacyProfile.findUnique({ where: { workspaceId: member.workspace.id } }),
    systems: await tx.dataSystem.findMany({ orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }] }),
    templates: await tx.replyTemplate.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] }),
    subprocessors: await tx.subprocessor.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] }),
    setup: await openSetupSteps(tx, member.workspace.slug),
    withoutTemplate: await typesWithoutTemplate(tx),
  }))
  const editing = editId && isUuid(editId) ? (found.templates.find((t) => t.id === editId) ?? null) : null
  const { workspace, profile } = found
  return {
    base: `/w/${member.workspace.slug}/privacy`,
    setup: found.setup,
    slug: member.workspace.slug,
    deadlines: {
      timeZone: workspace.timeZone,
      holidayCountry: workspace.holidayCountry ?? '',
      customHolidays: workspace.customHolidays.join('\n'),
      internalTargetDays: workspace.internalTargetDays?.toString() ?? '',
      deadlineBasis: workspace.deadlineBasis,
      backupRetentionDays: String(workspace.backupRetentionDays),
      closedRequestRetentionMonths: String(workspace.closedRequestRetentionMonths),
      defaultJurisdiction: workspace.defaultJurisdiction,
    },
    reminderDays: reminderDaysText(workspace.requestReminderDays),
    profile: Object.fromEntries(
      Object.keys(PROFILE_FIELDS).map((field) => [field, profile ? profile[field as keyof typeof PROFILE_FIELDS] : '']),
    ) as Record<keyof typeof PROFILE_FIELDS, string>,
    autoRelease: AUTO_RELEASE_TYPES.map((type) => ({
      type,
      label: REQUEST_TYPES[type].label,
      on: workspace.exportAutoRelease.includes(type),
    })),
    ownSystems: found.systems.filter((s) => s.kind !== 'built_in' && !s.archivedAt).length,
    profileFields: Object.entries(PROFILE_FIELDS).map(([name, { label, hint }]) => ({ name, label, hint })),
    systems: found.systems.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      instructions: s.instructions,
      // Candor's own backups are counted from its catalogue; the others' are what was declared.
      backups:
        s.kind === 'built_in'
          ? `backups: Candor’s own, ${env().BACKUP_RETENTION_DAYS} days, tracked from its catalogue`
          : `backups kept ${s.backupRetentionDays ?? workspace.backupRetentionDays} days (declared${s.backupRetentionDays === null ? ', the workspace’s setting' : ''})`,
      archived: s.archivedAt ? s.archivedAt.toISOString().slice(0, 10) : null,
    })),
    templates: found.templates.map((t) => ({
      id: t.id,
      name: t.name,
      type: t.requestType ? REQUEST_TYPES[t.requestType].label : 'Any type',
      language: t.language,
      body: t.body,
    })),
    editing: editing
      ? {
          templateId: editing.id,
          templateName: editing.name,
          requestType: editing.requestType ?? '',
          language: editing.language,
          body: editing.body,
        }
      : null,
    subprocessors: found.subprocessors.map(({ id, name, purpose, dataCategories, region }) => ({
      id,
      name,
      purpose,
      dataCategories,
      region,
    })),
    timeZones: timeZones(),
    holidayCountries: Object.entries(HOLIDAY_COUNTRIES).map(([code, label]) => ({ code, label })),
    jurisdictions: Object.entries(JURISDICTIONS).map(([code, label]) => ({ code, label })),
    variables: Object.entries(TEMPLATE_VARIABLES).map(([name, description]) => ({ name, description })),
    withoutTemplate: found.withoutTemplate.map((type) => REQUEST_TYPES[type].label),
  }
}

const intentForm = z.object({
  intent: z.enum(
    ['deadlines', 'reminders', 'profile', 'add_system', 'archive_system', 'save_template', 'delete_template', 'stock_templates', 'auto_release'],
    'Choose what to change.',
  ),
})
type Intent = z.output<typeof intentForm>['intent']

const idOf = (what: string) => z.object({ id: z.uuid(`Choose a ${what} from the list.`) })

type Values = Record<string, string>

function invalid(intent: Intent | undefined, error: z.ZodError, values: Values, rename: Record<string, string> = {}) {
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    fieldErrors[rename[field] ?? field] ??= issue.message
  }
  return data({ intent, error: 'Some fields need a correction.', fieldErrors, values }, { status: 400 })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  const values = Object.fromEntries(await readForm(request)) as Values
  const chosen = intentForm.safeParse(values)
  if (!chosen.success) return invalid(undefined, chosen.error, values)
  const { intent } = chosen.data
  const origin = requestOrigin(request, context)
  try {
    switch (intent) {
      case 'deadlines': {
        const parsed = deadlineSettingsInput.safeParse(values)
        if (!parsed.success) return invalid(intent, parsed.error, values)
        await saveDeadlineSettings(member, parsed.data, origin)
        break
      }
      case 'reminders': {
        const parsed = reminderDaysInput.safeParse(values)
        if (!parsed.success) return invalid(intent, parsed.error, values)
        await saveReminderDays(member, parsed.data.reminderDays, origin)
        break
      }
      case 'profile': {
        const parsed = profileInput.safeParse(values)
        if (!parsed.success) return invalid(intent, parsed.error, values)
        await saveProfile(member, parsed.data, origin)
        break
      }
      case 'add_system': {
        const parsed = manualSystemInput.safeParse({
          name: values.systemName,
          instructions: values.systemInstructions,
          backupRetentionDays: values.systemBackupRetentionDays,
        })
        if (!parsed.success) {
          return invalid(intent, parsed.error, values, {
            name: 'systemName',
            instructions: 'systemInstructions',
            backupRetentionDays: 'systemBackupRetentionDays',
          })
        }
        await addManualSystem(member, parsed.data, origin)
        break
      }
      case 'archive_system': {
        const parsed = idOf('data system').safeParse(values)
        if (!parsed.success) return invalid(intent, parsed.error, values)
        await archiveSystem(member, parsed.data.id, origin)
        break
      }
      case 'save_template': {
        const parsed = replyTemplateInput.safeParse({ ...values, name: values.templateName })
        if (!parsed.success) return invalid(intent, parsed.error, values, { name: 'templateName' })
        await saveReplyTemplate(member, parsed.data, origin)
        break
      }
      case 'stock_templates':
        await addStockReplyTemplates(member, origin)
        break
      case 'auto_release':
        // One checkbox per request type: `autoRelease.<type>` is sent only when ticked.
        await setExportAutoRelease(member, AUTO_RELEASE_TYPES.filter((type) => values[`autoRelease.${type}`] === 'on'), origin)
        break
      case 'delete_template': {
        const parsed = idOf('reply template').safeParse(values)
        if (!parsed.success) return invalid(intent, parsed.error, values)
        await deleteReplyTemplate(member, parsed.data.id, origin)
        break
      }
    }
  } catch (error) {
    if (error instanceof PrivacySettingsError) {
      return data({ intent, error: error.message, fieldErrors: {} as Record<string, string>, values }, { status: 409 })
    }
    throw error
  }
  return redirect(`/w/${params.slug}/privacy#${SECTION_OF[intent]}`)
}

const SECTION_OF: Record<Intent, string> = {
  deadlines: 'deadlines',
  reminders: 'reminders',
  profile: 'profile',
  add_system: 'systems',
  archive_system: 'systems',
  save_template: 'templates',
  delete_template: 'templates',
  stock_templates: 'templates',
  auto_release: 'review',
}

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
const button = 'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50'
const link = 'text-brand-700 underline'

const SYSTEM_KINDS = { built_in: 'built in', manual: 'manual', postgres: 'Postgres database', webhook: 'webhook endpoint' } as const

export default function PrivacySettings({ loaderData, actionData }: Route.ComponentProps) {
  const { base, deadlines, profile, profileFields, systems, templates, editing, subprocessors, setup } = loaderData
  const failed = actionData?.intent
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {}
  const sent: Record<string, string | undefined> = actionData?.values ?? {}
  /** What a field shows: what was just sent if its form failed, else the stored value. */
  const shown = (intent: Intent, name: string, stored?: string) => (failed === intent ? sent[name] : stored)
  const errorOf = (intent: Intent, name: string) => (failed === intent ? errors[name] : undefined)
  const template = failed === 'save_template' ? sent : (editing ?? {})
  return (
    <>
      <h1 className="text-2xl font-semibold">Privacy settings</h1>
      <SetupWarning steps={setup} mayFix className="mt-4 max-w-3xl" />
      <FormAlert message={actionData?.error} />

      <PageSection className="max-w-3xl" id="deadlines" title="Deadlines">
        <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
          <input type="hidden" name="intent" value="deadlines" />
          <SelectField
            label="Time zone"
            name="timeZone"
            hint="Deadlines are whole days in this zone: a request received at 23:30 here counts from that day."
            value={shown('deadlines', 'timeZone', deadlines.timeZone) ?? ''}
            error={errorOf('deadlines', 'timeZone')}
            options={loaderData.timeZones.map((zone) => ({ value: zone, label: zone }))}
          />
          <SelectField
            label="Public holidays"
            name="holidayCountry"
            hint="A deadline that ends on a holiday moves to the next working day (GDPR); business days skip them (CCPA)."
            value={shown('deadlines', 'holidayCountry', deadlines.holidayCountry) ?? ''}
            error={errorOf('deadlines', 'holidayCountry')}
            options={[
              { value: '', label: 'No public holidays (weekends only)' },
              ...loaderData.holidayCountries.map(({ code, label }) => ({ value: code, label })),
            ]}
          />
          <Field
            label="Extra days off"
            name="customHolidays"
            multiline
            hint="One day per line as YYYY-MM-DD, e.g. regional holidays or office closures."
            value={shown('deadlines', 'customHolidays', deadlines.customHolidays)}
            error={errorOf('deadlines', 'customHolidays')}
          />
          <Field
            label="Internal target (days from receipt)"
            name="internalTargetDays"
            inputMode="numeric"
            hint="A stricter target of your own, shown beside the legal deadline. Leave empty for none."
            value={shown('deadlines', 'internalTargetDays', deadlines.internalTargetDays)}
            error={errorOf('deadlines', 'internalTargetDays')}
          />
          <fieldset>
            <legend className="text-sm font-medium">Which GDPR date drives the deadline badge</legend>
            <div className="mt-2 grid gap-1 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="deadlineBasis"
                  value="statutory"
                  defaultChecked={(shown('deadlines', 'deadlineBasis', deadlines.deadlineBasis) ?? 'statutory') === 'statutory'}
                />
                The statutory date (one month from receipt)
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="deadlineBasis"
                  value="adjusted"
                  defaultChecked={shown('deadlines', 'deadlineBasis', deadlines.deadlineBasis) === 'adjusted'}
                />
                The adjusted date (time spent waiting for identity information left out)
              </label>
            </div>
            {errorOf('deadlines', 'deadlineBasis') ? <p className="mt-1 text-sm text-red-700">{errorOf('deadlines', 'deadlineBasis')}</p> : null}
          </fieldset>
          <Field
            label="Backup retention (days)"
            name="backupRetentionDays"
            inputMode="numeric"
            hint="How long backups are kept: an erasure is complete in backups this many days after it. Applies to erasures from now on."
            value={shown('deadlines', 'backupRetentionDays', deadlines.backupRetentionDays)}
            error={errorOf('deadlines', 'backupRetentionDays')}
          />
          <Field
            label="Closed requests kept (months)"
            name="closedRequestRetentionMonths"
            inputMode="numeric"
            hint="This many months after a request is closed, its requester's name, e-mail, details, messages and files are deleted; its reference, type, dates and outcome stay as a record."
            value={shown('deadlines', 'closedRequestRetentionMonths', deadlines.closedRequestRetentionMonths)}
            error={errorOf('deadlines', 'closedRequestRetentionMonths')}
          />
          <SelectField
            label="Law the portal suggests first"
            name="defaultJurisdiction"
            value={shown('deadlines', 'defaultJurisdiction', deadlines.defaultJurisdiction) ?? ''}
            error={errorOf('deadlines', 'defaultJurisdiction')}
            options={loaderData.jurisdictions.map(({ code, label }) => ({ value: code, label }))}
          />
          <div>
            <button type="submit" className={primary}>
              Save deadline settings
            </button>
          </div>
        </Form>
      </PageSection>

      <ReminderDaysSection value={shown('reminders', 'reminderDays', loaderData.reminderDays) ?? ''} error={errorOf('reminders', 'reminderDays')} />

      <PageSection className="max-w-3xl" id="profile" title="Privacy profile">
        <p className="mt-1 text-sm text-slate-600">
          Every answer to an access request includes this, as GDPR Art. 15 requires. Sub-processors below are listed as
          the recipients.
        </p>
        <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
          <input type="hidden" name="intent" value="profile" />
          {profileFields.map((field) => (
            <Field
              key={field.name}
              label={field.label}
              name={field.name}
              multiline
              hint={field.hint}
              value={shown('profile', field.name, profile[field.name as keyof typeof profile])}
              error={errorOf('profile', field.name)}
            />
          ))}
          <div>
            <button type="submit" className={primary}>
              Save privacy profile
            </button>
          </div>
        </Form>
      </PageSection>

      <PageSection className="max-w-3xl" id="systems" title="Data systems">
        <p className="mt-1 text-sm text-slate-600">
          Each access or erasure request gets one task per active system. Manual systems are a checklist a member
          completes; a connected Postgres database is read and erased by Candor through its reviewed dataset map; a
          webhook endpoint is your own service, sent each task signed, whose answer Candor records.
        </p>
        <p className="mt-3 flex flex-wrap gap-3">
          <Link to={`/w/${loaderData.slug}/data-systems/new/postgres`} className={button}>
            Connect a Postgres database
          </Link>
          <Link to={`/w/${loaderData.slug}/data-systems/new/webhook`} className={button}>
            Connect a webhook endpoint
          </Link>
        </p>
        <ul className="mt-4 divide-y divide-slate-100">
          {systems.map((system) => (
            <li key={system.id} className="flex items-start justify-between gap-4 py-3 text-sm">
              <div>
                {system.kind === 'postgres' && !system.archived ? (
                  <Link to={`/w/${loaderData.slug}/data-systems/${system.id}`} className="font-semibold text-brand-700 underline">
                    {system.name}
                  </Link>
                ) : (
                  <strong>{system.name}</strong>
                )}{' '}
                <span className="text-slate-600">{SYSTEM_KINDS[system.kind]}</span>
                {system.archived ? <span className="ml-2 text-slate-500">archived {system.archived}</span> : null}
                <span className="ml-2 text-slate-500">{system.backups}</span>
                {system.instructions ? <p className="mt-1 whitespace-pre-wrap text-slate-600">{system.instructions}</p> : null}
              </div>
              {system.kind !== 'built_in' && !system.archived ? (
                <Form method="post">
                  <input type="hidden" name="id" value={system.id} />
                  <button type="submit" name="intent" value="archive_system" className={button} aria-label={`Archive ${system.name}`}>
                    Archive
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
          <input type="hidden" name="intent" value="add_system" />
          <h3 className="font-medium">Add a manual system</h3>
          <Field label="System name" name="systemName" value={shown('add_system', 'systemName')} error={errorOf('add_system', 'systemName')} />
          <Field
            label="Instructions for the member doing the task"
            name="systemInstructions"
            multiline
            value={shown('add_system', 'systemInstructions')}
            error={errorOf('add_system', 'systemInstructions')}
          />
          <Field
            label="Days its backups are kept (empty: the workspace’s setting; requesters see it as declared by you)"
            name="systemBackupRetentionDays"
            value={shown('add_system', 'systemBackupRetentionDays')}
            error={errorOf('add_system', 'systemBackupRetentionDays')}
          />
          <div>
            <button type="submit" className={primary}>
              Add system
            </button>
          </div>
        </Form>
      </PageSection>

      <AutoReleaseSection types={loaderData.autoRelease} ownSystems={loaderData.ownSystems} />

      <PageSection className="max-w-3xl" id="templates" title="Reply templates">
        <p className="mt-1 text-sm text-slate-600">
          Stock replies members can start from. Variables:{' '}
          {loaderData.variables.map((variable, i) => (
            <span key={variable.name}>
              {i > 0 ? ', ' : ''}
              <code>{`{{${variable.name}}}`}</code> ({variable.description})
            </span>
          ))}
          .
        </p>
        {templates.length > 0 ? (
          <ul className="mt-4 divide-y divide-slate-100">
            {templates.map((t) => (
              <li key={t.id} className="flex items-start justify-between gap-4 py-3 text-sm">
                <div>
                  <strong>{t.name}</strong> <span className="text-slate-600">{t.type} · {t.language}</span>
                  <p className="mt-1 line-clamp-3 whitespace-pre-wrap text-slate-600">{t.body}</p>
                </div>
                <div className="flex gap-2">
                  <Link to={`${base}?template=${t.id}#templates`} className={button} aria-label={`Edit ${t.name}`}>
                    Edit
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="id" value={t.id} />
                    <button type="submit" name="intent" value="delete_template" className={button} aria-label={`Delete ${t.name}`}>
                      Delete
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        {loaderData.withoutTemplate.length > 0 ? (
          <Form method="post" action={base} className="mt-4 rounded-md bg-brand-50 px-4 py-3 text-sm">
            <input type="hidden" name="intent" value="stock_templates" />
            <p>
              No template yet for: {loaderData.withoutTemplate.join(', ')}. Candor has a first answer for each, with the reference and
              due date filled in; you can edit or delete them after.
            </p>
            <button type="submit" className={`mt-2 ${button}`}>
              Add Candor’s stock templates ({loaderData.withoutTemplate.length})
            </button>
          </Form>
        ) : null}
        <Form
          method="post"
          action={base}
          key={editing?.templateId ?? 'new'}
          className="mt-4 grid gap-4 rounded border border-slate-200 p-5"
          noValidate
        >
          <input type="hidden" name="intent" value="save_template" />
          <input type="hidden" name="templateId" value={template.templateId ?? ''} />
          <h3 className="font-medium">{template.templateId ? `Edit “${editing?.templateName ?? template.templateName}”` : 'New template'}</h3>
          <Field label="Template name" name="templateName" value={template.templateName} error={errorOf('save_template', 'templateName')} />
          <SelectField
            label="For requests of type"
            name="requestType"
            value={template.requestType ?? ''}
            error={errorOf('save_template', 'requestType')}
            options={[
              { value: '', label: 'Any type' },
              ...Object.entries(REQUEST_TYPES).map(([value, { label }]) => ({ value, label })),
            ]}
          />
          <Field
            label="Language"
            name="language"
            hint="A code such as en, de or pt-BR."
            value={template.language ?? 'en'}
            error={errorOf('save_template', 'language')}
          />
          <Field label="Text" name="body" multiline value={template.body} error={errorOf('save_template', 'body')} />
          <div className="flex items-center gap-4">
            <button type="submit" className={primary}>
              Save template
            </button>
            {template.templateId ? (
              <Link to={`${base}#templates`} className={link}>
                Cancel editing
              </Link>
            ) : null}
          </div>
        </Form>
      </PageSection>

      <PageSection className="max-w-3xl" id="subprocessors" title="Sub-processors">
        <p className="mt-1 text-sm text-slate-600">
          The recipients of personal data, named in every access answer. They change in one place, where subscribers are
          given notice: <Link to={`/w/${loaderData.slug}/subprocessors`} className={link}>Sub-processors</Link>.
        </p>
        {subprocessors.length > 0 ? (
          <table className="mt-4 w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                <th scope="col" className="py-2 pr-4 font-medium">Purpose</th>
                <th scope="col" className="py-2 pr-4 font-medium">Data categories</th>
                <th scope="col" className="py-2 font-medium">Region</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {subprocessors.map((s) => (
                <tr key={s.id} className="align-top">
                  <td className="py-2 pr-4">{s.name}</td>
                  <td className="py-2 pr-4">{s.purpose}</td>
                  <td className="py-2 pr-4">{s.dataCategories || '—'}</td>
                  <td className="py-2">{s.region || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </PageSection>
    </>
  )
}
