import { describe, expect, it } from 'vitest'
import { targetTypesInSources } from '../../../tests/support/audit-actions-in-sources'
import { OBJECT_TYPE_NAMES, objectTypeChoices, objectTypeName } from './object-types'

describe('object types', () => {
  it('names every kind of object the sources record as a target, and offers each in the filter', () => {
    const types = [...targetTypesInSources(process.cwd())]
    expect(types.length).toBeGreaterThan(30)
    expect(types.filter((type) => !Object.hasOwn(OBJECT_TYPE_NAMES, type)).sort()).toEqual([])
    expect(objectTypeChoices().map((choice) => choice.value).sort()).toEqual(Object.keys(OBJECT_TYPE_NAMES).sort())
  })

  it('writes a type it does not know in words', () => {
    expect(objectTypeName('privacy_request')).toBe('privacy request')
    expect(objectTypeName('legacy_thing')).toBe('legacy thing')
    expect(objectTypeName('constructor')).toBe('constructor')
  })
})
