// The privacy-request resources of /api/v1: the input and output schemas (zod), used both to
// validate and serve the API and to write its OpenAPI document, so the two cannot drift.
import { z } from 'zod'
import type { DataSystemKind, PrivacyRequest, RequestTask } from '~/generated/prisma/client'
import { ERASURE_STATEMENT_INCLUDE, type RequestWithErasureTasks, statementOfRequest } from '~/modules/dsar/erasure-statement'
import { requestInput } from '~/modules/dsar/portal-form'
import { JURISDICTION_KEYS, REQUEST_STATE_KEYS, REQUEST_TYPE_KEYS } from '~/modules/dsar/request-kinds'
import { env } from '~/modules/config/env.server'

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
const iso = (value: Date | null) => value?.toISOString() ?? null

const erasureResource = z
  .object({
    complete: z.boolean().describe('true only when every data system listed in systems has erased the data'),
    covers: z
      .enum(['candor_only', 'registered_systems'])
      .describe('candor_only: the only system listed is Candor’s own records, so nothing is said about other systems'),
    summary: z.string().describe('The overall sentence the requester reads'),
    backups: z.string().nullable().describe('What the backups stage is based on (the declared retention), once a system erased anything'),
    systems: z.array(
      z.object({
        system: z.string().describe('The data system’s name in the workspace'),
        label: z.string().describe('How the requester reads it, e.g. “Candor’s own records”, “Billing (manual)”'),
        kind: z.enum(['built_in', 'manual', 'postgres', 'webhook']),
        state: z.enum(['erased', 'pending', 'failed', 'not_erased']),
        erasedAt: isoDate,
        backupsExpectedBy: isoDate.describe('erasedAt plus the system’s backup retention (Candor’s own, or the one declared): expected, not confirmed'),
        backupsErasedAt: isoDate.describe('When older backups stopped holding the data: computed from Candor’s catalogue, or declared (see backupsBasis)'),
        backupsBasis: z.enum(['computed', 'declared']).describe('computed: from Candor’s own backup catalogue; declared: what the company declared for its system'),
      }),
    ),
  })
  .register(apiSchemas, { id: 'ErasureStatement' })

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
    duplicateOf: z
      .string()
      .nullable()
      .describe('State duplicate only: the reference of the request of this workspace that this one repeats, handled under that one'),
    erasedPrimaryAt: isoDate.describe('When the last data system listed in erasure.systems finished; erasure.covers says what that covers'),
    erasedBackupsBy: isoDate.describe('The latest end of the backup retentions after each system’s erasure: expected, not confirmed'),
    erasedBackupsAt: isoDate.describe('When every listed system’s older backups stopped holding the data (erasure.systems says, per system, computed or declared)'),
    erasure: erasureResource.nullable().describe('Erasure requests only: what was erased, per data system'),
  })
  .register(apiSchemas, { id: 'PrivacyRequest' })

export type PrivacyRequestResource = z.infer<typeof privacyRequestResource>

/** What an erasure removed in one system (the stored erasure receipt), as the API shows it. */
const receiptResource = z
  .object({
    erasedAt: z.iso.datetime(),
    items: z.array(z.object({ what: z.string(), count: z.number().int() })).describe('What this run erased, counted'),
    kept: z
      .array(z.object({ what: z.string(), count: z.number().int(), why: z.string() }))
      .describe('What the system holds about the subject and keeps on purpose, with the legal ground'),
    verification: z
      .object({
        checkedAt: z.iso.datetime(),
        places: z.number().int().describe('How many mapped places (columns) were searched for the subject’s identifying values'),
        remaining: z.number().int().describe('How many values were still found there'),
        passed: z.boolean(),
      })
      .nullable()
      .describe('The check after the erasure, when the system made one; null: no check was made (nothing is claimed)'),
  })
  .register(apiSchemas, { id: 'ErasureReceipt' })

const storedReceipt = z.object({
  erasedAt: z.string(),
  items: z.array(z.object({ what: z.string(), count: z.number() })),
  kept: z.array(z.object({ what: z.string(), count: z.number(), why: z.string() })).optional(),
  verification: z.object({ checkedAt: z.string(), places: z.number(), remaining: z.number(), passed: z.boolean() }).optional(),
})

export const requestTaskResource = z
  .object({
    id: z.uuid(),
    system: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['built_in', 'manual', 'postgres', 'webhook']) }),
    mode: z.enum(['access', 'erasure']),
    state: z
      .enum(['pending', 'running', 'waiting_for_staff', 'waiting_for_system', 'done', 'failed'])
      .describe('waiting_for_staff: a member completes it (manual system); waiting_for_system: the customer’s system took it and answers later'),
    waitingReason: z.string().nullable().describe('State waiting_for_system: why, as the system said'),
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('The last attempt’s error, in words; null once the task is done'),
    completedAt: isoDate,
    receipt: receiptResource.nullable().describe('Erasure tasks that are done: what was erased, kept and checked'),
  })
  .register(apiSchemas, { id: 'RequestTask' })

/** One request as `GET /requests/{id}` shows it: with each task in each data system. */
export const privacyRequestDetailResource = privacyRequestResource
  .extend({ tasks: z.array(requestTaskResource).describe('One per data system the request fanned out to, oldest first') })
  .register(apiSchemas, { id: 'PrivacyRequestDetail' })

/** What a query of a request's tasks includes for `toTaskResource`. */
export const TASK_INCLUDE = { dataSystem: { select: { id: true, name: true, kind: true } } } as const

type LoadedTask = RequestTask & { dataSystem: { id: string; name: string; kind: DataSystemKind } }

export function toTaskResource(task: LoadedTask): z.infer<typeof requestTaskResource> {
  const receipt = task.state === 'done' ? storedReceipt.safeParse(task.receipt) : null
  return {
    id: task.id,
    system: task.dataSystem,
    mode: task.mode === 'erasure' ? 'erasure' : 'access',
    state: task.state,
    waitingReason: task.state === 'waiting_for_system' ? task.waitingReason : null,
    attempts: task.attempts,
    lastError: task.lastError,
    completedAt: iso(task.completedAt),
    receipt: receipt?.success
      ? {
          erasedAt: receipt.data.erasedAt,
          items: receipt.data.items,
          kept: receipt.data.kept ?? [],
          verification: receipt.data.verification ?? null,
        }
      : null,
  }
}

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


/** What a query includes so that `toResource` can say what an erasure covers and what a duplicate repeats. */
export const RESOURCE_INCLUDE = { ...ERASURE_STATEMENT_INCLUDE, duplicateOf: { select: { reference: true } } } as const

type LoadedRequest = PrivacyRequest & RequestWithErasureTasks & { duplicateOf: { reference: string } | null }

export function toResource(request: LoadedRequest): PrivacyRequestResource {
  const statement = statementOfRequest(request, env().BACKUP_RETENTION_DAYS)
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
    duplicateOf: request.duplicateOf?.reference ?? null,
    erasedPrimaryAt: iso(request.erasedPrimaryAt),
    erasedBackupsBy: iso(request.erasedBackupsBy),
    erasedBackupsAt: iso(request.erasedBackupsAt),
    erasure: statement && {
      complete: statement.complete,
      covers: statement.coverage,
      summary: statement.summary,
      backups: statement.backups,
      systems: statement.lines.map((line) => ({
        system: line.system,
        label: line.label,
        kind: line.kind,
        state: line.state,
        erasedAt: iso(line.erasedAt),
        backupsExpectedBy: iso(line.backupsExpectedBy),
        backupsErasedAt: iso(line.backupsErasedAt),
        backupsBasis: line.backupsBasis,
      })),
    },
  }
}
