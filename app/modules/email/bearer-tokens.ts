// Every link Candor e-mails that grants something by itself (a DPA copy, a document, unsubscribe
// and objection links, sign-in and confirmation links) carries a token of 32 random bytes in
// base64url: 43 characters of A-Z, a-z, 0-9, "-" and "_". Once the provider has the message,
// our stored copy needs none of them (decision 023): each is replaced, wherever it appears
// (text, HTML, List-Unsubscribe), so a stored body holds no usable link.

export const REDACTED_TOKEN = 'redacted'

// Exactly 43 such characters, not part of a longer run (a 36-character UUID or a word is left alone).
const BEARER_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g

/** The same rule for PostgreSQL's regular expressions (finding stored messages that still hold one). */
export const BEARER_TOKEN_SQL = '(^|[^A-Za-z0-9_-])[A-Za-z0-9_-]{43}([^A-Za-z0-9_-]|$)'

/** `text` with every bearer token replaced by `redacted`. */
export function redactBearerTokens(text: string): string {
  return text.replace(BEARER_TOKEN, REDACTED_TOKEN)
}

/** A stored message's body and extra headers with every bearer token redacted. */
export function redactedMessage(message: { text: string; html: string | null; headers: unknown }) {
  const headers = message.headers && typeof message.headers === 'object' ? (message.headers as Record<string, string>) : null
  return {
    text: redactBearerTokens(message.text),
    html: message.html === null ? null : redactBearerTokens(message.html),
    headers: headers ? Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, redactBearerTokens(String(value))])) : null,
  }
}
