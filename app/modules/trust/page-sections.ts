// Which sections a trust page shows, decided from what it has to say: a section with nothing in
// it is left out (never an empty heading), and the page's section list, the renderer and the
// pre-publish checklist all read the answer from here, so they agree. A FAQ answer about the
// DPA waits until there is a DPA to sign.
import type { CheckId } from './checks'
import type { TrustContent } from './content'

export type PageSectionId =
  | 'overview'
  | 'checks'
  | 'residency'
  | 'controls'
  | 'subprocessors'
  | 'dpa'
  | 'certifications'
  | 'documents'
  | 'privacy'
  | 'faq'
  | 'incidents'
  | 'security'
  | 'contact'

export const PAGE_SECTION_LABELS: Record<PageSectionId, string> = {
  overview: 'Overview',
  checks: 'Live checks',
  residency: 'Data residency',
  controls: 'Controls',
  subprocessors: 'Sub-processors',
  dpa: 'Data processing agreement',
  certifications: 'Certifications',
  documents: 'Documents',
  privacy: 'Privacy rights',
  faq: 'FAQ',
  incidents: 'Service incidents',
  security: 'Vulnerability disclosure',
  contact: 'Contact',
}

/** What the page has besides its written content (counted from the workspace's records). */
export type PageCounts = { subprocessors: number; documents: number; platformIncidents: number; dpaOffered: boolean }

const MENTIONS_DPA = /\bDPAs?\b|data processing agreement/i

/** Whether a text speaks of a DPA (which visitors would then look for on the page). */
export const mentionsDpa = (text: string) => MENTIONS_DPA.test(text)

/** A FAQ answer about the DPA is shown only once there is a DPA to sign (the page links to it). */
export const faqShown = (faq: TrustContent['faq'][number], dpaOffered: boolean) => dpaOffered || !mentionsDpa(`${faq.question} ${faq.answer}`)

/** The content as the page shows it, given what the workspace has set up. */
export function contentShown(content: TrustContent, facts: { dpaOffered: boolean }): TrustContent {
  return { ...content, faq: content.faq.filter((item) => faqShown(item, facts.dpaOffered)) }
}

/** The live checks the highlights point to, once each, in the highlights' order. */
export function linkedChecks(content: TrustContent): CheckId[] {
  return [...new Set(content.highlights.map((h) => h.check).filter((c): c is CheckId => c !== ''))]
}

/** Whether each section has something to say; the privacy and disclosure sections always do (their pages exist for every workspace). */
export function sectionsShown(content: TrustContent, counts: PageCounts): Record<PageSectionId, boolean> {
  return {
    overview: content.overview.summary !== '' || content.highlights.length > 0,
    checks: linkedChecks(content).length > 0,
    residency: content.residency.summary !== '' || content.residency.locations.length > 0,
    controls: content.controls.length > 0,
    subprocessors: counts.subprocessors > 0,
    // The DPA's offer sits under the sub-processors it lists; without any, in a section of its own.
    dpa: counts.dpaOffered && counts.subprocessors === 0,
    certifications: content.certifications.length > 0,
    documents: counts.documents > 0,
    privacy: true,
    faq: content.faq.length > 0,
    incidents: counts.platformIncidents > 0,
    security: true,
    contact: content.contact.email !== '' || content.contact.text !== '',
  }
}

/** The sections shown, in the page's order, for its section list. */
export function shownSectionList(content: TrustContent, counts: PageCounts): { id: PageSectionId; label: string }[] {
  const shown = sectionsShown(content, counts)
  return (Object.keys(PAGE_SECTION_LABELS) as PageSectionId[]).filter((id) => shown[id]).map((id) => ({ id, label: PAGE_SECTION_LABELS[id] }))
}
