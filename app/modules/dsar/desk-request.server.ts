// The received request a desk URL names. URLs carry the reference; links written before that
// carried the id, and still find their request (the page then moves to the reference's URL).
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { REQUEST_REFERENCE } from '~/modules/formats/reference'
import { isUuid } from '~/modules/formats/uuid'

export async function findDeskRequest(member: Member, param: string): Promise<{ id: string; reference: string } | null> {
  const where = REQUEST_REFERENCE.test(param) ? { reference: param } : isUuid(param) ? { id: param } : null
  if (!where) return null
  return withTenant(member.tenant, (tx) =>
    tx.privacyRequest.findFirst({ where: { ...where, state: { not: 'unverified' } }, select: { id: true, reference: true } }),
  )
}
