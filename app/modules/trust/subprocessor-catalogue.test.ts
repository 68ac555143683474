import { describe, expect, it } from 'vitest'
import { SUBPROCESSOR_CATALOGUE, catalogueOffer, cataloguePickInput } from './subprocessor-catalogue'
import { subprocessorFieldsInput } from './subprocessor-forms'

describe('the sub-processor catalogue', () => {
  it('holds only entries the sub-processor form accepts as they are (https DPA links)', () => {
    for (const vendor of SUBPROCESSOR_CATALOGUE) {
      const parsed = subprocessorFieldsInput.safeParse({ ...vendor, certifications: vendor.certifications.join(', ') })
      expect([vendor.id, parsed.success]).toEqual([vendor.id, true])
      expect(parsed.data).toMatchObject({ name: vendor.name, policyUrl: vendor.policyUrl, certifications: vendor.certifications })
    }
    expect(new Set(SUBPROCESSOR_CATALOGUE.map((v) => v.id)).size).toBe(SUBPROCESSOR_CATALOGUE.length)
  })

  it('marks vendors already listed or proposed, by name without case', () => {
    const offer = catalogueOffer(['stripe', 'Amazon Web Services'])
    expect(offer.filter((v) => v.taken).map((v) => v.id)).toEqual(['aws', 'stripe'])
  })

  it('accepts catalogue ids only, at least one', () => {
    expect(cataloguePickInput.safeParse({ vendors: ['aws', 'stripe'] }).success).toBe(true)
    for (const vendors of [[], ['nope'], ['aws\u0000'], ['x'.repeat(100_000)]]) {
      expect(cataloguePickInput.safeParse({ vendors }).success).toBe(false)
    }
    expect(cataloguePickInput.safeParse({ vendors: [] }).error?.issues[0]?.message).toBe('Tick at least one vendor.')
  })
})
