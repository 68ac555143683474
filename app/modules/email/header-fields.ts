// What may go into an e-mail's header lines (sender, recipient, subject, extra headers): one
// line each, so no value typed anywhere in Candor can end its header and start another (Bcc:,
// a second Subject:). queueEmail applies it before a message is stored, deliverEmail again
// before a provider gets one (a row stored before this rule, or written around queueEmail).
import { z } from 'zod'
import { isOneLine, oneLine } from '~/modules/formats/one-line'

export class EmailHeaderError extends Error {}

/**
 * Extra headers, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058): a
 * header name is a token, and a value is one line without control characters.
 */
export const emailHeaders = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,75}$/, 'A header name is letters, digits and hyphens'),
  z.string().max(2000).refine(isOneLine, 'A header value is one line, without control characters'),
)

/** An address alone: refused if anything in it could end its line (or it holds a space or < >). */
function headerAddress(address: string): string {
  if (address === '' || /[\s<>]/.test(address) || !isOneLine(address)) {
    throw new EmailHeaderError('An e-mail address is not one plain address on one line (a line break, a control character or a space), so the message was not sent.')
  }
  return address
}

/** `Name <address>` or a bare address, as EMAIL_FROM holds it: the name on one line, the address checked. */
function headerMailbox(value: string): string {
  const named = /^(.*)<([^<>]*)>$/s.exec(value.trim())
  if (!named) return headerAddress(value.trim())
  const name = oneLine(named[1]!)
  const address = headerAddress(named[2]!)
  return name ? `${name} <${address}>` : address
}

export type HeaderFields = { from: string; to: string; subject: string; headers?: Record<string, string> }

/**
 * A message's header fields as they may be sent: the subject and the sender's name put on one
 * line (line breaks and control characters become spaces); an address or an extra header that
 * could end its line refused with EmailHeaderError.
 */
export function headerFields(message: { from: string; to: string; subject: string; headers?: unknown }): HeaderFields {
  const headers = message.headers == null ? undefined : emailHeaders.safeParse(message.headers)
  if (headers && !headers.success) {
    throw new EmailHeaderError('An extra e-mail header is not one line of text, so the message was not sent.')
  }
  return {
    from: headerMailbox(message.from),
    to: headerAddress(message.to),
    subject: oneLine(message.subject),
    ...(headers ? { headers: headers.data } : {}),
  }
}
