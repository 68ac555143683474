// Reading and saving a workspace's disclosure policy. A workspace that never saved one has the
// defaults; saving writes the row and its audit entry in one transaction.
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { isHolidayCountry } from '~/modules/dsar/holidays'
import { type WorkingCalendar, isAcknowledgementTarget } from './deadlines'
import { DISCLOSURE_DEFAULTS, type DisclosurePolicySettings, type PolicyInput } from './policy'

/** The policy of the workspace `tx` works for (the defaults until one is saved). */
export async function loadPolicy(tx: Tx): Promise<DisclosurePolicySettings> {
  const row = await tx.disclosurePolicy.findFirst()
  if (!row) return { ...DISCLOSURE_DEFAULTS, preferredLanguages: [...DISCLOSURE_DEFAULTS.preferredLanguages] }
  return {
    acknowledgementTarget: isAcknowledgementTarget(row.acknowledgementTarget) ? row.acknowledgementTarget : DISCLOSURE_DEFAULTS.acknowledgementTarget,
    disclosureDeadlineDays: row.disclosureDeadlineDays,
    securityContactEmail: row.securityContactEmail,
    policy: row.policy,
    preferredLanguages: row.preferredLanguages,
  }
}

/** The time zone and days off the workspace counts working days by (set under Privacy). */
export async function workingCalendar(tx: Tx): Promise<WorkingCalendar> {
  const workspace = await tx.workspace.findFirstOrThrow({ select: { timeZone: true, holidayCountry: true, customHolidays: true } })
  return {
    timeZone: workspace.timeZone,
    holidays: {
      country: workspace.holidayCountry && isHolidayCountry(workspace.holidayCountry) ? workspace.holidayCountry : null,
      custom: workspace.customHolidays,
    },
  }
}

/** Save the policy; reports already received keep the deadlines they were promised. */
export async function savePolicy(member: Member, input: PolicyInput, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const before = await loadPolicy(tx)
    const workspaceId = member.workspace.id
    await tx.disclosurePolicy.upsert({
      where: { workspaceId },
      create: { workspaceId, ...input },
      update: input,
    })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'disclosure_policy.update',
      target: { type: 'disclosure_policy', id: workspaceId },
      before,
      after: input,
    })
  })
}
