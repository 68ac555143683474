// Adding a webhook data system from the dashboard: a name and the endpoint's address (checked
// like a webhook endpoint's), and a signing secret Candor makes, returned here to be shown
// once; it is stored only sealed (data-systems.server.ts), so nobody can read it again.
import { z } from 'zod'
import type { RequestOrigin } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { isProduction } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'
import { checkEndpointUrl } from '~/modules/webhooks/endpoint-url'
import { addConnectedSystem } from '../data-systems.server'
import { newSigningSecret } from './signature.server'

export const webhookSystemInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the system a name, e.g. “Billing service”.')
      .max(120, 'Use at most 120 characters.')
      .refine((value) => !CONTROL_CHARACTER.test(value), 'The name cannot contain control characters.'),
    url: z.string().max(2000, 'Keep the address under 2,000 characters.'),
  })
  .transform((input, context) => {
    const checked = checkEndpointUrl(input.url, { production: isProduction() })
    if (!checked.ok) {
      context.addIssue({ code: 'custom', path: ['url'], message: checked.message })
      return z.NEVER
    }
    return { name: input.name, url: checked.url }
  })

/** Add the system; returns its signing secret, which is never shown again. */
export async function addWebhookSystem(member: Member, input: z.output<typeof webhookSystemInput>, origin: RequestOrigin): Promise<{ id: string; secret: string }> {
  const secret = newSigningSecret()
  const { id } = await withTenant(member.tenant, (tx) =>
    addConnectedSystem(tx, { ...member.tenant, origin }, { kind: 'webhook', name: input.name, settings: { url: input.url, timeoutSeconds: 10 }, secret }),
  )
  return { id, secret }
}
