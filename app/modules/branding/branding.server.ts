// A workspace's branding: read for its public pages and e-mails, changed from the dashboard's
// Branding page. Each change is one transaction that moves the trust page's stamp (every
// instance renders the page again) and ends with its audit entry.
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { bumpTrustStamp } from '~/modules/trust/checks.server'
import { type BrandView, LOGO_EXTENSION, type LogoType, UNBRANDED, accentStylesheetPath, logoPath } from './brand-paths'
import type { LogoImage } from './logo-image.server'

type BrandingRow = {
  accentColor: string | null
  logoType: string | null
  logoSha256: string | null
  logoWidth: number | null
  logoHeight: number | null
  updatedAt: Date
}

const VIEW_COLUMNS = { accentColor: true, logoType: true, logoSha256: true, logoWidth: true, logoHeight: true, updatedAt: true } as const

/** The brand as a page shows it, from the row (null: Candor's own). */
export function brandViewOf(slug: string, row: BrandingRow | null): BrandView {
  if (!row) return UNBRANDED
  return {
    logo:
      row.logoSha256 && row.logoType && row.logoWidth && row.logoHeight
        ? { src: logoPath(slug, row.logoSha256, row.logoType as LogoType), width: row.logoWidth, height: row.logoHeight }
        : null,
    accentStylesheet: row.accentColor ? accentStylesheetPath(slug, row.accentColor) : null,
    accentColour: row.accentColor,
  }
}

/** The brand of the workspace `tx` works for (inside withTenant or withPublicWorkspace). */
export async function loadBrand(tx: Tx, slug: string): Promise<BrandView> {
  return brandViewOf(slug, await tx.workspaceBranding.findFirst({ select: VIEW_COLUMNS }))
}

/** The brand of a public workspace by its address, or null when there is none. */
export function publicBrand(slug: string): Promise<BrandView | null> {
  return withPublicWorkspace(slug, (tx, workspace) => loadBrand(tx, workspace.slug))
}

/** The logo's bytes when `file` (<16 hex digits>.<png|jpg>) names the workspace's current logo. */
export async function publicLogo(slug: string, file: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: LogoType } | null> {
  const match = /^([0-9a-f]{16})\.(png|jpg)$/.exec(file)
  if (!match) return null
  const row = await withPublicWorkspace(slug, (tx) =>
    tx.workspaceBranding.findFirst({ select: { logo: true, logoType: true, logoSha256: true } }),
  )
  if (!row?.logo || !row.logoSha256?.startsWith(match[1]!)) return null
  const type = row.logoType as LogoType
  if (LOGO_EXTENSION[type] !== match[2]) return null
  return { bytes: new Uint8Array(row.logo), type }
}

/** The accent colour when `file` (<rrggbb>.css) names the workspace's current one. */
export async function publicAccent(slug: string, file: string): Promise<string | null> {
  const match = /^([0-9a-f]{6})\.css$/.exec(file)
  if (!match) return null
  const row = await withPublicWorkspace(slug, (tx) => tx.workspaceBranding.findFirst({ select: { accentColor: true } }))
  return row?.accentColor === `#${match[1]}` ? row.accentColor : null
}

/** What the Branding page shows. */
export function loadBrandingPage(member: Member) {
  return withTenant(member.tenant, async (tx) => {
    const row = await tx.workspaceBranding.findFirst({ select: VIEW_COLUMNS })
    return { brand: brandViewOf(member.workspace.slug, row), updatedAt: row?.updatedAt ?? null }
  })
}

const target = (member: Member) => ({ type: 'workspace', id: member.workspace.id })

/** One change of a workspace's brand at a time, so each audit entry's "before" is what it replaced. */
const lockBranding = (tx: Tx, workspaceId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`branding:${workspaceId}`}, 0))`

/** Store a sanitised logo in place of any earlier one. */
export async function setLogo(member: Member, logo: LogoImage, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    await lockBranding(tx, member.workspace.id)
    const before = await tx.workspaceBranding.findFirst({ select: { logoSha256: true } })
    const columns = {
      logo: new Uint8Array(logo.bytes),
      logoType: logo.type,
      logoSha256: logo.sha256,
      logoWidth: logo.width,
      logoHeight: logo.height,
      updatedAt: new Date(),
    }
    await tx.workspaceBranding.upsert({
      where: { workspaceId: member.workspace.id },
      create: { workspaceId: member.workspace.id, ...columns },
      update: columns,
    })
    await bumpTrustStamp(tx, member.workspace.id)
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'branding.logo_set',
      target: target(member),
      before: { logoSha256: before?.logoSha256 ?? null },
      after: { logoSha256: logo.sha256, logoType: logo.type, logoWidth: logo.width, logoHeight: logo.height, logoBytes: logo.bytes.length },
    })
  })
}

/** Remove the logo; false when there was none. */
export async function removeLogo(member: Member, origin: RequestOrigin): Promise<boolean> {
  return withTenant(member.tenant, async (tx) => {
    await lockBranding(tx, member.workspace.id)
    const before = await tx.workspaceBranding.findFirst({ select: { logoSha256: true } })
    if (!before?.logoSha256) return false
    await tx.workspaceBranding.update({
      where: { workspaceId: member.workspace.id },
      data: { logo: null, logoType: null, logoSha256: null, logoWidth: null, logoHeight: null, updatedAt: new Date() },
    })
    await bumpTrustStamp(tx, member.workspace.id)
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'branding.logo_remove',
      target: target(member),
      before: { logoSha256: before.logoSha256 },
      after: { logoSha256: null },
    })
    return true
  })
}

/** Set the accent colour (already checked for contrast), or null for Candor's own; false when unchanged. */
export async function setAccentColour(member: Member, colour: string | null, origin: RequestOrigin): Promise<boolean> {
  return withTenant(member.tenant, async (tx) => {
    await lockBranding(tx, member.workspace.id)
    const before = await tx.workspaceBranding.findFirst({ select: { accentColor: true } })
    if ((before?.accentColor ?? null) === colour) return false
    await tx.workspaceBranding.upsert({
      where: { workspaceId: member.workspace.id },
      create: { workspaceId: member.workspace.id, accentColor: colour },
      update: { accentColor: colour, updatedAt: new Date() },
    })
    await bumpTrustStamp(tx, member.workspace.id)
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'branding.accent_color',
      target: target(member),
      before: { accentColor: before?.accentColor ?? null },
      after: { accentColor: colour },
    })
    return true
  })
}
