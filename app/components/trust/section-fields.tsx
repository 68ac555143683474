// The fields of one trust-page section's form. Names carry the section ("overview.headline");
// `values` and `errors` are keyed without it (the saved draft's values, or what was just sent).
import { Field } from '~/components/field'
import type { SectionId } from '~/modules/trust/content'
import { rowsOfValues, LIST_FIELDS, sectionList } from '~/modules/trust/editor-form'
import { ListItems } from './list-items'

export type SectionFieldsProps = {
  section: SectionId
  values: Record<string, string>
  errors: Record<string, string>
  focus: string | null
  onListChange: () => void
  readOnly: boolean
}

export function SectionFields({ section, values, errors, focus, onListChange, readOnly }: SectionFieldsProps) {
  const scope = `${section}.`
  const text = (name: string, label: string, extra: { multiline?: boolean; hint?: string; type?: string } = {}) => (
    <Field label={label} name={`${scope}${name}`} value={values[name] ?? ''} error={errors[name]} {...extra} />
  )
  const list = sectionList(section)
  const items = list ? (
    <ListItems
      scope={scope}
      prefix={list.prefix}
      list={list.list}
      rows={rowsOfValues(values, LIST_FIELDS[list.list], list.prefix)}
      errors={errors}
      focus={focus}
      onChange={onListChange}
      readOnly={readOnly}
    />
  ) : null
  switch (section) {
    case 'overview':
      return (
        <>
          {text('headline', 'Headline')}
          {text('summary', 'Summary (Markdown)', { multiline: true })}
        </>
      )
    case 'residency':
      return (
        <>
          {text('summary', 'Where data lives (Markdown)', { multiline: true })}
          <h3 className="text-sm font-semibold text-ink">Locations</h3>
          {items}
        </>
      )
    case 'highlights':
    case 'controls':
    case 'certifications':
    case 'faq':
      return items
    case 'rights':
    case 'disclosure':
      return text('text', 'Text (Markdown)', { multiline: true })
    case 'contact':
      return (
        <>
          {text('email', 'Security contact e-mail', { type: 'email' })}
          {text('text', 'Text (Markdown)', { multiline: true })}
        </>
      )
    case 'lastReviewed':
      return text('lastReviewed', 'Last reviewed on', { hint: 'YYYY-MM-DD, e.g. 2026-11-01.' })
  }
}
