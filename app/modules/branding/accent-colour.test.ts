import { describe, expect, it } from 'vitest'
import { CANDOR_ACCENT, accentColourInput, accentShades, checkAccent, contrastWithWhite, formatRatio, passingShade } from './accent-colour'

describe('accent colour', () => {
  it.each([
    ['#ffffff', 1],
    ['#000000', 21],
    ['#767676', 4.54],
    ['#777777', 4.48],
  ])('%s has a contrast of %s with white', (colour, ratio) => {
    expect(contrastWithWhite(colour)).toBeCloseTo(ratio, 2)
  })

  it('accepts Candor’s own colour and a dark one', () => {
    expect(checkAccent(CANDOR_ACCENT)).toEqual({ ok: true, colour: CANDOR_ACCENT })
    expect(checkAccent('#767676').ok).toBe(true)
  })

  it('refuses a light colour, says its ratio and suggests a darker shade that passes', () => {
    const verdict = checkAccent('#ffcc00')
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.message).toContain('#ffcc00 has a contrast of 1.5:1 with white')
    expect(verdict.message).toContain('at least 4.5:1')
    expect(verdict.message).toContain(verdict.suggestion)
    expect(contrastWithWhite(verdict.suggestion)).toBeGreaterThanOrEqual(4.5)
    // The lightest passing shade: one step lighter would fail.
    expect(contrastWithWhite(verdict.suggestion)).toBeLessThan(4.8)
  })

  it('never rounds a failing ratio up to a passing one', () => {
    expect(formatRatio(4.499)).toBe('4.4:1')
    expect(checkAccent('#777777').ok).toBe(false)
  })

  it('suggests a shade of the same hue', () => {
    expect(passingShade('#ff0000')).toMatch(/^#[0-9a-f]{2}0000$/)
    expect(passingShade('#1f5fbf')).toBe('#1f5fbf')
  })

  it.each(['1f5fbf', '#1f5fb', '#1f5fbfa', 'red', '#12345g', '#1f5fbf\u0000', 'rgb(0,0,0)', ''])('refuses %j as a colour', (input) => {
    expect(accentColourInput.safeParse(input).success).toBe(false)
  })

  it('reads #RRGGBB in any case, with spaces around it', () => {
    expect(accentColourInput.parse(' #1F5FBF ')).toBe('#1f5fbf')
  })

  it('derives a darker hover and a pale tint that keep 4.5:1 with the hover colour', () => {
    const shades = accentShades('#767676')
    expect(contrastWithWhite(shades.brand700)).toBeGreaterThan(contrastWithWhite('#767676'))
    expect(shades.brand50).toMatch(/^#f[0-9a-f]f[0-9a-f]f[0-9a-f]$/)
  })
})
