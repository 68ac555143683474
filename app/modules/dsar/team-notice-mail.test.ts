import { describe, expect, it } from 'vitest'
import { type TeamNoticeInput, teamNoticeMail } from './team-notice-mail'

const base: TeamNoticeInput = {
  event: 'reply',
  reason: 'assignee',
  workspaceName: 'Acme',
  reference: 'R-ABCD2345',
  requestType: 'Delete my data',
  dueDate: 'Monday, 4 January 2027',
  clockPaused: false,
  deskUrl: 'https://candor.example/w/acme/requests/R-ABCD2345',
}

describe('the e-mail that tells a member', () => {
  it('counts unopened replies only when there is more than one, and says later replies wait', () => {
    expect(teamNoticeMail({ ...base, unreadReplies: 1, quietMinutes: 15 }).text).toContain(
      'The requester wrote a reply on their request’s page that you have not opened yet.\nFurther replies in the next 15 minutes are not e-mailed separately.',
    )
    expect(teamNoticeMail({ ...base, unreadReplies: 4, quietMinutes: 15 }).text).toContain('4 replies you have not opened yet')
  })

  it('says why this member gets it', () => {
    expect(teamNoticeMail(base).text).toMatch(/assigned to you\.$/)
    expect(teamNoticeMail({ ...base, reason: 'unassigned' }).text).toMatch(/nobody is assigned to the request and your role works privacy requests\.$/)
    expect(teamNoticeMail({ ...base, reason: 'assignee_gone' }).text).toMatch(/assignee no longer works requests in this workspace and your role does\.$/)
  })

  it('says when the clock is paused, and links to the desk', () => {
    const { subject, text } = teamNoticeMail({ ...base, event: 'export_ready', clockPaused: true })
    expect(subject).toBe('Acme: the export of R-ABCD2345 waits for review')
    expect(text).toContain('Answer due by: Monday, 4 January 2027 (the clock is paused while the request waits for the requester)')
    expect(text).toContain('Open it on the desk (you may need to sign in): https://candor.example/w/acme/requests/R-ABCD2345')
  })

  it('names how the address of a received request was confirmed', () => {
    expect(teamNoticeMail({ ...base, event: 'received', addressConfirmedBy: 'requester' }).text).toContain('the requester confirmed their e-mail address')
    expect(teamNoticeMail({ ...base, event: 'received', addressConfirmedBy: 'filer' }).text).toContain('marked as already verified (through the API)')
  })
})
