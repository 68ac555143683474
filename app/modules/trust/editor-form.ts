// The dashboard's section forms, which work without JavaScript: a list section (highlights,
// controls, …) is a table of rows named `<field>.<row>`, its existing items plus a few blank
// rows to add; a row left blank, or ticked "remove", is dropped. Field names start with the
// section's id ("faq.question.0"); messages and echoed values are keyed without it. Reading a form gives the
// section's value (checked by the one content schema) or a message per field in plain words,
// named like the field that needs it.
import type { z } from 'zod'
import { type SectionId, type TrustContent, trustContentSchema } from './content'

export type ListSection = 'highlights' | 'controls' | 'certifications' | 'faq'

export const LIST_FIELDS: Record<ListSection | 'locations', readonly string[]> = {
  highlights: ['title', 'body', 'check'],
  controls: ['group', 'title', 'description'],
  certifications: ['name', 'status', 'date', 'note'],
  faq: ['question', 'answer'],
  locations: ['label', 'place'],
}

/** Fields whose value alone does not make a row worth keeping (a default choice). */
const CHOICE_FIELDS = new Set(['check', 'group', 'status'])

/** How many blank rows each list offers for new items. */
export const BLANK_ROWS = 2

type Form = { get(name: string): FormDataEntryValue | null; getAll?(name: string): FormDataEntryValue[] }
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

/** The rows of a list as submitted: kept ones with their row number. */
function readRows(form: Form, fields: readonly string[], prefix = ''): { row: number; item: Record<string, string> }[] {
  const count = submittedRowCount(read(form, `${prefix}rows`))
  const rows: { row: number; item: Record<string, string> }[] = []
  for (let row = 0; row < count; row++) {
    if (read(form, `${prefix}remove.${row}`) === 'on') continue
    const item = Object.fromEntries(fields.map((field) => [field, read(form, `${prefix}${field}.${row}`)]))
    const blank = fields.every((field) => CHOICE_FIELDS.has(field) || item[field]!.trim() === '')
    if (!blank) rows.push({ row, item })
  }
  return rows
}

export type SectionForm<S extends SectionId> =
  | { ok: true; value: TrustContent[S] }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> }

/** Read one section's form. `values` echoes what was sent, to show the form again. */
export function readSectionForm<S extends SectionId>(section: S, submitted: Form & Iterable<[string, FormDataEntryValue]>): SectionForm<S> {
  // Every field of a section's form is named "<section>.<field>": ids stay unique on the page.
  const scope = `${section}.`
  const form: Form = { get: (name) => submitted.get(`${scope}${name}`) }
  const values = Object.fromEntries(
    [...submitted].filter(([k, v]) => typeof v === 'string' && k.startsWith(scope)).map(([k, v]) => [k.slice(scope.length), v]),
  ) as Record<string, string>
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

/** A list section's items as form rows (the stored items, then the blank rows). */
export function formRows<T extends Record<string, string>>(items: T[], fields: readonly string[]): Record<string, string>[] {
  const blank = Object.fromEntries(fields.map((field) => [field, '']))
  return [...items, ...Array.from({ length: BLANK_ROWS }, () => blank)]
}
