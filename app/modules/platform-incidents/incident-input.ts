// What an operator may type into the platform incident forms (/ops/incidents), validated once
// here: every refusal is a sentence for the operator, never an error page. Pure.
import { z } from 'zod'
import { isOneLine } from '~/modules/formats/one-line'

export const SEVERITIES = ['S0', 'S1', 'S2', 'S3'] as const
export type Severity = (typeof SEVERITIES)[number]
export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const
export type IncidentStatus = (typeof STATUSES)[number]

export const SEVERITY_LABELS: Record<Severity, string> = {
  S0: 'S0 — service down or data at risk',
  S1: 'S1 — a major feature down',
  S2: 'S2 — degraded, with a workaround',
  S3: 'S3 — minor',
}
export const STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
}

/** Severities whose every event is e-mailed to each affected workspace's owners and admins. */
export const EMAILED_SEVERITIES: readonly Severity[] = ['S0', 'S1']

/** The most workspaces an operator may list by hand; more than that is "all workspaces". */
export const MAX_CHOSEN_WORKSPACES = 500
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/
const MAX_TEXT = 4000
const EARLIEST_START = Date.UTC(2000, 0, 1)
/** A start a minute ahead is a clock difference, not a mistake. */
const CLOCK_SLACK_MS = 60_000

const title = z
  .string()
  .trim()
  .min(1, 'Give the incident a title.')
  .max(160, 'Keep the title to 160 characters.')
  .refine(isOneLine, 'Write the title on one line.')

const message = (what: string) =>
  z.string().trim().min(1, `Write ${what}.`).max(MAX_TEXT, `Keep ${what} to ${MAX_TEXT} characters.`)

const severity = z.enum(SEVERITIES, 'Choose a severity from S0 to S3.')
const status = z.enum(STATUSES, 'Choose a status.')

/** "2026-12-04T18:30" (a datetime-local field, read as UTC), or blank for now. */
const startedAt = z
  .string()
  .trim()
  .max(40, 'Enter the start as YYYY-MM-DD HH:MM (UTC).')
  .transform((text, ctx) => {
    if (text === '') return new Date()
    const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text)
    const at = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:00.000Z`) : null
    if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 16) !== `${match![1]}-${match![2]}-${match![3]}T${match![4]}:${match![5]}`) {
      ctx.addIssue({ code: 'custom', message: 'Enter the start as YYYY-MM-DD HH:MM (UTC).' })
      return z.NEVER
    }
    if (at.getTime() > Date.now() + CLOCK_SLACK_MS) {
      ctx.addIssue({ code: 'custom', message: 'The start cannot be in the future: leave it blank for now.' })
      return z.NEVER
    }
    if (at.getTime() < EARLIEST_START) {
      ctx.addIssue({ code: 'custom', message: 'That start is too far back: check the year.' })
      return z.NEVER
    }
    // Within the slack, now: an incident resolved in the next minute must not end before it began.
    return at.getTime() > Date.now() ? new Date() : at
  })

/** Slugs separated by commas, spaces or lines, each named once. */
const workspaceSlugs = z
  .string()
  .max(MAX_CHOSEN_WORKSPACES * 50, `List at most ${MAX_CHOSEN_WORKSPACES} workspaces, or choose all workspaces.`)
  .transform((text, ctx) => {
    const slugs = [...new Set(text.toLowerCase().split(/[\s,]+/).filter(Boolean))]
    const malformed = slugs.filter((slug) => !SLUG.test(slug))
    if (malformed.length > 0) {
      ctx.addIssue({ code: 'custom', message: `Not a workspace address: ${malformed.slice(0, 5).join(', ')}.` })
      return z.NEVER
    }
    if (slugs.length > MAX_CHOSEN_WORKSPACES) {
      ctx.addIssue({ code: 'custom', message: `List at most ${MAX_CHOSEN_WORKSPACES} workspaces, or choose all workspaces.` })
      return z.NEVER
    }
    return slugs
  })

export const declareInput = z
  .object({
    title,
    description: message('what is happening, for the affected customers'),
    severity,
    startedAt: z.string().default('').pipe(startedAt),
    affects: z.enum(['all', 'chosen'], 'Choose whether it affects all workspaces or the ones you list.'),
    workspaces: z.string().default('').pipe(workspaceSlugs),
    publish: z.literal('yes').optional(),
  })
  .superRefine((input, ctx) => {
    if (input.affects === 'chosen' && input.workspaces.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['workspaces'], message: 'List the affected workspaces by their address, or choose all workspaces.' })
    }
  })
export type DeclareInput = z.output<typeof declareInput>

export const updateInput = z.object({
  message: message('the update'),
  status,
  severity,
})
export type UpdateInput = z.output<typeof updateInput>

export const publishInput = z.object({ publish: z.enum(['yes', 'no'], 'Choose to publish or unpublish.') })

