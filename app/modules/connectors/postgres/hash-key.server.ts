// The key of the `hash` erasure strategy: an HMAC-SHA256 key per workspace, derived with HKDF
// from the workspace's data key whenever it is needed, never stored. The same value hashes alike
// in every table and system of the workspace, and differently in another workspace.
import { createHmac, hkdfSync } from 'node:crypto'
import { dataKey } from '~/modules/crypto/envelope.server'
import type { Tx } from '~/modules/db/tenant.server'

export async function erasureHashKey(tx: Tx, workspaceId: string): Promise<Buffer> {
  const { key } = await dataKey(tx, workspaceId)
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'candor/erasure-hash/v1', 32))
}

export const hashValue = (key: Buffer, value: string) => `hmac-sha256:${createHmac('sha256', key).update(value, 'utf8').digest('hex')}`
