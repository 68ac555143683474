// The forms of trust-page documents, validated once here: the dashboard's document, NDA and
// settings forms, and the visitor's request. A request asks for a work e-mail: addresses at the
// common free-mail providers (the email-providers list) are refused, and such a domain can never
// be approved automatically. Pure.
import commonProviders from 'email-providers/common.json'
import { z } from 'zod'
import { isOneLine } from '~/modules/formats/one-line'

const FREE_MAIL = new Set<string>(commonProviders)

/** Whether `domain` is a common personal e-mail provider (gmail.com, outlook.com, …). */
export const isFreeMailDomain = (domain: string) => FREE_MAIL.has(domain.toLowerCase())

export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase()

/** A host name of two or more labels: letters, digits and hyphens, no scheme, no path. */
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/

const trimmed = (max: number, tooLong: string) => z.string().trim().max(max, tooLong)

export const VISIBILITIES = { public: 'Public: anyone can download it', gated: 'Gated: on request, with the NDA' } as const

export const documentFieldsInput = z.object({
  title: trimmed(200, 'Keep the title under 200 characters.').min(1, 'Give the document a title, e.g. “SOC 2 Type II report”.'),
  description: trimmed(2000, 'Keep the description under 2,000 characters.').default(''),
  visibility: z.enum(['public', 'gated'], 'Choose whether the document is public or gated.'),
})
export type DocumentFields = z.output<typeof documentFieldsInput>

/** The NDA text exactly as visitors will read it (line endings made \n, outer blank space trimmed). */
export const ndaInput = z.object({
  text: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'Write the agreement visitors accept.').max(20_000, 'Keep the agreement under 20,000 characters.')),
})

export const settingsInput = z.object({
  autoApproveDomains: z
    .string()
    .max(5000, 'Keep the list under 5,000 characters.')
    .default('')
    .transform((text, ctx) => {
      const domains = [...new Set(text.split(/[\s,]+/).map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))]
      const invalid = domains.find((d) => !DOMAIN.test(d))
      if (invalid) {
        ctx.addIssue({ code: 'custom', message: `“${invalid}” is not a domain: write domains such as example.com, one per line.` })
        return z.NEVER
      }
      const free = domains.find(isFreeMailDomain)
      if (free) {
        ctx.addIssue({ code: 'custom', message: `${free} is a personal e-mail provider: anyone can have an address there, so it cannot be approved automatically.` })
        return z.NEVER
      }
      if (domains.length > 100) {
        ctx.addIssue({ code: 'custom', message: 'List at most 100 domains.' })
        return z.NEVER
      }
      return domains
    }),
  linkDays: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'Give the number of days an access link works, from 1 to 90.')
    .transform(Number)
    .refine((days) => days >= 1 && days <= 90, 'Give the number of days an access link works, from 1 to 90.'),
})

export const accessRequestInput = z.object({
  // One line each: both reach the e-mails about the request.
  name: trimmed(200, 'Keep your name under 200 characters.').min(1, 'Enter your name.').refine(isOneLine, 'Keep your name on one line.'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, 'This e-mail address is too long.')
    .pipe(z.email('Enter your work e-mail address, e.g. name@company.com.'))
    .refine((email) => !isFreeMailDomain(domainOf(email)), 'Use your work e-mail address, not a personal one (such as Gmail or Outlook.com).'),
  company: trimmed(200, 'Keep the company name under 200 characters.').min(1, 'Enter your company.').refine(isOneLine, 'Keep the company name on one line.'),
  ndaVersionId: z.uuid('Reload the page: the agreement shown is not known.'),
  accept: z.literal('yes', 'Accept the agreement to ask for the document.'),
})
export type AccessRequestInput = z.output<typeof accessRequestInput>

export const denyInput = z.object({
  requestId: z.uuid('Choose a request from the list.'),
  reason: trimmed(2000, 'Keep the reason under 2,000 characters.').default(''),
})
