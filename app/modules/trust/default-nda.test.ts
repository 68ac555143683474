import { describe, expect, it } from 'vitest'
import { defaultNda } from './default-nda'
import { ndaInput } from './document-forms'

describe('the starter NDA', () => {
  it('names the company and is an agreement the NDA form accepts as it is', () => {
    const text = defaultNda('Newco Ltd')
    expect(text).toContain('## Confidentiality agreement for Newco Ltd')
    expect(text).not.toMatch(/\{\{|\}\}/)
    expect(ndaInput.safeParse({ text }).success).toBe(true)
  })
})
