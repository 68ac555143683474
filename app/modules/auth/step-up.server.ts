// Step-up: before an action in STEP_UP_ACTIONS the person must have proved who they are within
// the last 10 minutes (the sign-in itself, the second factor, or /account/confirm).
import { redirect } from 'react-router'
import { pagePath } from '~/modules/http/request-info'
import type { CurrentUser } from './current-user.server'
import { recentlyAuthenticated } from './sessions.server'
import type { StepUpAction } from './step-up'

/** How recently a person must have proved who they are before a sensitive action. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000

/**
 * Go on if the session's last proof is recent enough; else send the person to confirm who they
 * are (the page names `action`) and bring them back to `returnTo` (this page, by default).
 */
export function requireStepUp(current: CurrentUser, request: Request, action: StepUpAction, returnTo?: string): void {
  if (recentlyAuthenticated(current.session, STEP_UP_WINDOW_MS)) return
  throw redirect(`/account/confirm?${new URLSearchParams({ next: returnTo ?? pagePath(request), for: action })}`)
}
