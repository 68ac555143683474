import { describe, expect, it } from 'vitest'
import { type IncidentMailInput, platformIncidentMail } from './incident-mail'

const base: IncidentMailInput = {
  kind: 'declared',
  workspaceName: 'Acme',
  title: 'Exports delayed',
  severity: 'S1',
  status: 'investigating',
  startedAt: new Date('2026-12-04T18:30:00Z'),
  resolvedAt: null,
  message: 'Exports take hours.',
  postedAt: new Date('2026-12-04T18:35:00Z'),
  dashboardUrl: 'https://candor.example/w/acme',
}

describe('the platform incident e-mail', () => {
  it('says what was posted, when, and the state as of that post', () => {
    const mail = platformIncidentMail(base)
    expect(mail.subject).toBe('[S1] Candor incident: Exports delayed')
    expect(mail.text.split('\n')).toEqual(
      expect.arrayContaining([
        'Candor, the service Acme runs on, has an incident that affects this workspace.',
        'Severity: S1 — a major feature down',
        'Status when this was posted: Investigating',
        'Started: 2026-12-04 18:30 UTC',
        "Posted by Candor's operators at 2026-12-04 18:35 UTC:",
        'Exports take hours.',
      ]),
    )
    expect(mail.text).not.toContain('Resolved:')
    expect(mail.text).toContain('https://candor.example/w/acme')
  })

  it('names an update, and a resolution with its time', () => {
    expect(platformIncidentMail({ ...base, kind: 'update', status: 'monitoring' }).subject).toBe('[S1] Candor incident update: Exports delayed')
    const resolved = platformIncidentMail({ ...base, kind: 'update', status: 'resolved', resolvedAt: new Date('2026-12-04T20:00:00Z') })
    expect(resolved.subject).toBe('[S1] Candor incident resolved: Exports delayed')
    expect(resolved.text).toContain('Resolved: 2026-12-04 20:00 UTC')
    expect(resolved.text).toContain('An update on the incident of the Candor service that affects Acme.')
  })
})
