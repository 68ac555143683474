// What a trust page says: one zod schema for the whole page, used by the dashboard's editor
// (each section's form is checked against its part) and by the public renderer (a stored
// version is read back through it). Text fields take Markdown (rendered by markdown.ts: no HTML,
// links only https: and mailto:).
import { z } from 'zod'
import { CHECK_IDS } from './checks'

const text = (label: string, max: number) =>
  z
    .string(`Enter ${label}.`)
    .trim()
    .max(max, `${capitalise(label)} is too long: use at most ${max} characters.`)
const required = (label: string, max: number) => text(label, max).min(1, `Enter ${label}.`)
const date = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, `Write ${label} as YYYY-MM-DD, e.g. 2026-03-31.`)
    .refine((value) => value === '' || isRealDate(value), `${capitalise(label)} is not a real date.`)

/** 2027-02-30 parses in JavaScript (as 2 March): a real date reads back the same. */
function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}

function capitalise(value: string) {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

export const CONTROL_GROUPS = {
  identity: 'Identity and access',
  network: 'Network',
  data: 'Data protection',
  monitoring: 'Monitoring and logging',
  process: 'Process and people',
} as const
export type ControlGroup = keyof typeof CONTROL_GROUPS

export const CERTIFICATION_STATUSES = {
  achieved: 'Achieved',
  in_progress: 'In progress',
  planned: 'Planned',
} as const
export type CertificationStatus = keyof typeof CERTIFICATION_STATUSES

export const highlightSchema = z.object({
  title: required('a title for the highlight', 80),
  body: text('the highlight text', 600),
  /** A live check that backs the claim ('' for none). */
  check: z.enum(['', ...CHECK_IDS], 'Choose a check from the list.').default(''),
})

export const controlSchema = z.object({
  group: z.enum(Object.keys(CONTROL_GROUPS) as [ControlGroup, ...ControlGroup[]], 'Choose a group from the list.'),
  title: required('the control’s name', 120),
  description: text('the control’s description', 1000),
})

export const certificationSchema = z.object({
  name: required('the certification’s name', 120),
  status: z.enum(Object.keys(CERTIFICATION_STATUSES) as [CertificationStatus, ...CertificationStatus[]], 'Choose a status from the list.'),
  /** Achieved: when; in progress or planned: when it is expected ('' if unknown). */
  date: date('the date'),
  note: text('the note', 600),
})

export const faqSchema = z.object({
  question: required('the question', 200),
  answer: required('the answer', 3000),
})

export const residencyLocationSchema = z.object({
  label: required('what is kept there (e.g. “Primary database”)', 120),
  place: required('where (e.g. “Frankfurt, Germany (EU)”)', 120),
})

/** Every section of a trust page, in the order the page shows them. */
export const trustContentSchema = z.object({
  overview: z.object({
    headline: required('a headline', 140),
    summary: text('the summary', 3000),
  }),
  highlights: z.array(highlightSchema).max(12, 'Keep at most 12 highlights.'),
  residency: z.object({
    summary: text('the data residency text', 3000),
    locations: z.array(residencyLocationSchema).max(12, 'Keep at most 12 locations.'),
  }),
  controls: z.array(controlSchema).max(80, 'Keep at most 80 controls.'),
  certifications: z.array(certificationSchema).max(24, 'Keep at most 24 certifications.'),
  rights: z.object({ text: text('the text on data subjects’ rights', 3000) }),
  faq: z.array(faqSchema).max(40, 'Keep at most 40 questions.'),
  disclosure: z.object({ text: text('the vulnerability disclosure text', 3000) }),
  contact: z.object({
    email: z.union([z.literal(''), z.email('Enter a valid e-mail address, e.g. security@example.com.')]).default(''),
    text: text('the contact text', 1500),
  }),
  lastReviewed: date('the “last reviewed” date').default(''),
})

export type TrustContent = z.output<typeof trustContentSchema>
export type SectionId = keyof TrustContent

/** The sections as the editor and the version comparison name them. */
export const SECTIONS: Record<SectionId, { label: string; hint: string }> = {
  overview: { label: 'Overview', hint: 'The headline and a few sentences on how you protect your customers’ data.' },
  highlights: { label: 'Highlights', hint: 'Short claims at the top of the page. Link a claim to a live check and the page shows whether it holds.' },
  residency: { label: 'Data residency', hint: 'Where customer data is stored and processed.' },
  controls: { label: 'Controls', hint: 'What you do, grouped by area.' },
  certifications: { label: 'Certifications and roadmap', hint: 'Achieved, in progress and planned, with dates.' },
  rights: { label: 'Your privacy rights', hint: 'How people exercise their rights. A link to your privacy portal is added automatically.' },
  faq: { label: 'FAQ', hint: 'The questions customers actually ask.' },
  disclosure: { label: 'Vulnerability disclosure', hint: 'How researchers report a vulnerability. A link to your disclosure page is added automatically.' },
  contact: { label: 'Contact', hint: 'Who to write to about security and privacy.' },
  lastReviewed: { label: 'Last reviewed', hint: 'The day someone last checked that the whole page is true.' },
}
export const SECTION_IDS = Object.keys(SECTIONS) as SectionId[]

/** A new workspace's draft: every section empty but the headline. */
export function emptyContent(workspaceName: string): TrustContent {
  return {
    overview: { headline: `Security and privacy at ${workspaceName}`, summary: '' },
    highlights: [],
    residency: { summary: '', locations: [] },
    controls: [],
    certifications: [],
    rights: { text: '' },
    faq: [],
    disclosure: { text: '' },
    contact: { email: '', text: '' },
    lastReviewed: '',
  }
}

/** Stored JSON read back through the schema; anything unreadable becomes the empty page. */
export function readContent(stored: unknown, workspaceName: string): TrustContent {
  const parsed = trustContentSchema.safeParse(stored)
  return parsed.success ? parsed.data : emptyContent(workspaceName)
}

/** JSON with keys in a fixed order, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
