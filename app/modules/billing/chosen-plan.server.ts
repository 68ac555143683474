// The plan a visitor chose on the home page ("Start with Pro" → /sign-in?plan=pro), kept through
// sign-in in a short-lived cookie until their first workspace is created, where onboarding
// starts with that choice. Only a known plan id is kept or read back: the value never becomes
// an address, so it cannot redirect anyone anywhere.
import { createCookie } from 'react-router'
import { z } from 'zod'
import { isProduction } from '~/modules/config/env.server'
import { PLAN_IDS, type PlanId } from './plans'

const planId = z.enum(PLAN_IDS)

function chosenPlanCookie() {
  const production = isProduction()
  return createCookie(production ? '__Host-candor_start_plan' : 'candor_start_plan', {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    // Long enough to read the e-mail and sign in; the choice is asked again on onboarding anyway.
    maxAge: 60 * 60,
  })
}

/** The plan named in `?plan=`, or null for none or an unknown one. */
export function planOfQuery(search: URLSearchParams): PlanId | null {
  const parsed = planId.safeParse(search.get('plan'))
  return parsed.success ? parsed.data : null
}

/** The Set-Cookie header that keeps `plan` through sign-in. */
export const rememberPlan = (plan: PlanId) => chosenPlanCookie().serialize(plan)

/** The Set-Cookie header that forgets the choice (once a workspace is created). */
export const forgetPlan = () => chosenPlanCookie().serialize('', { maxAge: 0 })

/** The plan kept by rememberPlan, or null (none, expired or not a known plan). */
export async function rememberedPlan(request: Request): Promise<PlanId | null> {
  const parsed = planId.safeParse(await chosenPlanCookie().parse(request.headers.get('cookie')))
  return parsed.success ? parsed.data : null
}
