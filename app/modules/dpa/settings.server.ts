// A workspace's DPA setup: its legal entity (dpa_settings) and its template, kept in numbered
// versions. Saving writes the settings, a new template version when the text changed, and their
// audit entries in one transaction.
import { createHash, randomUUID } from 'node:crypto'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import type { SettingsInput } from './forms'

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

export type DpaSetup = NonNullable<Awaited<ReturnType<typeof loadDpaSetup>>>

/** The settings and the newest template version of the workspace `tx` works for; null until both exist. */
export async function loadDpaSetup(tx: Tx) {
  const [settings, template] = await Promise.all([
    tx.dpaSettings.findFirst(),
    tx.dpaTemplateVersion.findFirst({ orderBy: { number: 'desc' } }),
  ])
  return settings && template ? { settings, template } : null
}

/** Save the legal entity and the template; returns the new template version's number, if any. */
export async function saveDpaSettings(member: Member, input: SettingsInput, origin: RequestOrigin): Promise<{ newVersion: number | null }> {
  const { template, ...entity } = input
  return withTenant(member.tenant, async (tx) => {
    const workspaceId = member.workspace.id
    const scope = { ...member.tenant, origin }
    // A DPA set up under a higher plan stays on offer; changing it needs the plan.
    await requireEntitlement({ tx, workspaceId }, 'dpa_signing')
    const before = await tx.dpaSettings.findFirst({
      select: { legalName: true, address: true, registration: true, contactEmail: true, governingLaw: true },
    })
    await tx.dpaSettings.upsert({
      where: { workspaceId },
      create: { workspaceId, ...entity, updatedById: member.user.id },
      update: { ...entity, updatedAt: new Date(), updatedById: member.user.id },
    })
    await recordAudit(tx, scope, {
      action: 'dpa.settings_update',
      target: { type: 'dpa_settings', id: workspaceId },
      before: before ?? undefined,
      after: entity,
    })
    const latest = await tx.dpaTemplateVersion.findFirst({ orderBy: { number: 'desc' }, select: { number: true, body: true } })
    if (latest?.body === template) return { newVersion: null }
    const version = await tx.dpaTemplateVersion.create({
      data: {
        id: randomUUID(),
        workspaceId,
        number: (latest?.number ?? 0) + 1,
        body: template,
        bodySha256: sha256Hex(template),
        createdById: member.user.id,
      },
    })
    await recordAudit(tx, scope, {
      action: 'dpa.template_version_create',
      target: { type: 'dpa_template_version', id: version.id },
      after: { number: version.number, bodySha256: version.bodySha256 },
    })
    return { newVersion: version.number }
  })
}
