// What the trust editor's list forms call their items and fields, and the choices of the fields
// that are picked from a list.
import { CHECKS, CHECK_IDS } from '~/modules/trust/checks'
import { CERTIFICATION_STATUSES, CONTROL_GROUPS } from '~/modules/trust/content'
import type { LIST_FIELDS } from '~/modules/trust/editor-form'

type FieldLabel = { label: string; multiline?: boolean; hint?: string }

export const LIST_LABELS: Record<keyof typeof LIST_FIELDS, { add: string; fields: Record<string, FieldLabel> }> = {
  highlights: {
    add: 'Add a highlight',
    fields: {
      title: { label: 'Title' },
      body: { label: 'Text (Markdown)', multiline: true },
      check: { label: 'Backed by a live check' },
    },
  },
  controls: {
    add: 'Add a control',
    fields: {
      group: { label: 'Group' },
      title: { label: 'Control' },
      description: { label: 'Description (Markdown)', multiline: true },
    },
  },
  certifications: {
    add: 'Add a certification',
    fields: {
      name: { label: 'Name', hint: 'e.g. SOC 2 Type II, ISO/IEC 27001' },
      status: { label: 'Status' },
      date: { label: 'Date', hint: 'Achieved: since when. Otherwise: when expected. YYYY-MM-DD, or empty.' },
      note: { label: 'Note (Markdown)', multiline: true },
    },
  },
  faq: {
    add: 'Add a question',
    fields: {
      question: { label: 'Question' },
      answer: { label: 'Answer (Markdown)', multiline: true },
    },
  },
  locations: {
    add: 'Add a location',
    fields: {
      label: { label: 'What is kept there', hint: 'e.g. Primary database' },
      place: { label: 'Where', hint: 'e.g. Frankfurt, Germany (EU)' },
    },
  },
}

export const CHOICES: Record<string, { value: string; label: string }[]> = {
  check: [{ value: '', label: 'No check' }, ...CHECK_IDS.map((id) => ({ value: id, label: CHECKS[id].label }))],
  group: Object.entries(CONTROL_GROUPS).map(([value, label]) => ({ value, label })),
  status: Object.entries(CERTIFICATION_STATUSES).map(([value, label]) => ({ value, label })),
}
