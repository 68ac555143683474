// The brand of the workspace an e-mail is sent for, read in the sending transaction: its name,
// its logo's absolute address (mail clients fetch it from the public logo route) and colour.
import { LOGO_EXTENSION, type LogoType, logoPath } from '~/modules/branding/brand-paths'
import { appOrigin } from '~/modules/config/env.server'
import type { Tx } from '~/modules/db/tenant.server'
import type { MailBrand } from './branded-mail-html'

/** Brands read in a transaction: a notice to many subscribers reads its workspace's once. */
const read = new WeakMap<Tx, Map<string, MailBrand | null>>()

export async function mailBrand(tx: Tx, workspaceId: string): Promise<MailBrand | null> {
  const known = read.get(tx) ?? new Map<string, MailBrand | null>()
  read.set(tx, known)
  if (!known.has(workspaceId)) known.set(workspaceId, await readBrand(tx, workspaceId))
  return known.get(workspaceId)!
}

async function readBrand(tx: Tx, workspaceId: string): Promise<MailBrand | null> {
  const workspace = await tx.workspace.findUnique({
    where: { id: workspaceId },
    select: { name: true, slug: true, branding: { select: { accentColor: true, logoType: true, logoSha256: true, logoWidth: true, logoHeight: true } } },
  })
  if (!workspace) return null
  const branding = workspace.branding
  const logo =
    branding?.logoSha256 && branding.logoType && branding.logoType in LOGO_EXTENSION && branding.logoWidth && branding.logoHeight
      ? { url: `${appOrigin()}${logoPath(workspace.slug, branding.logoSha256, branding.logoType as LogoType)}`, width: branding.logoWidth, height: branding.logoHeight }
      : null
  return { name: workspace.name, logo, accentColour: branding?.accentColor ?? null, linkOrigin: appOrigin() }
}
