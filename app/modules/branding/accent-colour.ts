// A workspace's accent colour: buttons with white text and links on white use it, so it must
// reach WCAG's 4.5:1 against white. Pure: the form's schema, the contrast rule, a darker shade
// that would pass, and the shades the pages derive from it.
import { z } from 'zod'

/** Candor's own brand colour (design-tokens.css), used while a workspace has set none. */
export const CANDOR_ACCENT = '#1f5fbf'
export const MIN_CONTRAST_WITH_WHITE = 4.5

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

/** Whether `text` (trimmed) is a colour as the form takes it: # and six hexadecimal digits. */
export const isHexColour = (text: string) => HEX_COLOUR.test(text.trim())

export const accentColourInput = z
  .string()
  .trim()
  .regex(HEX_COLOUR, 'Enter the colour as # and six hexadecimal digits, such as #1f5fbf.')
  .transform((colour) => colour.toLowerCase())

type Rgb = [number, number, number]

const rgbOf = (hex: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb
const hexOf = (rgb: Rgb) => `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`

/** WCAG 2 relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as Rgb
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The contrast ratio of `#rrggbb` with white, 1 to 21. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05)
}

/** `hex` mixed with black (`amount` 0–1 of black), keeping its hue. */
const darken = (hex: string, amount: number) => hexOf(rgbOf(hex).map((c) => c * (1 - amount)) as Rgb)
/** `hex` mixed with white. */
const lighten = (hex: string, amount: number) => hexOf(rgbOf(hex).map((c) => c + (255 - c) * amount) as Rgb)

/** The lightest shade of `hex` (mixed with black, in steps of 1 %) that reaches 4.5:1 with white. */
export function passingShade(hex: string): string {
  for (let step = 0; step <= 100; step++) {
    const shade = darken(hex, step / 100)
    if (contrastWithWhite(shade) >= MIN_CONTRAST_WITH_WHITE) return shade
  }
  return '#000000'
}

/** The ratio as people read it: "3.2:1" (rounded down, so a colour never reads as passing when it does not). */
export const formatRatio = (ratio: number) => `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`

export type AccentVerdict = { ok: true; colour: string } | { ok: false; message: string; suggestion: string }

/** Whether `colour` (already `#rrggbb`, lower case) may be the accent, and if not, why and what would pass. */
export function checkAccent(colour: string): AccentVerdict {
  const ratio = contrastWithWhite(colour)
  if (ratio >= MIN_CONTRAST_WITH_WHITE) return { ok: true, colour }
  const suggestion = passingShade(colour)
  return {
    ok: false,
    suggestion,
    message: `${colour} has a contrast of ${formatRatio(ratio)} with white; buttons with white text and links on white need at least 4.5:1. A darker shade such as ${suggestion} (${formatRatio(contrastWithWhite(suggestion))}) would pass.`,
  }
}

/** The design tokens a page overrides with the accent: the button colour, its hover, a pale tint. */
export function accentShades(colour: string): { brand600: string; brand700: string; brand50: string } {
  return { brand600: colour, brand700: darken(colour, 0.2), brand50: lighten(colour, 0.93) }
}

/** The attribute that marks what the accent applies to: a public page's body, the dashboard's preview. */
export const BRAND_SCOPE_ATTRIBUTE = 'data-brand'

/**
 * The stylesheet that applies `colour` inside [data-brand] (served at /t/:slug/accent/<hex>.css,
 * so no page needs an inline style). Tailwind's brand utilities and focus rings read these tokens.
 */
export function accentStylesheet(colour: string): string {
  const shades = accentShades(colour)
  return `[${BRAND_SCOPE_ATTRIBUTE}]{--color-brand-600:${shades.brand600};--color-brand-700:${shades.brand700};--color-brand-50:${shades.brand50}}\n`
}
