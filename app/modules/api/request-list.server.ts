// The API's list of privacy requests: newest first, keyset pages (an opaque cursor holds the
// last row's submission time and id), so paging stays fast and stable while requests arrive.
import type { z } from 'zod'
import type { PrivacyRequest } from '~/generated/prisma/client'
import { type TenantContext, withTenant } from '~/modules/db/tenant.server'
import { RESOURCE_INCLUDE, type listRequestsQuery } from './requests-api.server'

type Query = z.output<typeof listRequestsQuery>

const encode = (row: PrivacyRequest) => Buffer.from(JSON.stringify([row.submittedAt.toISOString(), row.id])).toString('base64url')

function decode(cursor: string): { submittedAt: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]
    const submittedAt = new Date(at)
    if (Number.isNaN(submittedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return null
    return { submittedAt, id }
  } catch {
    return null
  }
}

/** A page of requests, or null when the cursor is not one we gave out. */
export async function listRequests(tenant: TenantContext, query: Query) {
  const after = query.cursor ? decode(query.cursor) : undefined
  if (after === null) return null
  const rows = await withTenant(tenant, (tx) =>
    tx.privacyRequest.findMany({
      where: {
        state: query.state,
        type: query.type,
        ...(after
          ? { OR: [{ submittedAt: { lt: after.submittedAt } }, { submittedAt: after.submittedAt, id: { lt: after.id } }] }
          : {}),
      },
      orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      include: RESOURCE_INCLUDE,
    }),
  )
  const requests = rows.slice(0, query.limit)
  return { requests, nextCursor: rows.length > query.limit ? encode(requests[requests.length - 1]!) : null }
}
