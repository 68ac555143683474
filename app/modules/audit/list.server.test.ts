import { describe, expect, it } from 'vitest'
import { AUDIT_CSV_HEADER, type AuditRow, auditCsvRecord } from './list.server'

const row: AuditRow = {
  seq: '7',
  time: '2026-11-22T10:00:05.123Z',
  actorType: 'user',
  actorId: '6f1c2a4e-2b7d-4c39-9a55-0d6c1f0e8b11',
  actor: 'ana@acme.example',
  action: 'document.rename',
  targetType: 'document',
  targetId: '=HYPERLINK("https://evil.example"), x',
  ip: '198.51.100.4',
  userAgent: 'Firefox',
  changes: ['title: Old → Policy, "v2"'],
  before: { title: 'Old' },
  after: { title: 'Policy, "v2"' },
}

describe('auditCsvRecord', () => {
  it('writes one quoted, formula-safe record per entry, in the header’s order', () => {
    expect(AUDIT_CSV_HEADER).toBe(
      'seq,time_utc,actor_type,actor,actor_id,action,target_type,target_id,ip,user_agent,changes,before,after\r\n',
    )
    expect(auditCsvRecord(row)).toBe(
      [
        '7',
        '2026-11-22T10:00:05.123Z',
        'user',
        'ana@acme.example',
        '6f1c2a4e-2b7d-4c39-9a55-0d6c1f0e8b11',
        'document.rename',
        'document',
        `"'=HYPERLINK(""https://evil.example""), x"`,
        '198.51.100.4',
        'Firefox',
        '"title: Old → Policy, ""v2"""',
        '"{""title"":""Old""}"',
        '"{""title"":""Policy, \\""v2\\""""}"',
      ].join(',') + '\r\n',
    )
  })

  it('leaves a missing value empty', () => {
    expect(auditCsvRecord({ ...row, ip: null, before: null, changes: [] })).toMatch(/,,Firefox,,,/)
  })
})
