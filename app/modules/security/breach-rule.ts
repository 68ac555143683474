// Which responses may be compressed on the fly (docs/decisions/025-compression.md). BREACH: when
// a secret and text an attacker chooses share one compressed response, its length tells the
// attacker how much of their guess matched the secret. A response can only hold a secret of
// the person asking when the request carries their credentials (a cookie: session, sign-in in
// progress, portal session; an API key), when it hands out a new one (Set-Cookie), or when it is
// marked as not for others (private, no-store: bearer links, downloads, mailbox). Everything
// else is the same for anyone who asks, so compressing it tells an attacker nothing.
type RequestCredentials = { cookie: string | undefined; authorization: string | undefined }
type ResponseMarks = { setCookie: string | readonly string[] | number | undefined; cacheControl: string | readonly string[] | number | undefined }

const NOT_FOR_OTHERS = /(?:^|[\s,])(?:private|no-store)(?:$|[\s,=])/i

export function mayCompressOnTheFly(request: RequestCredentials, response: ResponseMarks): boolean {
  if (request.cookie !== undefined || request.authorization !== undefined) return false
  if (response.setCookie !== undefined) return false
  return !NOT_FOR_OTHERS.test(String(response.cacheControl ?? ''))
}
