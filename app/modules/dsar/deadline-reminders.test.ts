import { describe, expect, it } from 'vitest'
import { stepToSend } from '~/modules/notifications/reminder-steps'
import { daysLeft } from './days-left'
import { dueInStep, requestReminderMail, requestReminderSteps } from './deadline-reminders'

// Due by the end of Friday 26 March 2027 in Berlin (CET; clocks go forward on 28 March).
const dueAt = new Date('2027-03-26T23:00:00Z')
const timeZone = 'Europe/Berlin'
const received = new Date('2027-02-26T10:00:00Z')

const stepAt = (now: Date, sent: string[] = [], reminderDays = [7, 2]) =>
  stepToSend(requestReminderSteps({ dueAt, timeZone, reminderDays, sent }), { startedAt: received, now, sent })

describe('the steps of a privacy request deadline', () => {
  it('opens "due in N days" when the desk first shows N days left, in the workspace time zone', () => {
    const opens = new Date('2027-03-18T23:00:00Z') // midnight starting Friday 19 March in Berlin
    expect(daysLeft(dueAt, timeZone, opens).days).toBe(7)
    expect(daysLeft(dueAt, timeZone, new Date(opens.getTime() - 1)).days).toBe(8)
    expect(stepAt(new Date(opens.getTime() - 1))).toBeNull()
    expect(stepAt(opens)).toBe('due_in_7_days')
    expect(stepAt(new Date('2027-03-23T23:00:00Z'), ['due_in_7_days'])).toBe('due_in_2_days')
    expect(stepAt(new Date(dueAt.getTime() - 1), ['due_in_7_days', 'due_in_2_days'])).toBeNull()
    expect(stepAt(dueAt, ['due_in_7_days', 'due_in_2_days'])).toBe('overdue')
  })

  it('names one day in the singular', () => {
    expect(dueInStep(1)).toBe('due_in_1_day')
    expect(stepAt(new Date('2027-03-25T12:00:00Z'), [], [1])).toBe('due_in_1_day')
  })

  it('counts a step sent under earlier reminder days as sent', () => {
    // Two days left, the 2-day reminder sent, then the workspace changed its days to 7 and 3.
    expect(stepAt(new Date('2027-03-24T12:00:00Z'), ['due_in_2_days'], [7, 3])).toBeNull()
    expect(stepAt(new Date('2027-03-23T00:00:00Z'), ['due_in_7_days'], [7, 3])).toBe('due_in_3_days')
  })

  it('with no reminder days, sends only the overdue e-mail', () => {
    expect(stepAt(new Date('2027-03-25T00:00:00Z'), [], [])).toBeNull()
    expect(stepAt(dueAt, [], [])).toBe('overdue')
  })
})

describe('the reminder e-mail', () => {
  const input = {
    reason: 'unassigned' as const,
    workspaceName: 'Acme',
    timeZone,
    reference: 'R-ABCD2345',
    requestType: 'Delete my data',
    dueAt,
    reminderDays: [2, 7],
    deskUrl: 'https://candor.example/w/acme/requests/R-ABCD2345',
  }

  it('says how many days are left at the moment it is written, and by when', () => {
    const mail = requestReminderMail({ ...input, step: 'due_in_7_days', now: new Date('2027-03-20T09:00:00Z') })
    expect(mail.subject).toBe('Acme: privacy request R-ABCD2345 is due in 6 days')
    expect(mail.text).toContain('is due by the end of Friday 26 March 2027 (Europe/Berlin time): 6 days left.')
    expect(mail.text).toContain('This workspace sends reminders 7 days, 2 days before a deadline, and once a request is overdue.')
    expect(mail.text).toContain('Type: Delete my data')
    expect(mail.text).toContain(input.deskUrl)
    expect(mail.text).toContain('nobody is assigned')
  })

  it('says today, tomorrow and overdue in words', () => {
    expect(requestReminderMail({ ...input, step: 'due_in_2_days', now: new Date('2027-03-26T08:00:00Z') }).subject).toMatch(/is due today$/)
    expect(requestReminderMail({ ...input, step: 'due_in_2_days', now: new Date('2027-03-25T08:00:00Z') }).subject).toMatch(/is due tomorrow$/)
    const late = requestReminderMail({ ...input, step: 'overdue', now: new Date('2027-03-28T08:00:00Z') })
    expect(late.subject).toBe('Acme: privacy request R-ABCD2345 is overdue')
    expect(late.text).toContain('was due by the end of Friday 26 March 2027 (Europe/Berlin time): it is 2 days overdue and still open.')
  })
})
