// The built-in data system has PostgreSQL write its large collections as JSON lines (decision
// 035). The subject must get the same bytes as when Candor wrote each row with JSON.stringify:
// the same keys in the same order, the same escapes, the same timestamps, null as null.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { builtInConnector } from '~/modules/dsar/connectors/built-in.server'
import type { Collection } from '~/modules/dsar/connectors/connector'
import { makeWorkspace } from '../support/factories'

// Every control character PostgreSQL text can hold (all but NUL), quotes, backslashes, line separators, DEL, non-BMP characters.
const AWKWARD = `${Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('')} "quoted" back\\slash \u2028\u2029\u007f é ✓ 😀 </script>`

async function collected(workspaceId: string, email: string): Promise<Map<string, string>> {
  return withTenant({ workspaceId, actor: { type: 'system', reason: 'test' } }, async (tx) => {
    const texts = new Map<string, string>()
    const context = { tx, workspaceId, systemName: 'Candor' }
    for await (const collection of builtInConnector.collect(context, { requestId: randomUUID(), email, name: 'Sam' }) as AsyncIterable<Collection>) {
      const parts: Buffer[] = []
      let counted = 0
      if ('lines' in collection) {
        for await (const batch of collection.lines) {
          parts.push(Buffer.from(batch.text))
          counted += batch.rows
        }
      } else for await (const row of collection.rows) parts.push(Buffer.from(`${JSON.stringify(row)}\n`))
      const text = Buffer.concat(parts).toString('utf8')
      // The batches' counts add up to the lines they carry.
      if ('lines' in collection) expect(counted).toBe(text.split('\n').length - 1)
      texts.set(collection.name, text)
    }
    return texts
  })
}

describe('the built-in data system’s collections written by PostgreSQL', () => {
  it('are byte for byte the JSON lines of the rows as Candor reads them', async () => {
    const { workspace } = await makeWorkspace()
    const email = `sam-${randomUUID()}@example.com`
    const times = ['2026-12-01T10:00:00.000Z', '2026-12-01T10:00:00.120Z', '1999-02-28T23:59:59.999Z', '2026-06-30T22:30:00.001Z']
    for (const [i, at] of times.entries()) {
      await ownerPool().query(
        `INSERT INTO email_message (id, workspace_id, "to", "from", subject, text, status, created_at)
         VALUES (gen_random_uuid(), $1, $2, 'Shop <a@shop.example>', $3, $4, $5, $6)`,
        [workspace.id, email, `Subject ${i} ${AWKWARD}`, i === 0 ? '' : `Text ${i}\r\n${AWKWARD}`, i % 2 ? 'sent' : 'failed', at],
      )
    }
    await ownerPool().query(
      `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship, details,
                                    portal_origin, submitted_at, received_at, completed_at)
       VALUES (gen_random_uuid(), $1, 'R-JSONLINE1', 'access', 'gdpr', 'completed', 'Sam', $2, 'customer', $3, 'https://p.example',
               '2026-01-02T03:04:05.006Z', '2026-01-02T03:04:05.789Z', NULL),
              (gen_random_uuid(), $1, 'R-JSONLINE2', 'erasure', 'ccpa', 'unverified', 'Sam', $2, 'customer', '', 'https://p.example',
               '2026-01-03T00:00:00.000Z', NULL, NULL)`,
      [workspace.id, email, `Details ${AWKWARD}`],
    )

    const texts = await collected(workspace.id, email)

    // What Candor wrote before: each row read through Prisma, mapped, and JSON.stringify'd.
    const expected = await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, async (tx) => {
      const emails = await tx.emailMessage.findMany({ where: { to: email }, orderBy: { id: 'asc' } })
      const requests = await tx.privacyRequest.findMany({ where: { email }, orderBy: { id: 'asc' } })
      const lines = (rows: object[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('')
      return {
        emails: lines(emails.map((m) => ({ sent_at: m.createdAt.toISOString(), subject: m.subject, status: m.status, text: m.text }))),
        privacy_requests: lines(
          requests.map((r) => ({
            reference: r.reference,
            type: r.type,
            jurisdiction: r.jurisdiction,
            state: r.state,
            submitted_at: r.submittedAt.toISOString(),
            received_at: r.receivedAt?.toISOString() ?? null,
            completed_at: r.completedAt?.toISOString() ?? null,
            details: r.details,
          })),
        ),
      }
    })
    // The lines come in the order the database reads them: compared as sets of lines.
    const sorted = (text: string | undefined) => text?.split('\n').sort()
    expect(sorted(texts.get('emails'))).toEqual(sorted(expected.emails))
    expect(sorted(texts.get('privacy_requests'))).toEqual(sorted(expected.privacy_requests))
    expect(texts.get('emails')!.endsWith('\n')).toBe(true)
    expect(texts.get('emails')!.split('\n')).toHaveLength(times.length + 1)
  })

  it('reads every row once, and nothing of another subject or workspace', async () => {
    const { workspace } = await makeWorkspace()
    const { workspace: other } = await makeWorkspace()
    const email = `many-${randomUUID()}@example.com`
    const insert = (workspaceId: string, to: string, count: number) =>
      ownerPool().query(
        `INSERT INTO email_message (id, workspace_id, "to", "from", subject, text, status)
         SELECT gen_random_uuid(), $1, $2, 'Shop <a@shop.example>', 'Order ' || g, 'Text ' || g, 'sent' FROM generate_series(1, $3::int) AS g`,
        [workspaceId, to, count],
      )
    await insert(workspace.id, email, 12_345)
    await insert(workspace.id, `someone-else-${randomUUID()}@example.com`, 100)
    await insert(other.id, email, 100)

    const lines = (await collected(workspace.id, email)).get('emails')!.trimEnd().split('\n')
    expect(lines).toHaveLength(12_345)
    const subjects = lines.map((line) => (JSON.parse(line) as { subject: string }).subject)
    expect(new Set(subjects).size).toBe(12_345)
    const { rows } = await ownerPool().query<{ subject: string }>('SELECT subject FROM email_message WHERE workspace_id = $1 AND "to" = $2', [workspace.id, email])
    expect(subjects.sort()).toEqual(rows.map((row) => row.subject).sort())
  })
})
