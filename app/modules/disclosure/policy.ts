// A workspace's vulnerability disclosure policy: its defaults (the same as the columns of
// disclosure_policy, for a workspace that never saved one), the settings form validated once,
// and the words every policy page carries whatever the workspace writes (safe harbour).
import { z } from 'zod'
import { ACKNOWLEDGEMENT_TARGET_KEYS, type AcknowledgementTarget } from './deadlines'

export type DisclosurePolicySettings = {
  acknowledgementTarget: AcknowledgementTarget
  disclosureDeadlineDays: number
  securityContactEmail: string | null
  policy: string
  preferredLanguages: string[]
}

/** What a workspace promises until an admin saves its own policy (the columns' defaults). */
export const DISCLOSURE_DEFAULTS: DisclosurePolicySettings = {
  acknowledgementTarget: '48h',
  disclosureDeadlineDays: 90,
  securityContactEmail: null,
  policy: '',
  preferredLanguages: ['en'],
}

export const MIN_DISCLOSURE_DAYS = 7
export const MAX_DISCLOSURE_DAYS = 365
export const MAX_POLICY_LENGTH = 20_000

/** A BCP 47 language tag as security.txt's Preferred-Languages lists them ("en", "pt-BR"). */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i

export const policyInput = z.object({
  acknowledgementTarget: z.enum(ACKNOWLEDGEMENT_TARGET_KEYS, 'Choose how soon reports are acknowledged.'),
  disclosureDeadlineDays: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, `Enter a whole number of days from ${MIN_DISCLOSURE_DAYS} to ${MAX_DISCLOSURE_DAYS}.`)
    .transform(Number)
    .refine(
      (days) => days >= MIN_DISCLOSURE_DAYS && days <= MAX_DISCLOSURE_DAYS,
      `Enter a whole number of days from ${MIN_DISCLOSURE_DAYS} to ${MAX_DISCLOSURE_DAYS}.`,
    ),
  securityContactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, 'That e-mail address is too long.')
    .pipe(z.union([z.literal(''), z.email('Enter an e-mail address like security@example.com, or leave it empty.')]))
    .transform((email) => email || null),
  preferredLanguages: z
    .string()
    .trim()
    .transform((text) => [...new Set(text.split(/[\s,]+/).filter(Boolean))])
    .refine((tags) => tags.length >= 1, 'List at least one language, such as en.')
    .refine((tags) => tags.length <= 10, 'List at most 10 languages.')
    .refine(
      (tags) => tags.every((tag) => LANGUAGE_TAG.test(tag)),
      'Use language tags separated by commas, such as "en, de" or "pt-BR".',
    ),
  policy: z
    .string()
    .max(MAX_POLICY_LENGTH, `Keep the policy under ${MAX_POLICY_LENGTH.toLocaleString('en')} characters.`)
    .transform((text) => text.replace(/\r\n?/g, '\n').trim()),
})

export type PolicyInput = z.output<typeof policyInput>

/** Shown when the workspace has written no policy of its own (Markdown). */
export function defaultPolicy(company: string): string {
  return [
    `${company} welcomes reports of security vulnerabilities in its products and services. If you believe you have found one, please tell us through the form below so that we can fix it before anyone else finds it.`,
    '',
    '## Please',
    '',
    '- give us the steps to reproduce the problem, the address or component affected, and what an attacker could do with it;',
    '- test only against accounts and data that are your own, and stop as soon as you have shown the problem;',
    '- keep the details to yourself until we have fixed it, or until the disclosure date below has passed;',
    '- do not run denial-of-service tests, social engineering, or physical attacks, and do not send spam.',
  ].join('\n')
}

/**
 * The safe-harbour commitment on every policy page, whatever the workspace writes: a
 * researcher who follows the policy in good faith is not pursued for it.
 */
export function safeHarbour(company: string): string[] {
  return [
    `When you research and report a vulnerability in good faith and within this policy, ${company} considers your research authorised. We will not take legal action against you or ask the authorities to, and if a third party does, we will make it known that you acted with our authorisation.`,
    `Good faith means: you do no harm, you access only the data needed to show the problem and do not keep it, you do not disrupt our service or our users, and you give us reasonable time to fix the problem before you disclose it.`,
    `If you are unsure whether something you want to try is allowed, ask us first through the form below.`,
  ]
}
