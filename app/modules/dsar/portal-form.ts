// The portal's request form, validated once here for the portal and the API alike.
import { z } from 'zod'
import { JURISDICTION_KEYS, RELATIONSHIP_KEYS, REQUEST_TYPE_KEYS } from './request-kinds'

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong)

export const requestInput = z
  .object({
    type: z.enum(REQUEST_TYPE_KEYS, 'Choose what you are asking for.'),
    subjectName: text(200, 'Keep the name under 200 characters.').min(1, 'Enter your full name.'),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(320, 'That e-mail address is too long.')
      .pipe(z.email('Enter an e-mail address like name@example.com.')),
    relationship: z.enum(RELATIONSHIP_KEYS, 'Choose how you know the company.'),
    jurisdiction: z.enum(JURISDICTION_KEYS, 'Choose where you live.'),
    details: text(5000, 'Keep the details under 5,000 characters.').default(''),
    agent: z.enum(['self', 'agent']).default('self'),
    agentName: text(200, 'Keep the name under 200 characters.').optional(),
    agentAuthority: text(1000, 'Keep this under 1,000 characters.').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.agent !== 'agent') return
    if (!value.agentName) {
      ctx.addIssue({ code: 'custom', path: ['agentName'], message: 'Enter the name of the person or firm acting as agent.' })
    }
    if (!value.agentAuthority) {
      ctx.addIssue({
        code: 'custom',
        path: ['agentAuthority'],
        message: 'Say how you are authorised to act for this person (for example, a signed letter of authority).',
      })
    }
  })
  .transform(({ agent, agentName, agentAuthority, ...rest }) => ({
    ...rest,
    agentName: agent === 'agent' ? (agentName ?? null) : null,
    agentAuthority: agent === 'agent' ? (agentAuthority ?? null) : null,
  }))

export type RequestInput = z.output<typeof requestInput>

/** The first message for each field that failed, for the form to show beside it. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}
