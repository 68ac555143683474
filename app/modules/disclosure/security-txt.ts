// security.txt (RFC 9116): where researchers find how to report a vulnerability. Written
// afresh on every request, so Expires always lies ahead, and never a year or more (the RFC
// recommends less than a year). Pure: the route supplies the addresses.
import { oneLine } from '~/modules/formats/one-line'

/** Days from today until the file expires: well inside the RFC's "less than a year". */
export const SECURITY_TXT_LIFETIME_DAYS = 180

const DAY_MS = 86_400_000

/** Midnight UTC `SECURITY_TXT_LIFETIME_DAYS` after today: stable for a day, so caches agree. */
export function securityTxtExpiry(now: Date): Date {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  return new Date(today + SECURITY_TXT_LIFETIME_DAYS * DAY_MS)
}

export type SecurityTxtInput = {
  /** Who publishes it, for the comment at the top. */
  owner: string
  /** mailto: or https: URIs, in order of preference. */
  contacts: string[]
  expires: Date
  /** The policy page. */
  policy: string
  /** BCP 47 tags. */
  preferredLanguages: string[]
  /** The exact URL this file is served at. */
  canonical: string
}

/** The file's text: LF line ends, one field per line, a comment on top. */
export function buildSecurityTxt(input: SecurityTxtInput): string {
  if (input.contacts.length === 0) throw new Error('security.txt needs at least one Contact')
  const lines = [
    `# Security contact for ${oneLine(input.owner)}. Report vulnerabilities as the policy below says.`,
    ...input.contacts.map((contact) => `Contact: ${oneLine(contact)}`),
    `Expires: ${input.expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    `Policy: ${oneLine(input.policy)}`,
    ...(input.preferredLanguages.length > 0 ? [`Preferred-Languages: ${input.preferredLanguages.map(oneLine).join(', ')}`] : []),
    `Canonical: ${oneLine(input.canonical)}`,
  ]
  return `${lines.join('\n')}\n`
}

export type SecurityTxtFor = {
  /** The origin the file is served at (APP_URL's, or the request's). */
  origin: string
  workspace: { slug: string; name: string }
  settings: { securityContactEmail: string | null; preferredLanguages: string[] }
  /** The platform's file at /.well-known/security.txt, or the workspace's under /t/:slug. */
  scope: 'platform' | 'workspace'
  now: Date
}

/** The paths a workspace's disclosure lives at. */
export const disclosurePaths = (slug: string) => ({
  policy: `/t/${encodeURIComponent(slug)}/security`,
  securityTxt: `/t/${encodeURIComponent(slug)}/.well-known/security.txt`,
})

/**
 * The security.txt of a workspace (or of the platform, from its own workspace): its security
 * e-mail first when it has one, then the report form, which always exists.
 */
export function securityTxtFor({ origin, workspace, settings, scope, now }: SecurityTxtFor): string {
  const paths = disclosurePaths(workspace.slug)
  const policy = `${origin}${paths.policy}`
  return buildSecurityTxt({
    owner: workspace.name,
    contacts: [...(settings.securityContactEmail ? [`mailto:${settings.securityContactEmail}`] : []), policy],
    expires: securityTxtExpiry(now),
    policy,
    preferredLanguages: settings.preferredLanguages,
    canonical: scope === 'platform' ? `${origin}/.well-known/security.txt` : `${origin}${paths.securityTxt}`,
  })
}
