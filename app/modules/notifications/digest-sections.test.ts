import { describe, expect, it } from 'vitest'
import type { Role } from '~/modules/auth/permissions'
import { type DigestContext, type WorkspaceFigures, digestSections } from './digest-sections'
import { digestMail } from './digest-mail'

const now = new Date('2027-01-04T07:00:00Z')
const berlinWeek = {
  lastWeekStart: new Date('2026-12-27T23:00:00Z'),
  weekStart: new Date('2027-01-03T23:00:00Z'),
  nextWeekStart: new Date('2027-01-10T23:00:00Z'),
}

function figures(overrides: Partial<WorkspaceFigures> = {}): WorkspaceFigures {
  return {
    workspace: { id: 'w', slug: 'acme', name: 'Acme', timeZone: 'Europe/Berlin' },
    requests: {
      overdue: 0,
      overdueItems: [],
      dueItems: [],
      byZone: new Map([['Europe/Berlin', { ...berlinWeek, received: 0, completed: 0, rejected: 0, dueThisWeek: 0 }]]),
    },
    subprocessorChanges: [],
    documentRequests: { waiting: 0, oldestAt: null },
    reports: { open: 0, acknowledgementLate: 0, items: [] },
    audit: { tone: 'intact', headline: 'Tamper-evident: chain verified through entry #12', coverage: ['12 entries verified just now, from the first.'], fullVerification: 'Last full verification: never.', pending: null },
    incidents: [],
    serviceIncidents: [],
    ...overrides,
  }
}

const context = (role: Role, overrides: Partial<WorkspaceFigures> = {}, extra: Partial<DigestContext> = {}): DigestContext => ({
  figures: figures(overrides),
  platform: null,
  reader: { role, timeZone: 'Europe/Berlin', isOperator: false },
  now,
  dashboardUrl: 'https://candor.example/w/acme',
  ...extra,
})

const headings = (c: DigestContext) => digestSections(c)?.map((section) => section.heading) ?? null

describe('the weekly digest’s sections', () => {
  it('lists open incidents with their clocks as of the e-mail, to every role, and the service’s own incidents', () => {
    const dueAt = new Date('2027-01-05T09:30:00Z')
    const incidents: Partial<WorkspaceFigures> = {
      incidents: [
        { id: 'i1', reference: 'INC-2027-0001', title: 'Laptop stolen', severity: 'S1', dueAt, clock: { state: 'running', dueAt, msLeft: dueAt.getTime() - now.getTime() } },
        { id: 'i2', reference: 'INC-2026-0009', title: 'Mail misdirected', severity: 'S3', dueAt: new Date('2026-12-20T00:00:00Z'), clock: { state: 'not_reportable', dueAt: new Date('2026-12-20T00:00:00Z'), decidedAt: new Date('2026-12-18T00:00:00Z') } },
      ],
      serviceIncidents: [
        { id: 'p1', title: 'Exports delayed', severity: 'S2', status: 'monitoring', startedAt: new Date('2027-01-03T08:00:00Z'), resolvedAt: null, lastMessage: 'Fixed; watching.', lastPostedAt: new Date('2027-01-03T20:00:00Z') },
      ],
    }
    for (const role of ['owner', 'admin', 'agent', 'viewer'] as const) {
      expect(headings(context(role, incidents))?.slice(0, 2)).toEqual(['Incidents of the Candor service', 'Incidents'])
    }
    const [service, own] = digestSections(context('viewer', incidents))!
    expect(own!.lines).toEqual([
      'Open: 2 incidents. The 72-hour clocks as this e-mail was written:',
      '  INC-2027-0001 (S1) Laptop stolen: 1 day 2 h left to notify, due Tuesday 5 January 2027, 10:30 (Europe/Berlin)',
      '  INC-2026-0009 (S3) Mail misdirected: Not reportable (reason recorded)',
    ])
    expect(service!.lines).toEqual(['S2 — degraded, with a workaround: Exports delayed. Monitoring; latest update Sunday 3 January 2027, 21:00 (Europe/Berlin) (started Sunday 3 January 2027, 09:00 (Europe/Berlin)).'])
  })

  it('has nothing to say when only the audit chain is intact', () => {
    for (const role of ['owner', 'admin', 'agent', 'viewer'] as const) expect(headings(context(role))).toBeNull()
  })

  it('says a broken audit chain to those who read the audit log, and only to them', () => {
    const broken = { audit: { ...figures().audit, tone: 'broken' as const, headline: 'Broken at entry #7: its hash does not match', coverage: [] } }
    expect(headings(context('viewer', broken))).toEqual(['Audit log'])
    expect(headings(context('agent', broken))).toBeNull()
  })

  it('follows the permission matrix for each section', () => {
    const busy: Partial<WorkspaceFigures> = {
      requests: { ...figures().requests, overdue: 1, overdueItems: [{ reference: 'R-AAAAAAAA', dueAt: new Date('2027-01-01T12:00:00Z') }] },
      subprocessorChanges: [{ kind: 'add', name: 'Postmark', effectiveOn: '2027-02-01', objections: 2 }],
      documentRequests: { waiting: 3, oldestAt: new Date('2026-12-30T10:00:00Z') },
      reports: { open: 1, acknowledgementLate: 1, items: [{ reference: 'VR-BBBBBBBB', severity: 'high', acknowledged: false, nextDeadline: new Date('2027-01-03T10:00:00Z') }] },
    }
    expect(headings(context('owner', busy))).toEqual(['Privacy requests', 'Sub-processor changes', 'Document requests', 'Vulnerability reports', 'Audit log'])
    expect(headings(context('admin', busy))).toEqual(['Privacy requests', 'Sub-processor changes', 'Document requests', 'Vulnerability reports', 'Audit log'])
    expect(headings(context('agent', busy))).toEqual(['Privacy requests'])
    expect(headings(context('viewer', busy))).toEqual(['Privacy requests', 'Audit log'])
    const owner = digestSections(context('owner', busy))!
    expect(owner[1]!.lines).toEqual([
      'Announced and not yet in effect: 1 change, with 2 objections from subscribers.',
      '  New sub-processor: Postmark, from 1 February 2027 (2 objections)',
    ])
    expect(owner[3]!.lines[0]).toBe('Open: 1, of which 1 not acknowledged by the promised time.')
  })

  it('counts the reader’s own weeks and lists what falls due before their Sunday ends', () => {
    const requests = {
      overdue: 0,
      overdueItems: [],
      dueItems: [
        { reference: 'R-CCCCCCCC', dueAt: new Date('2027-01-06T12:00:00Z') },
        { reference: 'R-DDDDDDDD', dueAt: new Date('2027-01-12T12:00:00Z') },
      ],
      byZone: new Map([['Europe/Berlin', { ...berlinWeek, received: 4, completed: 2, rejected: 0, dueThisWeek: 1 }]]),
    }
    const [section] = digestSections(context('agent', { requests }))!
    expect(section!.lines).toEqual([
      'Received last week (Monday 28 December 2026 to Sunday 3 January 2027): 4.',
      'Closed last week: 2 completed, 0 rejected.',
      'Due by the end of this week (Sunday): 1.',
      '  R-CCCCCCCC, due Wednesday 6 January 2027',
    ])
  })

  it('tells operators about the platform’s backups when it has them, and nobody else', () => {
    const platform = { backups: { passed: false, summary: 'No backup has succeeded yet.' }, drills: { passed: true, summary: 'The drill passed.' } }
    const operator = context('admin', {}, { platform, reader: { role: 'admin', timeZone: 'Europe/Berlin', isOperator: true } })
    expect(headings(operator)).toEqual(['Audit log', 'Candor’s backups (operators)'])
    expect(headings(context('admin', {}, { platform }))).toBeNull()
    const fresh = { backups: { passed: true, summary: 'Fresh.' }, drills: { passed: true, summary: 'Passed.' } }
    expect(headings({ ...operator, platform: fresh })).toBeNull()
  })

  it('writes text and HTML, escaping what it quotes', () => {
    const sections = digestSections(context('owner', { subprocessorChanges: [{ kind: 'add', name: '<b>Evil</b>', effectiveOn: '2027-02-01', objections: 0 }] }))!
    const mail = digestMail({
      workspaceName: 'Acme & Co',
      sections,
      now,
      timeZone: 'Europe/Berlin',
      unsubscribeUrl: 'https://candor.example/notifications/acme/unsubscribe/token',
      preferencesUrl: 'https://candor.example/account/notifications',
    })
    expect(mail.subject).toBe('Acme & Co: your weekly digest')
    expect(mail.text).toContain('Acme & Co as it stands on Monday 4 January 2027, 08:00 (Europe/Berlin).')
    expect(mail.text).toContain('  - New sub-processor: <b>Evil</b>, from 1 February 2027 (0 objections)')
    expect(mail.html).toContain('&lt;b&gt;Evil&lt;/b&gt;')
    expect(mail.html).not.toContain('<b>Evil')
    expect(mail.html).toContain('Acme &amp; Co')
  })
})
