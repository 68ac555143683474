import { describe, expect, it } from 'vitest'
import { readableChanges } from './readable-changes'

describe('readableChanges', () => {
  it('shows each changed field as old → new', () => {
    expect(readableChanges({ role: 'agent' }, { role: 'admin' })).toEqual(['role: agent → admin'])
  })

  it('shows a created thing by its values and a deleted one as removed', () => {
    expect(readableChanges(null, { role: 'viewer', email: 'a@b.example' })).toEqual([
      'email: a@b.example',
      'role: viewer',
    ])
    expect(readableChanges({ name: 'Deploy' }, null)).toEqual(['name: Deploy → (removed)'])
  })

  it('writes a missing side as (none) and values that are not text as JSON', () => {
    expect(readableChanges({ ipAllowlist: null }, { ipAllowlist: ['203.0.113.0/24'], on: true })).toEqual([
      'ipAllowlist: (none) → ["203.0.113.0/24"]',
      'on: (none) → true',
    ])
  })

  it('shows nothing for an entry without a change', () => {
    expect(readableChanges(null, null)).toEqual([])
  })
})
