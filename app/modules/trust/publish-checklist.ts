// The pre-publish checklist: what the trust page will say if it is published now, computed from
// the draft and the workspace's records as they are. Warnings (a failing claim, a promise the
// workspace cannot keep yet, a page with nothing to say) need the publisher's confirmation;
// notes say what is left out or linked. Pure: the facts are read by publish-checklist.server.ts.
import { CHECKS, type CheckId, type CheckState, STATE_LABELS, checkFixHref } from './checks'
import { compareContent } from './compare'
import { SECTIONS, SECTION_IDS, type SectionId, type TrustContent } from './content'
import { type PageCounts, contentShown, faqShown, linkedChecks, mentionsDpa, sectionsShown, shownSectionList } from './page-sections'

export type ChecklistItem = {
  /** Stable per kind of problem and subject, e.g. "check:two_factor" (the confirmation covers these). */
  id: string
  tone: 'warn' | 'note'
  text: string
  fix?: { href: string; label: string }
}

export type PageFacts = {
  slug: string
  counts: PageCounts
  gatedDocuments: number
  dpaOffered: boolean
  ndaOffered: boolean
  /** What is missing from the privacy profile, in one sentence; null when it is written. */
  privacyProfileProblem: string | null
  checks: Partial<Record<CheckId, CheckState>>
}

export type Checklist = {
  /** The sections the published page would show, in its order. */
  shown: string[]
  items: ChecklistItem[]
}

/** Where a member fixes what a failing check found; null for Candor's own platform checks. */
function checkFix(slug: string, id: CheckId): ChecklistItem['fix'] {
  const base = `/w/${slug}`
  switch (id) {
    case 'two_factor':
      return { href: checkFixHref(base, id), label: 'See who has not set up 2FA' }
    case 'requests_on_time':
      return { href: checkFixHref(base, id), label: 'Open the privacy requests' }
    case 'breaches_notified':
      return { href: checkFixHref(base, id), label: 'Open the breach register' }
    case 'audit_chain':
      return { href: checkFixHref(base, id), label: 'Open the audit log' }
    case 'backups_daily':
    case 'restores_tested':
      return undefined
  }
}

const TEXT_FIELDS = (content: TrustContent): { where: string; text: string }[] => [
  { where: 'the overview', text: content.overview.summary },
  ...content.highlights.map((h) => ({ where: `highlight “${h.title}”`, text: `${h.title} ${h.body}` })),
  { where: 'the data residency text', text: content.residency.summary },
  ...content.controls.map((c) => ({ where: `control “${c.title}”`, text: `${c.title} ${c.description}` })),
  ...content.certifications.map((c) => ({ where: `certification “${c.name}”`, text: c.note })),
  { where: 'the privacy rights text', text: content.rights.text },
  { where: 'the disclosure text', text: content.disclosure.text },
  { where: 'the contact text', text: content.contact.text },
]

/** The editor's sections that hold nothing (the headline alone does not make an overview). */
export function emptySections(content: TrustContent): SectionId[] {
  const empty: Record<SectionId, boolean> = {
    overview: content.overview.summary === '' && content.highlights.length === 0,
    highlights: content.highlights.length === 0,
    residency: content.residency.summary === '' && content.residency.locations.length === 0,
    controls: content.controls.length === 0,
    certifications: content.certifications.length === 0,
    rights: content.rights.text === '',
    faq: content.faq.length === 0,
    disclosure: content.disclosure.text === '',
    contact: content.contact.email === '' && content.contact.text === '',
    lastReviewed: content.lastReviewed === '',
  }
  return SECTION_IDS.filter((id) => empty[id])
}

const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)

export function publishChecklist(draft: TrustContent, facts: PageFacts): Checklist {
  const base = `/w/${facts.slug}`
  const items: ChecklistItem[] = []
  // What visitors would read: the FAQ answers about a DPA wait for the DPA.
  const content = contentShown(draft, facts)
  const shown = sectionsShown(content, facts.counts)
  const empty = emptySections(draft)

  if (!shown.overview) {
    items.push({
      id: 'empty:overview',
      tone: 'warn',
      text: 'The overview is empty: the page would open with its headline and nothing under it, so the Overview section is left out.',
      fix: { href: `${base}/trust/overview`, label: 'Write the overview' },
    })
  }
  if (!shown.contact) {
    items.push({
      id: 'empty:contact',
      tone: 'warn',
      text: 'No contact is given: visitors could not write to you about security or privacy, so the Contact section is left out.',
      fix: { href: `${base}/trust/contact`, label: 'Add a contact' },
    })
  }
  if (!shown.subprocessors) {
    items.push({
      id: 'empty:subprocessors',
      tone: 'warn',
      text: 'No sub-processors are listed, so the Sub-processors section is left out (and the page does not say how many you use).',
      fix: { href: `${base}/subprocessors`, label: 'List your sub-processors' },
    })
  }
  // The rights and disclosure sections always show (a standard sentence and a link to the portal
  // or the policy); the others vanish when empty.
  const standard = empty.filter((id) => id === 'rights' || id === 'disclosure')
  const leftOut = empty.filter((id) => !['overview', 'contact', 'rights', 'disclosure'].includes(id))
  if (leftOut.length) {
    items.push({ id: 'empty:others', tone: 'note', text: `Left out because empty: ${list(leftOut.map((id) => SECTIONS[id].label))}.` })
  }
  if (standard.length) {
    items.push({
      id: 'empty:standard',
      tone: 'note',
      text: `${list(standard.map((id) => SECTIONS[id].label))} ${standard.length === 1 ? 'has' : 'have'} no text of your own: the page shows only its standard sentence and link.`,
    })
  }

  for (const id of linkedChecks(content)) {
    const state = facts.checks[id] ?? 'unverified'
    if (state === 'passing') continue
    const where = content.highlights.filter((h) => h.check === id).map((h) => `“${h.title}”`)
    const shows = `The highlight ${list(where)} and the page’s summary at the top show “${CHECKS[id].label}” as ${STATE_LABELS[state].toLowerCase()}`
    const why =
      state === 'failing'
        ? 'The check fails now.'
        : state === 'stale'
          ? 'The check has not been verified for over two days.'
          : 'The check has never run for this workspace (publishing queues it).'
    items.push({ id: `check:${id}`, tone: 'warn', text: `${shows}. ${why}`, fix: checkFix(facts.slug, id) })
  }

  if (facts.dpaOffered) {
    items.push({ id: 'link:dpa', tone: 'note', text: 'The page offers your DPA to sign online.' })
  } else {
    const held = draft.faq.filter((item) => !faqShown(item, false)).map((item) => `“${item.question}”`)
    if (held.length) {
      items.push({
        id: 'held:dpa-faq',
        tone: 'warn',
        text: `The ${held.length === 1 ? 'question' : 'questions'} ${list(held)} ${held.length === 1 ? 'speaks' : 'speak'} of a DPA, but none is set up: ${held.length === 1 ? 'it is' : 'they are'} left out of the page until it is.`,
        fix: { href: `${base}/dpa`, label: 'Set up the DPA' },
      })
    }
    const mentions = TEXT_FIELDS(content).filter((field) => mentionsDpa(field.text))
    items.push(
      mentions.length
        ? {
            id: 'link:dpa',
            tone: 'warn',
            text: `${capitalise(list(mentions.map((m) => m.where)))} ${mentions.length === 1 ? 'mentions' : 'mention'} a DPA, but none is set up: the page cannot link to one, and visitors would find nothing to sign.`,
            fix: { href: `${base}/dpa`, label: 'Set up the DPA' },
          }
        : { id: 'link:dpa', tone: 'note', text: 'No DPA is set up, so the page does not offer one to sign.', fix: { href: `${base}/dpa`, label: 'Set up the DPA' } },
    )
  }

  if (facts.gatedDocuments > 0 && !facts.ndaOffered) {
    const n = facts.gatedDocuments
    items.push({
      id: 'link:nda',
      tone: 'warn',
      text: `${n === 1 ? 'A gated document' : `${n} gated documents`} cannot be requested: no NDA is written. The page marks ${n === 1 ? 'it' : 'them'} “On request” and says to ${content.contact.email ? `write to ${content.contact.email}` : 'contact you'} instead of offering “Request access”.`,
      fix: { href: `${base}/documents`, label: 'Write the NDA' },
    })
  }

  if (facts.privacyProfileProblem) {
    items.push({
      id: 'link:portal',
      tone: 'warn',
      text: `The page links to your privacy portal, which accepts requests, but ${lowerFirst(facts.privacyProfileProblem)} Access answers cannot yet say why and how data is used.`,
      fix: { href: `${base}/privacy#profile`, label: 'Write the privacy profile' },
    })
  }

  return { shown: shownSectionList(content, facts.counts).map((s) => s.label), items }
}

/** Which of the editor's sections a publish adds (empty before), changes or empties, from the two versions. */
export function sectionsChanged(before: TrustContent, after: TrustContent): { added: string[]; changed: string[]; removed: string[] } {
  const wasEmpty = new Set(emptySections(before))
  const isEmpty = new Set(emptySections(after))
  const result = { added: [] as string[], changed: [] as string[], removed: [] as string[] }
  for (const { section, label } of compareContent(before, after)) {
    if (wasEmpty.has(section) && !isEmpty.has(section)) result.added.push(label)
    else if (!wasEmpty.has(section) && isEmpty.has(section)) result.removed.push(label)
    else result.changed.push(label)
  }
  return result
}

export const warningsOf = (checklist: Checklist) => checklist.items.filter((item) => item.tone === 'warn')

/**
 * The warnings a publisher confirmed, as one token: a form confirms only what it showed. Each
 * warning counts by its id and its words, which carry its state ("fails now" or "never ran")
 * and its numbers: a warning that changed since the form was shown is not confirmed.
 */
export const reviewToken = (draftSha256: string, checklist: Checklist) =>
  [draftSha256.slice(0, 16), ...warningsOf(checklist).map((item) => `${item.id}:${fnv1a(item.text)}`)].join('|')

/** FNV-1a, 32 bits, in hex: a short fingerprint of a warning's words (not a secret). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(16)
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
