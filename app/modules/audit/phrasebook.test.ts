import { describe, expect, it } from 'vitest'
import { auditActionsInSources } from '../../../tests/support/audit-actions-in-sources'
import { ACTION_PHRASES, AUDIT_AREAS, actionChoicesByArea, actionWords, readableCode } from './phrasebook'

describe('the phrasebook', () => {
  const scan = auditActionsInSources(process.cwd())

  it('reads every call that writes an audit entry', () => {
    expect(scan.unreadable).toEqual([])
    // The sources record well over a hundred kinds of change; a reader that finds few is broken.
    expect(scan.codes.size).toBeGreaterThan(100)
  })

  it('has a phrase for every action code the code base records', () => {
    const missing = [...scan.codes].filter((code) => !Object.hasOwn(ACTION_PHRASES, code)).sort()
    expect(missing).toEqual([])
  })

  it('has no phrase for a code that nothing records any more', () => {
    const unused = Object.keys(ACTION_PHRASES).filter((code) => !scan.codes.has(code)).sort()
    expect(unused).toEqual([])
  })

  it('puts the object where the phrase says, once at most', () => {
    expect(actionWords('request.export.create')).toEqual({
      area: 'requests',
      before: 'built the export of ',
      after: '',
      hasTarget: true,
    })
    expect(actionWords('request.close_duplicate')).toMatchObject({ before: 'closed ', after: ' as a duplicate' })
    expect(actionWords('workspace.ip_allowlist')).toEqual({
      area: 'security',
      before: 'changed the IP allowlist',
      after: '',
      hasTarget: false,
    })
    for (const [, words] of Object.values(ACTION_PHRASES)) {
      expect(words.split('{target}').length, words).toBeLessThanOrEqual(2)
    }
  })

  it('writes a code without a phrase (an old entry) as words, never failing', () => {
    expect(readableCode('request.export.assemble_again')).toBe('request export: assemble again')
    expect(readableCode('legacy')).toBe('legacy')
    expect(actionWords('document.rename')).toEqual({
      area: null,
      before: 'recorded “document: rename”',
      after: '',
      hasTarget: false,
    })
    expect(actionWords('constructor').area).toBeNull()
    expect(actionWords('toString').before).toBe('recorded “toString”')
  })

  it('offers every phrased code once in the filter, under its area', () => {
    const groups = actionChoicesByArea()
    expect(groups.map((group) => group.area)).toEqual(Object.values(AUDIT_AREAS))
    const offered = groups.flatMap((group) => group.choices.map((choice) => choice.value))
    expect(offered.sort()).toEqual(Object.keys(ACTION_PHRASES).sort())
    const security = groups.find((group) => group.area === AUDIT_AREAS.security)!
    expect(security.choices).toContainEqual({ value: 'workspace.ip_allowlist', label: 'Changed the IP allowlist' })
  })
})
