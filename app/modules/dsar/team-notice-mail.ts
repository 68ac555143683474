// The e-mail that tells a member something happened on a privacy request: a request received,
// a reply from the requester, an export waiting for review. Pure. It names the workspace, the
// reference, the type, the event and the due date, and links to the desk; never the
// requester's name, e-mail or words: members' copies of e-mails outlive an erasure of the
// requester's data, and staff read those on the desk after signing in.

export type TeamEvent = 'received' | 'reply' | 'export_ready'

/** Why this member gets it: the request's assignee, or one of the team while nobody (who still works requests) is assigned. */
export type NoticeReason = 'assignee' | 'unassigned' | 'assignee_gone'

export type TeamNoticeInput = {
  event: TeamEvent
  reason: NoticeReason
  workspaceName: string
  reference: string
  requestType: string
  /** "Friday 1 January 2027", the effective deadline. */
  dueDate: string
  /** Set while the clock stands still (waiting for the requester). */
  clockPaused: boolean
  deskUrl: string
  /** For a reply: how many of the requester's replies this member had not opened when the e-mail was written. */
  unreadReplies?: number
  /** For a reply: minutes during which further replies are not e-mailed again. */
  quietMinutes?: number
  /** For a received request: the requester confirmed the address, or whoever filed it (the API) vouched for it. */
  addressConfirmedBy?: 'requester' | 'filer'
}

const SUBJECTS: Record<TeamEvent, (reference: string) => string> = {
  received: (reference) => `new privacy request ${reference}`,
  reply: (reference) => `the requester replied on ${reference}`,
  export_ready: (reference) => `the export of ${reference} waits for review`,
}

function whatHappened(input: TeamNoticeInput): string[] {
  switch (input.event) {
    case 'received':
      return [
        input.addressConfirmedBy === 'requester'
          ? 'A new privacy request was received: the requester confirmed their e-mail address.'
          : 'A new privacy request was received: it was filed with its e-mail address marked as already verified (through the API).',
      ]
    case 'reply': {
      const unread = input.unreadReplies ?? 1
      return [
        unread === 1
          ? 'The requester wrote a reply on their request’s page that you have not opened yet.'
          : `The requester wrote on their request’s page: ${unread} replies you have not opened yet (counted when this e-mail was written).`,
        `Further replies in the next ${input.quietMinutes ?? 15} minutes are not e-mailed separately.`,
      ]
    }
    case 'export_ready':
      return ['The export of the requester’s data is assembled and waits for a member to review it before it is sent.']
  }
}

/** Why a member gets an e-mail about a request: the last line of each (shared with the deadline reminders). */
const WHY_TOLD: Record<NoticeReason, string> = {
  assignee: 'You receive this because the request is assigned to you.',
  unassigned: 'You receive this because nobody is assigned to the request and your role works privacy requests.',
  assignee_gone:
    'You receive this because the request’s assignee no longer works requests in this workspace and your role does.',
}

/** The closing lines of every e-mail to members about one request: where to open it, and why they get it. */
export function deskLinkAndReason(deskUrl: string, reason: NoticeReason): string[] {
  return [
    `Open it on the desk (you may need to sign in): ${deskUrl}`,
    'The requester’s details and messages are shown there, not in e-mails.',
    '',
    WHY_TOLD[reason],
  ]
}

export function teamNoticeMail(input: TeamNoticeInput): { subject: string; text: string } {
  return {
    subject: `${input.workspaceName}: ${SUBJECTS[input.event](input.reference)}`,
    text: [
      ...whatHappened(input),
      '',
      `Workspace: ${input.workspaceName}`,
      `Reference: ${input.reference}`,
      `Type: ${input.requestType}`,
      `Answer due by: ${input.dueDate}${input.clockPaused ? ' (the clock is paused while the request waits for the requester)' : ''}`,
      '',
      ...deskLinkAndReason(input.deskUrl, input.reason),
    ].join('\n'),
  }
}
