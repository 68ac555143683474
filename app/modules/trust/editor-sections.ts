// The trust editor's list of sections, each with its state computed from the draft and the
// latest published version: empty or not, and changed since that version or not; and the
// section before and after each one, for the section pages' previous/next links.
import { type SectionId, SECTIONS, SECTION_IDS, type TrustContent, canonicalJson } from './content'
import { emptySections } from './publish-checklist'

export type EditorSection = {
  id: SectionId
  label: string
  hint: string
  empty: boolean
  /** Differs from the latest published version (null before the first publish). */
  changed: boolean | null
  /** What it holds, in a few words ("3 highlights"), or null for a text. */
  count: string | null
}

const COUNTED: Partial<Record<SectionId, (content: TrustContent) => [number, string, string]>> = {
  highlights: (c) => [c.highlights.length, 'highlight', 'highlights'],
  residency: (c) => [c.residency.locations.length, 'location', 'locations'],
  controls: (c) => [c.controls.length, 'control', 'controls'],
  certifications: (c) => [c.certifications.length, 'certification', 'certifications'],
  faq: (c) => [c.faq.length, 'question', 'questions'],
}

export function editorSections(draft: TrustContent, published: TrustContent | null): EditorSection[] {
  const empty = new Set(emptySections(draft))
  return SECTION_IDS.map((id) => {
    const counted = COUNTED[id]?.(draft)
    return {
      id,
      label: SECTIONS[id].label,
      hint: SECTIONS[id].hint,
      empty: empty.has(id),
      changed: published ? canonicalJson(draft[id]) !== canonicalJson(published[id]) : null,
      count: counted ? `${counted[0]} ${counted[0] === 1 ? counted[1] : counted[2]}` : null,
    }
  })
}

/** The sections on either side of `id`, in the page's order. */
export function neighbours(id: SectionId): { previous: SectionId | null; next: SectionId | null } {
  const at = SECTION_IDS.indexOf(id)
  return { previous: SECTION_IDS[at - 1] ?? null, next: SECTION_IDS[at + 1] ?? null }
}

/** A route parameter read as a section id, or null for anything else. */
export const sectionIdOf = (value: string | undefined): SectionId | null =>
  SECTION_IDS.includes(value as SectionId) ? (value as SectionId) : null
