// The privacy settings' reply templates: the list, Candor's stock templates for the request
// types without one, and the form that adds or edits a template.
import { Form, Link } from 'react-router'
import { Field, SelectField } from '~/components/field'
import { PageSection } from '~/components/page-section'
import type { PrivacySettingsView } from '~/modules/dsar/privacy-settings-page.server'
import { REQUEST_TYPES } from '~/modules/dsar/request-kinds'
import { type FormState, primaryButton, smallButton, textLink } from './form-state'

type Props = Pick<PrivacySettingsView, 'base' | 'templates' | 'editing' | 'variables' | 'withoutTemplate'> & { form: FormState }

export function TemplatesSection({ base, templates, editing, variables, withoutTemplate, form }: Props) {
  const template: Record<string, string | undefined> = form.failed === 'save_template' ? form.sent : (editing ?? {})
  return (
    <PageSection className="max-w-3xl" id="templates" title="Reply templates">
      <p className="mt-1 text-sm text-slate-600">
        Stock replies members can start from. Variables:{' '}
        {variables.map((variable, i) => (
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
                <strong>{t.name}</strong>{' '}
                <span className="text-slate-600">
                  {t.type} · {t.language}
                </span>
                <p className="mt-1 line-clamp-3 whitespace-pre-wrap text-slate-600">{t.body}</p>
              </div>
              <div className="flex gap-2">
                <Link to={`${base}?template=${t.id}#templates`} className={smallButton} aria-label={`Edit ${t.name}`}>
                  Edit
                </Link>
                <Form method="post">
                  <input type="hidden" name="id" value={t.id} />
                  <button type="submit" name="intent" value="delete_template" className={smallButton} aria-label={`Delete ${t.name}`}>
                    Delete
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {withoutTemplate.length > 0 ? (
        <Form method="post" action={base} className="mt-4 rounded-md bg-brand-50 px-4 py-3 text-sm">
          <input type="hidden" name="intent" value="stock_templates" />
          <p>
            No template yet for: {withoutTemplate.join(', ')}. Candor has a first answer for each, with the reference and due date
            filled in; you can edit or delete them after.
          </p>
          <button type="submit" className={`mt-2 ${smallButton}`}>
            Add Candor’s stock templates ({withoutTemplate.length})
          </button>
        </Form>
      ) : null}
      <Form method="post" action={base} key={editing?.templateId ?? 'new'} className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
        <input type="hidden" name="intent" value="save_template" />
        <input type="hidden" name="templateId" value={template.templateId ?? ''} />
        <h3 className="font-medium">{template.templateId ? `Edit “${editing?.templateName ?? template.templateName}”` : 'New template'}</h3>
        <Field label="Template name" name="templateName" value={template.templateName} error={form.errorOf('save_template', 'templateName')} />
        <SelectField
          label="For requests of type"
          name="requestType"
          value={template.requestType ?? ''}
          error={form.errorOf('save_template', 'requestType')}
          options={[{ value: '', label: 'Any type' }, ...Object.entries(REQUEST_TYPES).map(([value, { label }]) => ({ value, label }))]}
        />
        <Field
          label="Language"
          name="language"
          hint="A code such as en, de or pt-BR."
          value={template.language ?? 'en'}
          error={form.errorOf('save_template', 'language')}
        />
        <Field label="Text" name="body" multiline value={template.body} error={form.errorOf('save_template', 'body')} />
        <div className="flex items-center gap-4">
          <button type="submit" className={primaryButton}>
            Save template
          </button>
          {template.templateId ? (
            <Link to={`${base}#templates`} className={textLink}>
              Cancel editing
            </Link>
          ) : null}
        </div>
      </Form>
    </PageSection>
  )
}
