// Long audit chains for tests and benchmarks: entries appended in bulk after a chain's newest
// one, with the real hash format the verifier checks (computed here, inserted as the owner in
// batches), and tampering the way an attacker holding the owner's rights would.
import { type ChainedFields, entryHash } from '~/modules/audit/hash-chain'
import { ownerPool } from '~/modules/db/owner.server'

const BATCH = 10_000

/** Append `count` valid entries to `workspaceId`'s chain (after its newest entry, if any). */
export async function appendBulkEntries(workspaceId: string, count: number): Promise<void> {
  const { rows } = await ownerPool().query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_entry WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1',
    [workspaceId],
  )
  let prev: string | null = rows[0]?.hash ?? null
  const first = Number(rows[0]?.seq ?? 0) + 1
  const last = first + count - 1
  for (let start = first; start <= last; start += BATCH) {
    const batch: (ChainedFields & { prevHash: string | null; hash: string })[] = []
    for (let seq = start; seq <= Math.min(start + BATCH - 1, last); seq++) {
      const fields: ChainedFields = {
        workspaceId,
        seq: BigInt(seq),
        actorType: 'system',
        actorId: 'bulk',
        action: 'bulk.append',
        targetType: 'thing',
        targetId: String(seq),
        before: null,
        after: { seq, note: 'bulk' },
        ip: null,
        userAgent: null,
        createdAt: new Date(1_700_000_000_000 + seq),
      }
      const hash = entryHash(prev, fields)
      batch.push({ ...fields, prevHash: prev, hash })
      prev = hash
    }
    await ownerPool().query(
      `INSERT INTO audit_entry (workspace_id, seq, actor_type, actor_id, action, target_type,
         target_id, after, created_at, prev_hash, hash)
       SELECT $1, s, 'system', 'bulk', 'bulk.append', 'thing', t, a, c, p, h
         FROM unnest($2::bigint[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[], $7::text[])
           AS x(s, t, a, c, p, h)`,
      [
        workspaceId,
        batch.map((r) => r.seq.toString()),
        batch.map((r) => r.targetId),
        batch.map((r) => JSON.stringify(r.after)),
        batch.map((r) => r.createdAt.toISOString()),
        batch.map((r) => r.prevHash),
        batch.map((r) => r.hash),
      ],
    )
  }
}

/** As the owner with the append-only trigger disabled, the way an attacker with the database would. */
export async function tamperAuditEntries(sql: string, values: unknown[], table = 'audit_entry'): Promise<void> {
  const client = await ownerPool().connect()
  try {
    await client.query('BEGIN')
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)
    await client.query(sql, values)
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}
