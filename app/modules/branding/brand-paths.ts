// Where a workspace's logo and accent stylesheet are served. Each address is made from what it
// serves (the logo's SHA-256, the colour itself), so it changes when they change and caches
// may keep it (a day for a logo, a year for a stylesheet). Pure: the shells, the trust page and
// the e-mails build the same paths.

export const LOGO_EXTENSION = { 'image/png': 'png', 'image/jpeg': 'jpg' } as const
export type LogoType = keyof typeof LOGO_EXTENSION

/** The logo's public path, /t/<slug>/logo/<first 16 hex digits of its SHA-256>.<png|jpg>. */
export const logoPath = (slug: string, sha256: string, type: LogoType) => `/t/${slug}/logo/${sha256.slice(0, 16)}.${LOGO_EXTENSION[type]}`

/** The accent colour's stylesheet, /t/<slug>/accent/<rrggbb>.css. */
export const accentStylesheetPath = (slug: string, colour: string) => `/t/${slug}/accent/${colour.slice(1)}.css`

/** What a public page needs to show the brand: null parts mean Candor's own. */
export type BrandView = {
  logo: { src: string; width: number; height: number } | null
  accentStylesheet: string | null
  accentColour: string | null
}

export const UNBRANDED: BrandView = { logo: null, accentStylesheet: null, accentColour: null }
