// Adding Candor's stock reply templates (stock-reply-templates.ts) to a workspace: one for each
// request type it has no template for, each created and audited as a member's own would be.
import type { RequestOrigin } from '~/modules/audit/record.server'
import { recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { REQUEST_TYPE_KEYS } from './request-kinds'
import { STOCK_REPLY_TEMPLATES } from './stock-reply-templates'

/** The request types the workspace `tx` works for has no reply template for. */
export async function typesWithoutTemplate(tx: Tx) {
  const rows = await tx.replyTemplate.findMany({ where: { requestType: { not: null } }, select: { requestType: true }, distinct: ['requestType'] })
  const covered = new Set(rows.map((row) => row.requestType))
  return REQUEST_TYPE_KEYS.filter((type) => !covered.has(type))
}

/** Add a stock template for each type without one; returns how many were added (none when sent again). */
export async function addStockReplyTemplates(member: Member, origin: RequestOrigin): Promise<number> {
  return withTenant(member.tenant, async (tx) => {
    // One addition at a time per workspace: the same form sent twice adds each template once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`reply-templates:${member.workspace.id}`}, 0))`
    const missing = await typesWithoutTemplate(tx)
    for (const requestType of missing) {
      const fields = { ...STOCK_REPLY_TEMPLATES[requestType], requestType, language: 'en' }
      const template = await tx.replyTemplate.create({ data: { workspaceId: member.workspace.id, ...fields } })
      await recordAudit(tx, { ...member.tenant, origin }, {
        action: 'reply_template.create',
        target: { type: 'reply_template', id: template.id },
        after: fields,
      })
    }
    return missing.length
  })
}
