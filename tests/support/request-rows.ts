// Privacy requests written straight into the table with the dates a test needs (received,
// due, completed), for the Overview's counts and chart and its benchmark. The workflow's own
// tests cover how requests reach these states; here only where they stand matters.
import { faker } from '@faker-js/faker'
import type { RequestState, RequestType } from '~/generated/prisma/client'
import { ownerPool } from '~/modules/db/owner.server'

export type RequestRow = {
  type?: RequestType
  state?: Exclude<RequestState, 'unverified'>
  receivedAt: Date
  dueAt?: Date | null
  completedAt?: Date | null
  assigneeId?: string | null
}

/** Insert the rows into `workspaceId`; their ids, in order. */
export async function insertRequests(workspaceId: string, rows: RequestRow[]): Promise<string[]> {
  const ids: string[] = []
  for (const row of rows) {
    const id = faker.string.uuid()
    await ownerPool().query(
      `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship,
                                    portal_origin, submitted_at, received_at, due_at, completed_at, assignee_id)
       VALUES ($1, $2, $3, $4, 'gdpr', $5, $6, $7, 'customer', 'https://portal.example', $8, $8, $9, $10, $11)`,
      [
        id,
        workspaceId,
        `R-${faker.string.alphanumeric({ length: 10, casing: 'upper' })}`,
        row.type ?? 'access',
        row.state ?? (row.completedAt ? 'completed' : 'in_progress'),
        faker.person.fullName(),
        faker.internet.email().toLowerCase(),
        row.receivedAt,
        row.dueAt === undefined ? new Date(row.receivedAt.getTime() + 30 * 86_400_000) : row.dueAt,
        row.completedAt ?? null,
        row.assigneeId ?? null,
      ],
    )
    ids.push(id)
  }
  return ids
}
