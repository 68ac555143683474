// The privacy-request resources of /api/v1: the input and output schemas (zod), used both to
// validate and serve the API and to write its OpenAPI document, so the two cannot drift.
import { z } from 'zod'
import type { PrivacyRequest } from '~/generated/prisma/client'
import { requestInput } from '~/modules/dsar/portal-form'
import { JURISDICTION_KEYS, REQUEST_STATE_KEYS, REQUEST_TYPE_KEYS } from '~/modules/dsar/request-kinds'

/** The named schemas of the API: the OpenAPI document's components are written from these. */
export const apiSchemas = z.registry<{ id: string }>()

/** A new request: the portal's form fields, validated by the portal's own rules. */
export const createRequestBody = z
  .intersection(
    requestInput,
    z.object({
      emailVerified: z
        .boolean()
        .default(false)
        .describe('true when your own form already verified the e-mail: the request is received at once'),
    }),
  )
  .register(apiSchemas, { id: 'CreatePrivacyRequest' })

const isoDate = z.iso.datetime().nullable()

export const privacyRequestResource = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    type: z.enum(REQUEST_TYPE_KEYS),
    jurisdiction: z.enum(JURISDICTION_KEYS),
    state: z.enum(REQUEST_STATE_KEYS),
    subjectName: z.string(),
    email: z.string(),
    submittedAt: z.iso.datetime(),
    receivedAt: isoDate,
    dueAt: isoDate,
    extendedAt: isoDate,
    completedAt: isoDate,
    rejectedAt: isoDate,
    erasedPrimaryAt: isoDate,
    erasedBackupsBy: isoDate,
  })
  .register(apiSchemas, { id: 'PrivacyRequest' })

export type PrivacyRequestResource = z.infer<typeof privacyRequestResource>

export const listRequestsQuery = z.object({
  state: z.enum(REQUEST_STATE_KEYS).optional(),
  type: z.enum(REQUEST_TYPE_KEYS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
})

export const requestListResource = z
  .object({ data: z.array(privacyRequestResource), nextCursor: z.string().nullable() })
  .register(apiSchemas, { id: 'PrivacyRequestList' })

export const apiErrorResource = z
  .object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }) })
  .register(apiSchemas, { id: 'Error' })

const iso = (value: Date | null) => value?.toISOString() ?? null

export function toResource(request: PrivacyRequest): PrivacyRequestResource {
  return {
    id: request.id,
    reference: request.reference,
    type: request.type,
    jurisdiction: request.jurisdiction,
    state: request.state,
    subjectName: request.subjectName,
    email: request.email,
    submittedAt: request.submittedAt.toISOString(),
    receivedAt: iso(request.receivedAt),
    dueAt: iso(request.dueAt),
    extendedAt: iso(request.extendedAt),
    completedAt: iso(request.completedAt),
    rejectedAt: iso(request.rejectedAt),
    erasedPrimaryAt: iso(request.erasedPrimaryAt),
    erasedBackupsBy: iso(request.erasedBackupsBy),
  }
}
