import { describe, expect, it } from 'vitest'
import { systemReasonsInSources } from '../../../tests/support/audit-actions-in-sources'
import { systemActorName } from './actor-labels.server'

describe('systemActorName', () => {
  it('names Candor’s jobs and automatic paths by what they are', () => {
    expect(systemActorName('dsar.export')).toBe('Candor (export builder)')
    expect(systemActorName('trust page visitor')).toBe('A visitor of the trust page')
    expect(systemActorName('drp agent did:web:agent.example')).toBe('The Data Rights Protocol agent did:web:agent.example')
    expect(systemActorName('backup.drill (schedule)')).toBe('Candor (restore drill, schedule)')
  })

  it('knows every reason the sources record', () => {
    const reasons = [...systemReasonsInSources(process.cwd())]
    expect(reasons.length).toBeGreaterThan(20)
    expect(reasons.filter((reason) => systemActorName(reason) === `Candor (${reason})`).sort()).toEqual([])
  })

  it('names a reason it does not know as Candor (reason), never failing', () => {
    expect(systemActorName('test')).toBe('Candor (test)')
    expect(systemActorName('constructor')).toBe('Candor (constructor)')
  })
})
