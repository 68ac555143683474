// Comparing two versions of a trust page, section by section, in words a reviewer reads:
// "Added highlight “SSO”", "Changed the summary", with the text before and after. List items
// are matched by their title (or question, or name), so an edited item reads as changed, not
// as one removed and one added.
import { CERTIFICATION_STATUSES, CONTROL_GROUPS, SECTIONS, SECTION_IDS, type SectionId, type TrustContent } from './content'
import { CHECKS, type CheckId } from './checks'

export type Change = {
  kind: 'added' | 'removed' | 'changed'
  /** What changed, e.g. "Highlight “Encrypted at rest”" or "Summary". */
  what: string
  before?: string
  after?: string
}
export type SectionChanges = { section: SectionId; label: string; changes: Change[] }

type Item = Record<string, string>

const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  summary: 'Summary',
  text: 'Text',
  email: 'E-mail address',
  title: 'Title',
  body: 'Text',
  check: 'Linked check',
  group: 'Group',
  description: 'Description',
  name: 'Name',
  status: 'Status',
  date: 'Date',
  note: 'Note',
  question: 'Question',
  answer: 'Answer',
  label: 'What',
  place: 'Where',
}

/** How a field's value reads in a comparison (codes become their labels). */
function shown(field: string, value: string): string {
  if (value === '') return '(empty)'
  if (field === 'check') return CHECKS[value as CheckId]?.label ?? value
  if (field === 'group') return CONTROL_GROUPS[value as keyof typeof CONTROL_GROUPS] ?? value
  if (field === 'status') return CERTIFICATION_STATUSES[value as keyof typeof CERTIFICATION_STATUSES] ?? value
  return value
}

function compareFields(before: Item, after: Item, prefix = ''): Change[] {
  const changes: Change[] = []
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[field] ?? ''
    const b = after[field] ?? ''
    if (a === b) continue
    changes.push({ kind: 'changed', what: `${prefix}${FIELD_LABELS[field] ?? field}`, before: shown(field, a), after: shown(field, b) })
  }
  return changes
}

const ITEM_NOUN: Record<string, { noun: string; key: string }> = {
  highlights: { noun: 'Highlight', key: 'title' },
  controls: { noun: 'Control', key: 'title' },
  certifications: { noun: 'Certification', key: 'name' },
  faq: { noun: 'Question', key: 'question' },
  locations: { noun: 'Location', key: 'label' },
}

function summarise(item: Item): string {
  return Object.entries(item)
    .filter(([, value]) => value !== '')
    .map(([field, value]) => `${FIELD_LABELS[field] ?? field}: ${shown(field, value)}`)
    .join('\n')
}

function compareLists(kind: string, before: Item[], after: Item[]): Change[] {
  const { noun, key } = ITEM_NOUN[kind]!
  const changes: Change[] = []
  const remaining = [...after]
  for (const old of before) {
    const index = remaining.findIndex((item) => item[key] === old[key])
    if (index === -1) {
      changes.push({ kind: 'removed', what: `${noun} “${old[key]}”`, before: summarise(old) })
      continue
    }
    const [now] = remaining.splice(index, 1)
    changes.push(...compareFields(old, now!, `${noun} “${old[key]}”: `))
  }
  for (const added of remaining) changes.push({ kind: 'added', what: `${noun} “${added[key]}”`, after: summarise(added) })
  const order = (list: Item[]) => list.map((item) => item[key]).join('\u0000')
  const kept = (list: Item[], other: Item[]) => list.filter((item) => other.some((o) => o[key] === item[key]))
  if (changes.length === 0 && order(kept(before, after)) !== order(kept(after, before))) {
    changes.push({ kind: 'changed', what: `Order of the ${noun.toLowerCase()}s` })
  }
  return changes
}

function compareSection(section: SectionId, before: TrustContent, after: TrustContent): Change[] {
  const a = before[section]
  const b = after[section]
  if (typeof a === 'string' || typeof b === 'string') {
    return a === b ? [] : [{ kind: 'changed', what: SECTIONS[section].label, before: shown('date', String(a)), after: shown('date', String(b)) }]
  }
  if (Array.isArray(a) || Array.isArray(b)) return compareLists(section, a as Item[], b as Item[])
  const { locations: locationsA, ...fieldsA } = a as Item & { locations?: Item[] }
  const { locations: locationsB, ...fieldsB } = b as Item & { locations?: Item[] }
  return [...compareFields(fieldsA, fieldsB), ...(locationsA || locationsB ? compareLists('locations', locationsA ?? [], locationsB ?? []) : [])]
}

/** What changed from `before` to `after`, per section; sections without a change are left out. */
export function compareContent(before: TrustContent, after: TrustContent): SectionChanges[] {
  return SECTION_IDS.map((section) => ({ section, label: SECTIONS[section].label, changes: compareSection(section, before, after) })).filter(
    (entry) => entry.changes.length > 0,
  )
}
