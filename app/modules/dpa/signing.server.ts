// Signing a workspace's DPA on its public page, and finding signed DPAs again. The page shows
// the "offer": the current template filled from the workspace and today's sub-processors, the
// signer's fields still blank, with its SHA-256. Signing recomputes the offer and refuses when
// the hash differs from the one the signer was shown (the template or the list changed), then
// freezes the filled text, its hash, time, IP, user agent and signer, e-mails the signer a
// download link (it expires: signer-links.server.ts), and writes the audit entry, all in one
// transaction.
import { randomUUID } from 'node:crypto'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type PublicWorkspace, type Tx, withPublicWorkspace } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { type RateLimit, type Refusal, firstRefusal } from '~/modules/security/rate-limit.server'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { type DpaBlock, documentText } from './document'
import type { SignInput } from './forms'
import { type DpaSetup, loadDpaSetup, sha256Hex } from './settings.server'
import { SIGNER_ACTOR, dpaPaths, issueSignerLink, linkLifetimeText } from './signer-links.server'
import { type DpaValues, SIGNING_FIELDS, renderTemplate } from './template'

export const SIGN_LIMITS = {
  perIp: { name: 'dpa.sign.ip', limit: 10, windowSeconds: 60 * 60 },
  perEmail: { name: 'dpa.sign.email', limit: 5, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, RateLimit>

export type DpaOffer = { templateVersion: { id: string; number: number }; blocks: DpaBlock[]; sha256: string }

type Fill = Pick<DpaValues, keyof typeof SIGNING_FIELDS>

async function render(tx: Tx, workspace: PublicWorkspace, setup: DpaSetup, appOrigin: string, fill: Fill) {
  const [subprocessors, { subprocessorNoticeDays }] = await Promise.all([
    tx.subprocessor.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] }),
    tx.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { subprocessorNoticeDays: true } }),
  ])
  const { settings } = setup
  const values: DpaValues = {
    'processor.name': settings.legalName,
    'processor.address': settings.address,
    'processor.registration': settings.registration,
    'processor.contact': settings.contactEmail,
    governing_law: settings.governingLaw,
    'workspace.name': workspace.name,
    notice_days: String(subprocessorNoticeDays),
    trust_page_url: `${appOrigin}/t/${encodeURIComponent(workspace.slug)}`,
    subprocessor_changes_url: subprocessorLinks(appOrigin, workspace.slug).changes,
    ...fill,
  }
  const blocks = renderTemplate(setup.template.body, values, subprocessors)
  const text = documentText(blocks)
  return { blocks, text, sha256: sha256Hex(text) }
}

/** What the public page shows and a signer signs, as of now; null while the DPA is not set up. */
export async function currentOffer(tx: Tx, workspace: PublicWorkspace, appOrigin: string): Promise<DpaOffer | null> {
  const setup = await loadDpaSetup(tx)
  if (!setup) return null
  const { blocks, sha256 } = await render(tx, workspace, setup, appOrigin, SIGNING_FIELDS)
  return { templateVersion: { id: setup.template.id, number: setup.template.number }, blocks, sha256 }
}

/** The workspace at `slug` and its current offer; null when there is no such workspace. */
export async function publicOffer(slug: string, appOrigin: string) {
  return withPublicWorkspace(slug, async (tx, workspace) => ({ workspace, offer: await currentOffer(tx, workspace, appOrigin) }))
}

export type SignResult =
  | { outcome: 'signed'; token: string }
  | { outcome: 'stale' }
  | { outcome: 'not_offered' }
  | Refusal

/** Sign the DPA of the workspace at `slug`. `origin.appOrigin` is where the links point. */
export async function signDpa(
  slug: string,
  input: SignInput,
  origin: RequestOrigin & { appOrigin: string },
  now: Date = new Date(),
): Promise<SignResult> {
  const refusal = await firstRefusal([
    [SIGN_LIMITS.perIp, origin.ip ?? 'unknown', 'address'],
    [SIGN_LIMITS.perEmail, `${slug}:${input.signerEmail}`, 'email'],
  ])
  if (refusal) return refusal
  const result = await withPublicWorkspace(slug, async (tx, workspace): Promise<SignResult> => {
    const setup = await loadDpaSetup(tx)
    if (!setup) return { outcome: 'not_offered' }
    const offer = await render(tx, workspace, setup, origin.appOrigin, SIGNING_FIELDS)
    if (offer.sha256 !== input.offer) return { outcome: 'stale' }
    const signed = await render(tx, workspace, setup, origin.appOrigin, {
      'customer.company': input.companyName,
      'customer.address': input.companyAddress || '—',
      'signer.name': input.signerName,
      'signer.title': input.signerTitle,
      'signer.email': input.signerEmail,
      date: now.toISOString().slice(0, 10),
    })
    const signature = await tx.dpaSignature.create({
      data: {
        id: randomUUID(),
        workspaceId: workspace.id,
        templateVersionId: setup.template.id,
        document: signed.text,
        documentSha256: signed.sha256,
        offerSha256: offer.sha256,
        signerName: input.signerName,
        signerTitle: input.signerTitle,
        signerEmail: input.signerEmail,
        companyName: input.companyName,
        companyAddress: input.companyAddress,
        signedAt: now,
        ip: origin.ip ?? 'unknown',
        userAgent: (origin.userAgent ?? '').slice(0, 500),
      },
    })
    const { token, expiresAt } = await issueSignerLink(tx, signature, now)
    const link = `${origin.appOrigin}${dpaPaths(workspace.slug).signed(token)}`
    // The signer typed the company and names; the e-mail repeats none of it, so an address
    // someone else typed in receives no text of theirs.
    await queueEmail(tx, workspace.id, {
      to: signature.signerEmail,
      subject: `Your signed data processing agreement with ${setup.settings.legalName}`,
      text: [
        `A data processing agreement with ${setup.settings.legalName} was signed with this e-mail address on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
        '',
        `Download the signed agreement (PDF): ${link}`,
        `SHA-256 of the signed text: ${signature.documentSha256}`,
        '',
        linkLifetimeText(expiresAt, origin.appOrigin, workspace.slug),
        '',
        `If you did not sign this agreement, write to ${setup.settings.contactEmail}.`,
      ].join('\n'),
    }, { branded: true })
    await queueEmail(tx, workspace.id, {
      to: setup.settings.contactEmail,
      subject: `A customer signed your DPA (version ${setup.template.number})`,
      text: [
        `A data processing agreement was signed on ${workspace.name}'s trust page.`,
        `See who signed it and download it: ${origin.appOrigin}/w/${workspace.slug}/dpa`,
      ].join('\n'),
    })
    await recordAudit(tx, { workspaceId: workspace.id, actor: SIGNER_ACTOR, origin }, {
      action: 'dpa.sign',
      target: { type: 'dpa_signature', id: signature.id },
      after: { templateVersion: setup.template.number, documentSha256: signature.documentSha256, signedAt: signature.signedAt },
    })
    return { outcome: 'signed', token }
  })
  return result ?? { outcome: 'not_offered' }
}

/** Every signed DPA of the workspace `tx` works for, newest first. */
export async function listSignatures(tx: Tx) {
  return tx.dpaSignature.findMany({
    orderBy: { signedAt: 'desc' },
    select: {
      id: true,
      signerName: true,
      signerTitle: true,
      signerEmail: true,
      companyName: true,
      signedAt: true,
      documentSha256: true,
      ip: true,
      templateVersion: { select: { number: true } },
    },
  })
}
