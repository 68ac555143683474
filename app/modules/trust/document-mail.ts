// The e-mails a visitor who asked for a gated document receives: the request noted, the access
// link (approved by the workspace or at once for a listed domain), a refusal with its reason, a
// link withdrawn; and the one members who decide requests receive when one waits. Pure.
import type { ComposedMail } from './subprocessor-mail'

const formatUtc = (date: Date) =>
  `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(date)} UTC`

type Common = { workspaceName: string; documentTitle: string; name: string }

export function requestReceivedMail(input: Common & { trustPageUrl: string }): ComposedMail {
  return {
    subject: `${input.workspaceName}: your request for “${input.documentTitle}”`,
    text: [
      `Hello ${input.name},`,
      '',
      `${input.workspaceName} has your request for “${input.documentTitle}” and the agreement you accepted. You will get another e-mail with a download link once it is approved.`,
      '',
      `Trust page: ${input.trustPageUrl}`,
      '',
      'Not you? Ignore this e-mail: nothing is sent without the approval.',
    ].join('\n'),
  }
}

export function accessGrantedMail(input: Common & { accessUrl: string; expiresAt: Date }): ComposedMail {
  return {
    subject: `${input.workspaceName}: your link to “${input.documentTitle}”`,
    text: [
      `Hello ${input.name},`,
      '',
      `Your request for “${input.documentTitle}” is approved. Download it here:`,
      input.accessUrl,
      '',
      `The link works until ${formatUtc(input.expiresAt)} and is for you alone: the agreement you accepted covers the document. Every download is recorded.`,
    ].join('\n'),
  }
}

export function accessDeniedMail(input: Common & { reason: string; trustPageUrl: string }): ComposedMail {
  return {
    subject: `${input.workspaceName}: your request for “${input.documentTitle}”`,
    text: [
      `Hello ${input.name},`,
      '',
      `${input.workspaceName} did not approve your request for “${input.documentTitle}”.`,
      ...(input.reason ? ['', `Their reason: ${input.reason}`] : []),
      '',
      `Questions? The trust page says whom to contact: ${input.trustPageUrl}`,
    ].join('\n'),
  }
}

export function accessRevokedMail(input: Common): ComposedMail {
  return {
    subject: `${input.workspaceName}: your link to “${input.documentTitle}” was withdrawn`,
    text: [
      `Hello ${input.name},`,
      '',
      `${input.workspaceName} withdrew your link to “${input.documentTitle}”; it no longer works. Ask again from the trust page if you still need the document.`,
    ].join('\n'),
  }
}

/**
 * To members who decide requests: one is waiting. Later ones for the same document within the
 * hour are not e-mailed. It names the company, not the person: the members' copy stays in the
 * outbox, where erasing the requester would not reach it.
 */
export function requestWaitingMail(input: Omit<Common, 'name'> & { company: string; documentsUrl: string }): ComposedMail {
  return {
    subject: `${input.workspaceName}: new request for “${input.documentTitle}”`,
    text: [
      `Someone from ${input.company} asks for “${input.documentTitle}”.`,
      '',
      `Approve or deny it on the documents page: ${input.documentsUrl}`,
      '',
      'Further requests for this document within the hour are not e-mailed; the documents page lists them all.',
    ].join('\n'),
  }
}
