// The privacy settings' data systems: the systems a request fans out to, links to connect a
// database or webhook, archiving, and the form that adds a manual system.
import { Form, Link } from 'react-router'
import { Field } from '~/components/field'
import { PageSection } from '~/components/page-section'
import type { PrivacySettingsView } from '~/modules/dsar/privacy-settings-page.server'
import { type FormState, primaryButton, smallButton } from './form-state'

const SYSTEM_KINDS = { built_in: 'built in', manual: 'manual', postgres: 'Postgres database', webhook: 'webhook endpoint' } as const

export function SystemsSection({ slug, systems, form }: Pick<PrivacySettingsView, 'slug' | 'systems'> & { form: FormState }) {
  return (
    <PageSection className="max-w-3xl" id="systems" title="Data systems">
      <p className="mt-1 text-sm text-slate-600">
        Each access or erasure request gets one task per active system. Manual systems are a checklist a member completes; a
        connected Postgres database is read and erased by Candor through its reviewed dataset map; a webhook endpoint is your
        own service, sent each task signed, whose answer Candor records.
      </p>
      <p className="mt-3 flex flex-wrap gap-3">
        <Link to={`/w/${slug}/data-systems/new/postgres`} className={smallButton}>
          Connect a Postgres database
        </Link>
        <Link to={`/w/${slug}/data-systems/new/webhook`} className={smallButton}>
          Connect a webhook endpoint
        </Link>
      </p>
      <ul className="mt-4 divide-y divide-slate-100">
        {systems.map((system) => (
          <li key={system.id} className="flex items-start justify-between gap-4 py-3 text-sm">
            <div>
              {system.kind === 'postgres' && !system.archived ? (
                <Link to={`/w/${slug}/data-systems/${system.id}`} className="font-semibold text-brand-700 underline">
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
                <button type="submit" name="intent" value="archive_system" className={smallButton} aria-label={`Archive ${system.name}`}>
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
        <Field label="System name" name="systemName" value={form.shown('add_system', 'systemName')} error={form.errorOf('add_system', 'systemName')} />
        <Field
          label="Instructions for the member doing the task"
          name="systemInstructions"
          multiline
          value={form.shown('add_system', 'systemInstructions')}
          error={form.errorOf('add_system', 'systemInstructions')}
        />
        <Field
          label="Days its backups are kept (empty: the workspace’s setting; requesters see it as declared by you)"
          name="systemBackupRetentionDays"
          value={form.shown('add_system', 'systemBackupRetentionDays')}
          error={form.errorOf('add_system', 'systemBackupRetentionDays')}
        />
        <div>
          <button type="submit" className={primaryButton}>
            Add system
          </button>
        </div>
      </Form>
    </PageSection>
  )
}
