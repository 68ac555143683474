// The forms of sub-processor changes, validated once with these schemas on the server (the
// dashboard shows their messages beside each field). Links are https only: a DPA or policy
// address with another scheme (javascript:, data:, http:) never reaches a visitor.
import { z } from 'zod'
import { MAX_NOTICE_DAYS, MIN_NOTICE_DAYS, isDay } from './subprocessor-rules'

const trimmed = (max: number, tooLong: string) => z.string().trim().max(max, tooLong)

/** https://… with a host, no spaces, no credentials; empty means none. */
export function isHttpsLink(text: string): boolean {
  if (!/^https:\/\/\S+$/i.test(text)) return false
  try {
    const url = new URL(text)
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === ''
  } catch {
    return false
  }
}

/** Trimmed, with the scheme in lower case: the column's check reads `https://` exactly. */
function cleanLink(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const text = value.trim()
  return text === '' ? null : text.replace(/^https:\/\//i, 'https://')
}

const policyUrl = z.preprocess(
  cleanLink,
  z
    .string()
    .max(2000, 'Keep the link under 2,000 characters.')
    .refine(isHttpsLink, 'Give an https:// link, e.g. https://stripe.com/legal/dpa.')
    .nullable()
    .default(null),
)

/** Certifications typed one per line or separated by commas. */
const certifications = z
  .string()
  .max(2000, 'Keep the certifications under 2,000 characters.')
  .default('')
  .transform((text, ctx) => {
    const items = [...new Set(text.split(/[\n,]/).map((item) => item.trim()).filter(Boolean))]
    if (items.length > 20) {
      ctx.addIssue({ code: 'custom', message: 'List at most 20 certifications.' })
      return z.NEVER
    }
    if (items.some((item) => item.length > 100)) {
      ctx.addIssue({ code: 'custom', message: 'Keep each certification under 100 characters.' })
      return z.NEVER
    }
    return items
  })

export const subprocessorFieldsInput = z.object({
  name: trimmed(120, 'Keep the name under 120 characters.').min(1, 'Name the sub-processor, e.g. “Amazon Web Services”.'),
  purpose: trimmed(500, 'Keep the purpose under 500 characters.').min(1, 'Say what the sub-processor does for you.'),
  dataCategories: trimmed(500, 'Keep the categories under 500 characters.').default(''),
  region: trimmed(120, 'Keep the region under 120 characters.').default(''),
  certifications,
  policyUrl,
})

const reason = trimmed(2000, 'Keep the reason under 2,000 characters.').default('')
const effectiveOn = z
  .string()
  .trim()
  .refine(isDay, 'Give the day it takes effect as YYYY-MM-DD, e.g. 2026-12-31.')
const subprocessorId = z.uuid('Choose a sub-processor from the list.')

/** A proposed change: an addition, a change of one sub-processor, or its removal. */
export const proposeChangeInput = z.discriminatedUnion(
  'kind',
  [
    subprocessorFieldsInput.extend({ kind: z.literal('add'), reason, effectiveOn }),
    subprocessorFieldsInput.extend({ kind: z.literal('change'), subprocessorId, reason, effectiveOn }),
    z.object({ kind: z.literal('remove'), subprocessorId, reason, effectiveOn }),
  ],
  'Choose whether to add, change or remove a sub-processor.',
)
export type ProposeChangeInput = z.output<typeof proposeChangeInput>

/** A change made at once, allowed while nobody is subscribed (nobody to give notice to). */
export const immediateChangeInput = z.discriminatedUnion(
  'kind',
  [
    subprocessorFieldsInput.extend({ kind: z.literal('add'), reason }),
    subprocessorFieldsInput.extend({ kind: z.literal('change'), subprocessorId, reason }),
    z.object({ kind: z.literal('remove'), subprocessorId, reason }),
  ],
  'Choose whether to add, change or remove a sub-processor.',
)
export type ImmediateChangeInput = z.output<typeof immediateChangeInput>

export const noticePeriodInput = z.object({
  noticeDays: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, `The notice period is a whole number of days from ${MIN_NOTICE_DAYS} to ${MAX_NOTICE_DAYS}.`)
    .transform(Number)
    .refine(
      (days) => days >= MIN_NOTICE_DAYS && days <= MAX_NOTICE_DAYS,
      `The notice period is a whole number of days from ${MIN_NOTICE_DAYS} to ${MAX_NOTICE_DAYS}.`,
    ),
})

export const subscribeInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, 'This e-mail address is too long.')
    .pipe(z.email('Enter your e-mail address, e.g. name@company.com.')),
})

export const objectionInput = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why you object, so the company can answer.')
    .max(5000, 'Keep the reason under 5,000 characters.'),
})

/** Zod's issues as one message per field (the first). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}
