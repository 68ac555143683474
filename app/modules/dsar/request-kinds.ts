// The words of a privacy request, shared by the portal, the inbox, the API and the e-mails:
// request types, jurisdictions, states and the requester's relationship to the company.

export const REQUEST_TYPES = {
  access: {
    label: 'Access my data',
    summary: 'Get a copy of the personal data the company holds about you, and how it is used.',
  },
  portability: {
    label: 'Port my data',
    summary: 'Get the data you gave the company in a machine-readable file, to take elsewhere.',
  },
  erasure: {
    label: 'Delete my data',
    summary: 'Have the company erase the personal data it holds about you.',
  },
  rectification: {
    label: 'Correct my data',
    summary: 'Have inaccurate or incomplete data about you corrected.',
  },
  restriction: {
    label: 'Restrict processing',
    summary: 'Have the company keep your data but stop using it, for now.',
  },
  objection: {
    label: 'Object to processing',
    summary: 'Object to the company using your data, for example for direct marketing.',
  },
  opt_out: {
    label: 'Do not sell or share my data',
    summary: 'Opt out of the sale or sharing of your personal information.',
  },
} as const

export type RequestType = keyof typeof REQUEST_TYPES
export const REQUEST_TYPE_KEYS = Object.keys(REQUEST_TYPES) as [RequestType, ...RequestType[]]

export const JURISDICTIONS = {
  gdpr: 'European Union (GDPR)',
  uk_gdpr: 'United Kingdom (UK GDPR)',
  ccpa: 'California (CCPA/CPRA)',
  lgpd: 'Brazil (LGPD)',
  other: 'Somewhere else',
} as const

export type Jurisdiction = keyof typeof JURISDICTIONS
export const JURISDICTION_KEYS = Object.keys(JURISDICTIONS) as [Jurisdiction, ...Jurisdiction[]]

export const RELATIONSHIPS = {
  customer: 'Customer or user',
  former_customer: 'Former customer or user',
  employee: 'Employee or contractor',
  job_applicant: 'Job applicant',
  visitor: 'Website visitor',
  other: 'Other',
} as const

export type Relationship = keyof typeof RELATIONSHIPS
export const RELATIONSHIP_KEYS = Object.keys(RELATIONSHIPS) as [Relationship, ...Relationship[]]

export const REQUEST_STATES = {
  unverified: 'E-mail not confirmed',
  verified: 'Received',
  in_progress: 'In progress',
  awaiting_subject: 'Waiting for the requester',
  needs_attention: 'Needs attention',
  completed: 'Completed',
  rejected: 'Rejected',
  duplicate: 'Closed as a duplicate',
} as const

export type RequestState = keyof typeof REQUEST_STATES
export const REQUEST_STATE_KEYS = Object.keys(REQUEST_STATES) as [RequestState, ...RequestState[]]

/** States in which the request is closed: nothing more happens to it. */
export const CLOSED_STATES: readonly RequestState[] = ['completed', 'rejected', 'duplicate']

/**
 * Closed without being answered under this reference (refused, or a duplicate handled under
 * another): its tasks stop, and what was collected for it is deleted unsent.
 */
export const STOPPED_STATES: readonly RequestState[] = ['rejected', 'duplicate']

/** The requests that fan out to tasks in every data system, and in which mode. */
export function taskModeOf(type: RequestType): 'access' | 'erasure' | null {
  if (type === 'access' || type === 'portability') return 'access'
  if (type === 'erasure') return 'erasure'
  return null
}

/**
 * A guess at the requester's jurisdiction from the language their browser asks for (the
 * portal shows it pre-selected; the requester changes it). Only guesses that a language makes
 * likely: en-US says nothing about California, so it keeps the workspace's default.
 */
export function suggestJurisdiction(acceptLanguage: string | null, fallback: Jurisdiction): Jurisdiction {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? ''
  if (first === 'en-gb') return 'uk_gdpr'
  if (first === 'pt-br') return 'lgpd'
  return fallback
}
