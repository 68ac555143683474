import { describe, expect, it } from 'vitest'
import { stepToSend } from '~/modules/notifications/reminder-steps'
import { reportReminderMail, reportReminderSteps, runningClocks } from './deadline-reminders'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const receivedAt = new Date('2027-05-03T09:00:00Z')
const report = {
  reference: 'V-ABCD2345',
  state: 'received' as const,
  acknowledgeBy: new Date(receivedAt.getTime() + 48 * HOUR_MS),
  disclosureDueAt: new Date(receivedAt.getTime() + 90 * DAY_MS),
}
const after = (ms: number) => new Date(receivedAt.getTime() + ms)
const step = (clock: 'acknowledge' | 'disclosure', due: Date, now: Date, sent: string[] = []) =>
  stepToSend(reportReminderSteps(clock, due), { startedAt: receivedAt, now, sent })

describe('the steps of a vulnerability report', () => {
  it('reminds of the acknowledgement 12 hours before it is due, then when it is late', () => {
    expect(step('acknowledge', report.acknowledgeBy, after(36 * HOUR_MS - 1))).toBeNull()
    expect(step('acknowledge', report.acknowledgeBy, after(36 * HOUR_MS))).toBe('acknowledge_due_in_12_hours')
    expect(step('acknowledge', report.acknowledgeBy, after(48 * HOUR_MS), ['acknowledge_due_in_12_hours'])).toBe('acknowledge_overdue')
  })

  it('reminds of the disclosure date 14 and 2 days before, then when it has passed', () => {
    expect(step('disclosure', report.disclosureDueAt, after(76 * DAY_MS))).toBe('disclosure_due_in_14_days')
    expect(step('disclosure', report.disclosureDueAt, after(88 * DAY_MS), ['disclosure_due_in_14_days'])).toBe('disclosure_due_in_2_days')
    expect(step('disclosure', report.disclosureDueAt, after(90 * DAY_MS), ['disclosure_due_in_14_days', 'disclosure_due_in_2_days'])).toBe(
      'disclosure_overdue',
    )
  })

  it('skips a reminder whose window was open at receipt (a 7-day policy gets the 2-day one)', () => {
    const sevenDays = new Date(receivedAt.getTime() + 7 * DAY_MS)
    expect(step('disclosure', sevenDays, after(HOUR_MS))).toBeNull()
    expect(step('disclosure', sevenDays, after(5 * DAY_MS))).toBe('disclosure_due_in_2_days')
  })

  it('runs the acknowledgement clock until acknowledged and the disclosure clock until closed', () => {
    const now = after(HOUR_MS)
    expect(runningClocks(report, now).map((c) => c.clock)).toEqual(['acknowledge', 'disclosure'])
    expect(runningClocks({ ...report, state: 'triaged' }, now).map((c) => c.clock)).toEqual(['disclosure'])
    expect(runningClocks({ ...report, state: 'disclosed' }, now)).toEqual([])
  })

  it('words the e-mail from the clock at the moment it is written', () => {
    const mail = reportReminderMail({
      clock: 'acknowledge',
      step: 'acknowledge_due_in_12_hours',
      report,
      workspaceName: 'Acme',
      timeZone: 'Europe/Berlin',
      now: after(37 * HOUR_MS),
      deskUrl: 'https://candor.example/w/acme/security/1',
    })
    expect(mail.subject).toBe('Acme: acknowledge security report V-ABCD2345 soon')
    expect(mail.text).toContain('promises an acknowledgement by Wednesday 5 May 2027, 11:00 (Europe/Berlin time): due in 11 h.')
    expect(mail.text).toContain('State: Received')
    const passed = reportReminderMail({
      clock: 'disclosure',
      step: 'disclosure_overdue',
      report: { ...report, state: 'triaged' },
      workspaceName: 'Acme',
      timeZone: 'UTC',
      now: after(91 * DAY_MS),
      deskUrl: 'https://candor.example/w/acme/security/1',
    })
    expect(passed.subject).toBe('Acme: the disclosure date of security report V-ABCD2345 has passed')
    expect(passed.text).toContain('may disclose it since Sunday 1 August 2027, 09:00 (UTC time), and the report is still open.')
  })
})
