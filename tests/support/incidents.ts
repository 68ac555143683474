// Incidents recorded as a member would record them (the same forms and workflow), and the
// session cookie a route call needs.
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import type { Member } from '~/modules/auth/member.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { assessmentForm, factsForm, toFormDateTime } from '~/modules/incidents/forms'
import { recordIncident } from '~/modules/incidents/workflow.server'

export const HOUR_MS = 60 * 60 * 1000
export const origin = { ip: '127.0.0.1', userAgent: 'test', appOrigin: 'https://candor.example' }

/** An incident of `member`'s workspace, aware `hoursAgo` hours ago (detected then too). */
export async function recordedIncident(member: Member, { hoursAgo = 1, title = 'Support inbox shared publicly', severity = 'S1' } = {}) {
  const aware = new Date(Date.now() - hoursAgo * HOUR_MS)
  const values = {
    title,
    severity,
    detectedAt: toFormDateTime(aware),
    awareAt: toFormDateTime(aware),
    breachTypes: ['confidentiality'],
    dataCategories: 'Names, e-mail addresses',
    peopleAffected: '1200',
  }
  const facts = factsForm(new Date()).parse(values)
  const recorded = await recordIncident(member, { facts, assessment: assessmentForm.parse({}) }, origin)
  return { ...recorded, awareAt: facts.awareAt! }
}

/** A signed-in session's cookie for `userId`, as the browser would send it. */
export async function cookieOf(userId: string): Promise<string> {
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}
