import { describe, expect, it } from 'vitest'
import { CANDOR_CONTROLS, offeredChecks, withCandorControls } from './candor-controls'
import { CHECKS } from './checks'
import { controlSchema, highlightSchema } from './content'

describe('Candor’s controls', () => {
  it('are valid trust-page controls, and their highlights valid highlights tied to existing checks', () => {
    for (const control of CANDOR_CONTROLS) {
      expect(controlSchema.safeParse(control).success).toBe(true)
      if (control.check) {
        expect(CHECKS[control.check.id]).toBeDefined()
        expect(highlightSchema.safeParse({ title: control.check.title, body: control.check.body, check: control.check.id }).success).toBe(true)
      }
    }
  })

  it('offers the 2FA check only when 2FA is required (else it could only fail)', () => {
    expect(offeredChecks(false)).toEqual(['audit_chain'])
    expect(offeredChecks(true)).toEqual(['two_factor', 'audit_chain'])
  })

  it('adds only what the draft lacks, keeping what is there (titles compared without case)', () => {
    const mine = { group: 'process' as const, title: 'Background checks', description: '' }
    const first = withCandorControls({ controls: [mine], highlights: [] }, ['audit_chain'])
    expect(first.added).toEqual({ controls: CANDOR_CONTROLS.length, highlights: 1 })
    expect(first.controls[0]).toEqual(mine)
    const renamed = first.controls.map((c) => ({ ...c, title: c.title.toUpperCase() }))
    expect(withCandorControls({ controls: renamed, highlights: first.highlights }, ['audit_chain', 'two_factor']).added).toEqual({ controls: 0, highlights: 1 })
  })
})
