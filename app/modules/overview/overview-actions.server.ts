// What the Overview's forms do: hide or show the setup checklist for the member, and add the
// controls Candor provides to the trust-page draft. Each intent checks its own permission.
import { z } from 'zod'
import { type Member, requirePermission } from '~/modules/auth/member.server'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { CandorControlsError, addCandorControls } from '~/modules/trust/candor-controls.server'
import { setChecklistHidden } from './setup-checklist.server'

export const overviewIntent = z.object({
  intent: z.enum(['hide_checklist', 'show_checklist', 'add_candor_controls'], 'Choose what to do.'),
})
export type OverviewIntent = z.output<typeof overviewIntent>['intent']

/** Runs `intent`; returns an error sentence for the page, or null when it was done. */
export async function runOverviewIntent(member: Member, intent: OverviewIntent, origin: RequestOrigin): Promise<string | null> {
  switch (intent) {
    case 'hide_checklist':
    case 'show_checklist':
      requirePermission(member.role, 'workspace.settings')
      await setChecklistHidden(member, intent === 'hide_checklist')
      return null
    case 'add_candor_controls':
      requirePermission(member.role, 'trust.edit')
      try {
        await addCandorControls(member, origin)
        return null
      } catch (error) {
        if (error instanceof CandorControlsError) return error.message
        throw error
      }
  }
}
