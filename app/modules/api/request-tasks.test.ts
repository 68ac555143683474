import { describe, expect, it } from 'vitest'
import type { RequestTask } from '~/generated/prisma/client'
import { requestTaskResource, toTaskResource } from './requests-api.server'

const task = (fields: Partial<RequestTask>) =>
  ({
    id: '3f0c2a4e-6a53-4d7e-9c1e-5b2f7f1c0a11',
    workspaceId: '0b7e5d8c-2f61-4c3a-8e7d-1a9b6c5d4e3f',
    requestId: '8d6f4b2a-1c3e-4f5a-9b7d-2e4c6a8b0d1f',
    dataSystemId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    mode: 'erasure',
    state: 'pending',
    attempts: 0,
    lastError: null,
    artifact: null,
    receipt: null,
    pendingReceipt: null,
    waitingReason: null,
    note: null,
    completedBy: null,
    completedAt: null,
    createdAt: new Date('2026-12-04T10:00:00Z'),
    updatedAt: new Date('2026-12-04T10:00:00Z'),
    backupsErasedAt: null,
    backupsConfirmedBy: null,
    dataSystem: { id: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Billing service', kind: 'webhook' as const },
    ...fields,
  }) as RequestTask & { dataSystem: { id: string; name: string; kind: 'webhook' } }

describe('a task as the API shows it', () => {
  it('says why it waits for its system', () => {
    const shown = toTaskResource(task({ state: 'waiting_for_system', waitingReason: 'The endpoint accepted the task and answers by callback.' }))
    expect(shown).toMatchObject({ state: 'waiting_for_system', waitingReason: 'The endpoint accepted the task and answers by callback.', receipt: null })
    expect(requestTaskResource.parse(shown)).toEqual(shown)
  })

  it('shows the receipt of a done erasure, and claims no check that was not made', () => {
    const receipt = { system: 'Billing service', erasedAt: '2026-12-04T11:00:00.000Z', items: [{ what: 'invoices', count: 3 }] }
    const shown = toTaskResource(task({ state: 'done', attempts: 1, completedAt: new Date('2026-12-04T11:00:00Z'), receipt }))
    expect(shown.receipt).toEqual({ erasedAt: '2026-12-04T11:00:00.000Z', items: [{ what: 'invoices', count: 3 }], kept: [], verification: null })
    const verified = toTaskResource(
      task({ state: 'done', receipt: { ...receipt, verification: { checkedAt: '2026-12-04T11:00:01.000Z', places: 7, remaining: 0, passed: true } } }),
    )
    expect(verified.receipt?.verification).toEqual({ checkedAt: '2026-12-04T11:00:01.000Z', places: 7, remaining: 0, passed: true })
  })

  it('shows no receipt on a task that is not done (a saved pending one included), and its last error', () => {
    const shown = toTaskResource(task({ state: 'running', attempts: 2, lastError: 'The host name db.example could not be found.', receipt: { items: [] } }))
    expect(shown).toMatchObject({ receipt: null, attempts: 2, lastError: 'The host name db.example could not be found.', completedAt: null })
  })
})
