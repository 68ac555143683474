// The e-mails of sub-processor notices: the double opt-in confirmation and the notice of a
// change. Every one carries one-click unsubscribe (RFC 8058): a List-Unsubscribe header with
// an HTTPS address (and a mailto), List-Unsubscribe-Post, and the same link in the text. Pure.
import { formatDay } from './subprocessor-rules'
import { type DescribedChange, changeSummary, changeTitle } from './subprocessor-text'

export type MailHeaders = Record<string, string>

/** RFC 2369 List-Unsubscribe with RFC 8058's one-click POST. */
export function unsubscribeHeaders(input: { unsubscribeUrl: string; mailbox: string; token: string }): MailHeaders {
  const mailto = `mailto:${input.mailbox}?subject=${encodeURIComponent(`unsubscribe ${input.token}`)}`
  return {
    'List-Unsubscribe': `<${input.unsubscribeUrl}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

export type ComposedMail = { subject: string; text: string }

export function confirmationMail(input: {
  workspaceName: string
  confirmUrl: string
  unsubscribeUrl: string
  changesUrl: string
}): ComposedMail {
  return {
    subject: `Confirm: sub-processor changes of ${input.workspaceName}`,
    text: [
      `You (or someone using your address) asked to be told when ${input.workspaceName} adds, removes or changes a sub-processor.`,
      '',
      `To confirm, open this link and press the button: ${input.confirmUrl}`,
      '',
      'Nothing more is sent until you confirm. If you do not, your address is deleted in 7 days.',
      `The changes so far: ${input.changesUrl}`,
      '',
      `Not you, or changed your mind? Unsubscribe: ${input.unsubscribeUrl}`,
    ].join('\n'),
  }
}

export function noticeMail(input: {
  workspaceName: string
  change: DescribedChange
  objectUrl: string
  unsubscribeUrl: string
  changesUrl: string
}): ComposedMail {
  return {
    subject: `${input.workspaceName}: ${changeTitle(input.change)}`,
    text: [
      `${input.workspaceName} is changing its sub-processors, the companies that process personal data for it.`,
      '',
      ...changeSummary(input.change),
      '',
      `This takes effect on ${formatDay(input.change.effectiveOn)}.`,
      `To object, tell us why before then: ${input.objectUrl}`,
      '',
      `Every change: ${input.changesUrl}`,
      `Unsubscribe from these notices: ${input.unsubscribeUrl}`,
    ].join('\n'),
  }
}
