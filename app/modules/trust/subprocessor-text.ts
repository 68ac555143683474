// How a sub-processor change reads to people, the same on the dashboard, the public changelog,
// the Atom feed and in e-mails. Pure.
import { type Day, formatDay } from './subprocessor-rules'

export type ChangeKind = 'add' | 'remove' | 'change'

/** The fields of a sub-processor that a change sets, and that the trust page shows. */
export type SubprocessorFields = {
  name: string
  purpose: string
  dataCategories: string
  region: string
  certifications: string[]
  policyUrl: string | null
}

export type DescribedChange = SubprocessorFields & {
  kind: ChangeKind
  /** The sub-processor before a change or removal. */
  previous: SubprocessorFields | null
  reason: string
  effectiveOn: Day
}

export const FIELD_LABELS: Record<keyof SubprocessorFields, string> = {
  name: 'Name',
  purpose: 'Purpose',
  dataCategories: 'Data categories',
  region: 'Region',
  certifications: 'Certifications',
  policyUrl: 'DPA or privacy policy',
}

const KIND_WORDS: Record<ChangeKind, string> = { add: 'New sub-processor', remove: 'Sub-processor removed', change: 'Sub-processor changed' }

export function kindLabel(kind: ChangeKind): string {
  return KIND_WORDS[kind]
}

/** "New sub-processor: Stripe, from 1 December 2026". */
export function changeTitle(change: Pick<DescribedChange, 'kind' | 'name' | 'effectiveOn'>): string {
  return `${KIND_WORDS[change.kind]}: ${change.name}, from ${formatDay(change.effectiveOn)}`
}

const shown = (fields: SubprocessorFields, key: keyof SubprocessorFields): string => {
  const value = fields[key]
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '—'
  return value ? value : '—'
}

/** For a change: each field that differs, as "Region: US → EU (Frankfurt)". */
export function changedFields(change: DescribedChange): { label: string; from: string; to: string }[] {
  if (change.kind !== 'change' || !change.previous) return []
  const previous = change.previous
  return (Object.keys(FIELD_LABELS) as (keyof SubprocessorFields)[])
    .filter((key) => shown(previous, key) !== shown(change, key))
    .map((key) => ({ label: FIELD_LABELS[key], from: shown(previous, key), to: shown(change, key) }))
}

/** The change in plain text lines: what, from when, why. */
export function changeSummary(change: DescribedChange): string[] {
  const lines: string[] = []
  if (change.kind === 'add') {
    lines.push(`${change.name} will process personal data for us from ${formatDay(change.effectiveOn)}.`)
    lines.push(`Purpose: ${change.purpose}`)
    if (change.dataCategories) lines.push(`Data categories: ${change.dataCategories}`)
    if (change.region) lines.push(`Region: ${change.region}`)
    if (change.certifications.length > 0) lines.push(`Certifications: ${change.certifications.join(', ')}`)
    if (change.policyUrl) lines.push(`DPA or privacy policy: ${change.policyUrl}`)
  } else if (change.kind === 'remove') {
    lines.push(`${change.name} will no longer process personal data for us from ${formatDay(change.effectiveOn)}.`)
    lines.push(`Purpose it served: ${change.purpose}`)
  } else {
    lines.push(`What ${change.previous?.name ?? change.name} does for us changes on ${formatDay(change.effectiveOn)}:`)
    for (const field of changedFields(change)) lines.push(`${field.label}: ${field.from} → ${field.to}`)
  }
  if (change.reason) lines.push(`Why: ${change.reason}`)
  return lines
}
