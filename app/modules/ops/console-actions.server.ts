// What an operator can do from the workspace list (/ops), one `intent` each: look into a
// workspace (read-only, timed), grant a plan, end a grant. Each validates its own fields once,
// here; a refusal comes back as a message for the row it concerns, never as an error page.
import { redirect } from 'react-router'
import type { z } from 'zod'
import type { RequestOrigin } from '~/modules/audit/record.server'
import type { CurrentUser } from '~/modules/auth/current-user.server'
import { impersonationInput, startImpersonation } from './operators.server'
import { PlanGrantRefusedError, endGrant, endGrantInput, grantInput, grantPlan } from './plan-grants.server'

export type ConsoleIntent = 'look' | 'grant' | 'end-grant'
export type ConsoleFeedback = { intent: ConsoleIntent; workspaceId?: string; error?: string; notice?: string; status: number }

const RECORDED = 'recorded in the platform’s audit log and in the workspace’s.'

/** Run the form's intent: a redirect into the workspace (look), or feedback for its row. */
export async function runConsoleAction(current: CurrentUser, form: FormData, origin: RequestOrigin): Promise<ConsoleFeedback> {
  const values = Object.fromEntries(form)
  const workspaceId = typeof values.workspaceId === 'string' ? values.workspaceId : undefined
  const invalid = (intent: ConsoleIntent, error: z.ZodError): ConsoleFeedback => ({ intent, workspaceId, error: error.issues[0]?.message, status: 400 })
  switch (values.intent) {
    case 'look': {
      const parsed = impersonationInput.safeParse(values)
      if (!parsed.success) return invalid('look', parsed.error)
      throw redirect(`/w/${await startImpersonation(current, parsed.data, origin)}`)
    }
    case 'grant': {
      const parsed = grantInput.safeParse(values)
      if (!parsed.success) return invalid('grant', parsed.error)
      return refusedOr('grant', workspaceId, () => grantPlan(current.user.id, parsed.data, origin), `Plan granted: ${RECORDED}`)
    }
    case 'end-grant': {
      const parsed = endGrantInput.safeParse(values)
      if (!parsed.success) return invalid('end-grant', parsed.error)
      return refusedOr('end-grant', workspaceId, () => endGrant(current.user.id, parsed.data, origin), `Grant ended: ${RECORDED}`)
    }
    default:
      return { intent: 'look', error: 'Unknown action: reload the page and try again.', status: 400 }
  }
}

async function refusedOr(intent: ConsoleIntent, workspaceId: string | undefined, run: () => Promise<void>, notice: string): Promise<ConsoleFeedback> {
  try {
    await run()
    return { intent, workspaceId, notice, status: 200 }
  } catch (error) {
    if (error instanceof PlanGrantRefusedError) return { intent, workspaceId, error: error.message, status: 409 }
    throw error
  }
}
