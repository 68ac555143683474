// The two forms of DPA click-to-sign, validated once here: the workspace's DPA settings (legal
// entity and template) and the customer's signature on the public page.
import { z } from 'zod'
import { isOneLine } from '~/modules/formats/one-line'
import { templateProblems } from './template'

/** One line of text (names reach e-mail subjects and the signed text): a line break is refused. */
const oneLineText = (max: number, tooLong: string) =>
  z.string().trim().max(max, tooLong).refine(isOneLine, 'Keep this on one line.')
const line = (max: number, empty: string, tooLong: string) => oneLineText(max, tooLong).pipe(z.string().min(1, empty))
const email = (message: string) => z.string().trim().toLowerCase().max(320, 'That e-mail address is too long.').pipe(z.email(message))

export const settingsInput = z.object({
  legalName: line(200, 'Enter your legal entity’s full name, as registered.', 'Keep the name under 200 characters.'),
  address: line(500, 'Enter your registered address.', 'Keep the address under 500 characters.'),
  registration: line(
    300,
    'Enter your company number and register (or “not registered” if there is none).',
    'Keep this under 300 characters.',
  ),
  contactEmail: email('Enter the e-mail address customers write to about this DPA, like privacy@example.com.'),
  governingLaw: line(200, 'Say which law governs the DPA, for example “the laws of Ireland”.', 'Keep this under 200 characters.'),
  template: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'The template cannot be empty.').max(100_000, 'Keep the template under 100,000 characters.'))
    .superRefine((template, ctx) => {
      for (const problem of templateProblems(template)) ctx.addIssue({ code: 'custom', message: problem })
    }),
})

export type SettingsInput = z.output<typeof settingsInput>

export const signInput = z.object({
  signerName: line(200, 'Enter your full name.', 'Keep the name under 200 characters.'),
  signerTitle: line(200, 'Enter your title, such as “Head of Legal”.', 'Keep the title under 200 characters.'),
  companyName: line(200, 'Enter your company’s full legal name.', 'Keep the company name under 200 characters.'),
  companyAddress: oneLineText(500, 'Keep the address under 500 characters.').default(''),
  signerEmail: email('Enter your work e-mail address, like name@company.com: the signed DPA is sent there.'),
  authority: z.literal('yes', 'Confirm that you may sign for the company and accept this DPA.'),
  // The hash of the DPA shown on the page: signing refuses a DPA that has changed since.
  offer: z.string().regex(/^[0-9a-f]{64}$/, 'The page was incomplete. Please read the DPA again below and sign.'),
})

export type SignInput = z.output<typeof signInput>
