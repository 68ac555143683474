// The dashboard's section forms, which work without JavaScript: a list section (highlights,
// controls, …) is a table of rows named `<field>.<row>` (items are added, removed and moved with
// list-operations.ts); a row left entirely empty is dropped when saved. Field names start with the
// section's id ("faq.question.0"); messages and echoed values are keyed without it. Reading a form gives the
// section's value (checked by the one content schema) or a message per field in plain words,
// named like the field that needs it.
import type { z } from 'zod'
import { type SectionId, type TrustContent, trustContentSchema } from './content'
import { applyListOp, listOpSchema } from './list-operations'

export type ListSection = 'highlights' | 'controls' | 'certifications' | 'faq'

export const LIST_FIELDS: Record<ListSection | 'locations', readonly string[]> = {
  highlights: ['title', 'body', 'check'],
  controls: ['group', 'title', 'description'],
  certifications: ['name', 'status', 'date', 'note'],
  faq: ['question', 'answer'],
  locations: ['label', 'place'],
}

/** What one item of each list is called, in a sentence ("Move highlight 2 up"). */
export const LIST_ITEMS: Record<keyof typeof LIST_FIELDS, string> = {
  highlights: 'highlight',
  controls: 'control',
  certifications: 'certification',
  faq: 'question',
  locations: 'location',
}

/** The list a section edits, and the prefix of its rows' names (the residency section has other fields too). */
export function sectionList(section: SectionId): { list: keyof typeof LIST_FIELDS; prefix: string } | null {
  if (section === 'residency') return { list: 'locations', prefix: 'locations.' }
  return section === 'highlights' || section === 'controls' || section === 'certifications' || section === 'faq' ? { list: section, prefix: '' } : null
}

/** Fields whose value alone does not make a row worth keeping (a default choice). */
const CHOICE_FIELDS = new Set(['check', 'group', 'status'])

/** A new, empty item of a list: its choices on their first option, as the form shows them. */
export function blankItem(list: keyof typeof LIST_FIELDS): Record<string, string> {
  const first: Record<string, string> = { check: '', group: 'identity', status: 'achieved' }
  return Object.fromEntries(LIST_FIELDS[list].map((field) => [field, first[field] ?? '']))
}

export type Form = { get(name: string): FormDataEntryValue | null; getAll?(name: string): FormDataEntryValue[] }
const read = (form: Form, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/** Most rows a list form is read with: more than any page shows, far fewer than a hostile count asks. */
const MAX_ROWS = 200

/** How many rows a form says its list has, as a whole number from 0 to MAX_ROWS. */
export function submittedRowCount(value: unknown): number {
  const count = Math.trunc(Number(typeof value === 'string' ? value : 0))
  return Number.isFinite(count) ? Math.min(Math.max(count, 0), MAX_ROWS) : 0
}

/** Every row of a list as submitted, empty ones included, in the order shown. */
export function submittedRows(form: Form, fields: readonly string[], prefix = ''): Record<string, string>[] {
  const count = submittedRowCount(read(form, `${prefix}rows`))
  return Array.from({ length: count }, (_, row) => Object.fromEntries(fields.map((field) => [field, read(form, `${prefix}${field}.${row}`)])))
}

/** A row with nothing typed in it (its choices alone do not count). */
export const isEmptyRow = (item: Record<string, string>, fields: readonly string[]) =>
  fields.every((field) => CHOICE_FIELDS.has(field) || item[field]!.trim() === '')

/** The rows of a list as submitted: those with something typed, with their row number. */
function readRows(form: Form, fields: readonly string[], prefix = ''): { row: number; item: Record<string, string> }[] {
  return submittedRows(form, fields, prefix)
    .map((item, row) => ({ row, item }))
    .filter(({ item }) => !isEmptyRow(item, fields))
}

/** A list's rows as form values (the echo a form is shown again with): `<prefix><field>.<row>` and `<prefix>rows`. */
export function rowsAsValues(rows: Record<string, string>[], fields: readonly string[], prefix = ''): Record<string, string> {
  const values: Record<string, string> = { [`${prefix}rows`]: String(rows.length) }
  rows.forEach((row, i) => {
    for (const field of fields) values[`${prefix}${field}.${i}`] = row[field] ?? ''
  })
  return values
}

/** A section's submitted values, keyed without the section's id (as messages and echoes are). */
function scopedValues(section: SectionId, submitted: Iterable<[string, FormDataEntryValue]>): Record<string, string> {
  const scope = `${section}.`
  return Object.fromEntries(
    [...submitted].filter(([k, v]) => typeof v === 'string' && k.startsWith(scope)).map(([k, v]) => [k.slice(scope.length), v as string]),
  )
}

export type SectionForm<S extends SectionId> =
  | { ok: true; value: TrustContent[S] }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> }

/** Read one section's form. `values` echoes what was sent, to show the form again. */
export function readSectionForm<S extends SectionId>(section: S, submitted: Form & Iterable<[string, FormDataEntryValue]>): SectionForm<S> {
  // Every field of a section's form is named "<section>.<field>": ids stay unique on the page.
  const scope = `${section}.`
  const form: Form = { get: (name) => submitted.get(`${scope}${name}`) }
  const values = scopedValues(section, submitted)
  let raw: unknown
  /** From a path in the section's value to the name of the form field. */
  let fieldName: (path: PropertyKey[]) => string
  switch (section) {
    case 'highlights':
    case 'controls':
    case 'certifications':
    case 'faq': {
      const rows = readRows(form, LIST_FIELDS[section as ListSection])
      raw = rows.map((r) => r.item)
      fieldName = ([index, field]) => (typeof index === 'number' && field ? `${String(field)}.${rows[index]?.row ?? 0}` : 'form')
      break
    }
    case 'residency': {
      const rows = readRows(form, LIST_FIELDS.locations, 'locations.')
      raw = { summary: read(form, 'summary'), locations: rows.map((r) => r.item) }
      fieldName = ([key, index, field]) =>
        key === 'locations' && typeof index === 'number' && field ? `locations.${String(field)}.${rows[index]?.row ?? 0}` : String(key ?? 'form')
      break
    }
    case 'overview':
      raw = { headline: read(form, 'headline'), summary: read(form, 'summary') }
      fieldName = ([key]) => String(key ?? 'form')
      break
    case 'rights':
    case 'disclosure':
      raw = { text: read(form, 'text') }
      fieldName = ([key]) => String(key ?? 'form')
      break
    case 'contact':
      raw = { email: read(form, 'email').trim(), text: read(form, 'text') }
      fieldName = ([key]) => String(key ?? 'form')
      break
    case 'lastReviewed':
      raw = read(form, 'lastReviewed')
      fieldName = () => 'lastReviewed'
      break
    default:
      throw new Error(`unknown section ${String(section)}`)
  }
  const schema = trustContentSchema.shape[section] as unknown as z.ZodType<TrustContent[S]>
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) errors[fieldName(issue.path)] ??= issue.message
  return { ok: false, errors, values }
}

export type FormListOp = { ok: true; values: Record<string, string>; focus: string | null } | { ok: false; message: string; values: Record<string, string> }

/**
 * Without JavaScript: a list button's operation (`op`, e.g. "up:2") applied to the rows as the
 * person submitted them, typed text included, and the values to show the form again with. Nothing
 * is saved; `focus` names the field to focus (the first field of the added or moved item).
 */
export function listOpOnForm(section: SectionId, submitted: Form & Iterable<[string, FormDataEntryValue]>, op: unknown, itemName: string): FormListOp {
  const scope = `${section}.`
  const echoed = scopedValues(section, submitted)
  const target = sectionList(section)
  const parsed = listOpSchema.safeParse(op)
  if (!target) return { ok: false, message: 'This section has no list to change.', values: echoed }
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message, values: echoed }
  const fields = LIST_FIELDS[target.list]
  const form: Form = { get: (name) => submitted.get(`${scope}${name}`) }
  const result = applyListOp(submittedRows(form, fields, target.prefix), parsed.data, () => blankItem(target.list), itemName)
  if (!result.ok) return { ok: false, message: result.message, values: echoed }
  // The section's other fields (the residency summary) as sent; the list's rows as they are now.
  const isListField = (key: string) => key === `${target.prefix}rows` || fields.some((field) => key.startsWith(`${target.prefix}${field}.`))
  const kept = Object.fromEntries(Object.entries(echoed).filter(([key]) => !isListField(key)))
  return {
    ok: true,
    values: { ...kept, ...rowsAsValues(result.items, fields, target.prefix) },
    focus: result.focus === null ? null : `${scope}${target.prefix}${fields[0]}.${result.focus}`,
  }
}

/** A section's saved value as its form's values (keyed without the section's id), as the form is first shown. */
export function sectionValues<S extends SectionId>(section: S, value: TrustContent[S]): Record<string, string> {
  const target = sectionList(section)
  if (section === 'residency') {
    const residency = value as TrustContent['residency']
    return { summary: residency.summary, ...rowsAsValues(residency.locations, LIST_FIELDS.locations, 'locations.') }
  }
  if (target) return rowsAsValues(value as Record<string, string>[], LIST_FIELDS[target.list])
  if (section === 'lastReviewed') return { lastReviewed: value as string }
  return { ...(value as Record<string, string>) }
}

/** A list's rows from form values (`<prefix>rows` of them). */
export function rowsOfValues(values: Record<string, string>, fields: readonly string[], prefix = ''): Record<string, string>[] {
  return submittedRows({ get: (name) => values[name] ?? null }, fields, prefix)
}
