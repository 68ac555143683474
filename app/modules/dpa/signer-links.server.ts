// The signer's links to their signed DPA. A link is a bearer key to the agreement (names,
// company, e-mail), so it stops working after SIGNER_LINK_DAYS; the signer asks for a fresh one
// by typing their e-mail on the workspace's link page. Only the SHA-256 of a token is stored.
import { randomBytes, randomUUID } from 'node:crypto'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type Tx, withPublicWorkspace } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { type RateLimit, type Refusal, firstRefusal } from '~/modules/security/rate-limit.server'
import { loadDpaSetup, sha256Hex } from './settings.server'

/** How long a link to a signed DPA works, from when it was sent. */
export const SIGNER_LINK_DAYS = 30

export const SIGNER_LINK_LIMITS = {
  perIp: { name: 'dpa.link.ip', limit: 10, windowSeconds: 60 * 60 },
  perEmail: { name: 'dpa.link.email', limit: 3, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, RateLimit>

/** A signer has no account: what they do is the system's act, for this reason. */
export const SIGNER_ACTOR = { type: 'system', reason: 'dpa_signer' } as const

/** The public addresses of a workspace's DPA pages. */
export function dpaPaths(slug: string) {
  const base = `/t/${encodeURIComponent(slug)}/dpa`
  return {
    sign: base,
    newLink: `${base}/link`,
    signed: (token: string) => `${base}/signed/${token}`,
    pdf: (token: string) => `${base}/signed/${token}/pdf`,
  }
}

const day = (date: Date) => date.toISOString().slice(0, 10)

/** A new link to `signature` (in the workspace `tx` works for): its token, shown only now. */
export async function issueSignerLink(
  tx: Tx,
  signature: { id: string; workspaceId: string },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SIGNER_LINK_DAYS * 24 * 60 * 60 * 1000)
  await tx.dpaSignatureLink.create({
    data: { id: randomUUID(), workspaceId: signature.workspaceId, signatureId: signature.id, tokenHash: sha256Hex(token), createdAt: now, expiresAt },
  })
  return { token, expiresAt }
}

/** The sentence every e-mail carrying a link ends with: how long it works, and what then. */
export function linkLifetimeText(expiresAt: Date, appOrigin: string, slug: string): string {
  return (
    `The link works for ${SIGNER_LINK_DAYS} days, until ${day(expiresAt)}. After that, ask for a new one at ` +
    `${appOrigin}${dpaPaths(slug).newLink}`
  )
}

/** An expired link's answer where no page can be shown (the PDF): why, and where to get a new one. */
export function expiredLinkMessage(slug: string): string {
  return `This link has expired: links to a signed agreement work for ${SIGNER_LINK_DAYS} days. Ask for a new link at ${dpaPaths(slug).newLink}.`
}

/**
 * What a link's token opens, in the workspace `tx` works for: the signature, or `expired`, or
 * null for a token that was never given out.
 */
export async function signatureByToken(tx: Tx, token: string, now: Date = new Date()) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const link = await tx.dpaSignatureLink.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { signature: { include: { templateVersion: { select: { number: true } } } } },
  })
  if (!link) return null
  if (link.expiresAt <= now) return 'expired' as const
  return link.signature
}

export type SignedDpa = Exclude<Awaited<ReturnType<typeof signatureByToken>>, null | 'expired'>

export type NewLinkResult = { outcome: 'answered' } | Refusal | { outcome: 'no_workspace' }

/**
 * Someone asks for fresh links for `email`: when signatures exist for that address in the
 * workspace, one e-mail to it carries a new link to each. The answer is the same either way.
 */
export async function sendFreshSignerLinks(
  slug: string,
  email: string,
  origin: RequestOrigin & { appOrigin: string },
): Promise<NewLinkResult> {
  const refusal = await firstRefusal([
    [SIGNER_LINK_LIMITS.perIp, origin.ip ?? 'unknown', 'address'],
    [SIGNER_LINK_LIMITS.perEmail, `${slug}:${email}`, 'email'],
  ])
  if (refusal) return refusal
  const answered = await withPublicWorkspace(slug, async (tx, workspace) => {
    const signatures = await tx.dpaSignature.findMany({
      where: { signerEmail: email },
      orderBy: { signedAt: 'desc' },
      select: { id: true, workspaceId: true, signedAt: true, templateVersion: { select: { number: true } } },
    })
    if (signatures.length === 0) return true
    const setup = await loadDpaSetup(tx)
    const processor = setup?.settings.legalName ?? workspace.name
    const now = new Date()
    const lines: string[] = []
    let expiresAt = now
    for (const signature of signatures) {
      const link = await issueSignerLink(tx, signature, now)
      expiresAt = link.expiresAt
      lines.push(
        `Signed on ${signature.signedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (version ${signature.templateVersion.number}):`,
        `${origin.appOrigin}${dpaPaths(workspace.slug).signed(link.token)}`,
        '',
      )
      await recordAudit(tx, { workspaceId: workspace.id, actor: SIGNER_ACTOR, origin }, {
        action: 'dpa.link_issue',
        target: { type: 'dpa_signature', id: signature.id },
        after: { expiresAt: link.expiresAt.toISOString() },
      })
    }
    await queueEmail(tx, workspace.id, {
      to: email,
      subject: `A new link to your signed data processing agreement with ${processor}`,
      text: [
        `Someone asked for a new link to the data processing agreements signed with this e-mail address with ${processor}.`,
        '',
        ...lines,
        linkLifetimeText(expiresAt, origin.appOrigin, workspace.slug),
        '',
        'If you did not ask for it, you can ignore this e-mail: the links reach only this address.',
      ].join('\n'),
    }, { branded: true })
    return true
  })
  return answered ? { outcome: 'answered' } : { outcome: 'no_workspace' }
}
