import { describe, expect, it } from 'vitest'
import { ROLES } from '~/modules/auth/permissions'
import { KINDS, NOTIFICATION_KINDS, kindsFor, receives } from './kinds'

describe('notification kinds', () => {
  it('gets a kind by default only to roles in its audience', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const role of KINDS[kind].onByDefault) expect(KINDS[kind].audience).toContain(role)
    }
  })

  it('follows a choice, except for roles outside the audience and required kinds', () => {
    expect(receives('request_new', 'agent', undefined)).toBe(true)
    expect(receives('request_new', 'agent', false)).toBe(false)
    expect(receives('request_new', 'viewer', true)).toBe(false)
    expect(receives('weekly_digest', 'viewer', undefined)).toBe(false)
    expect(receives('weekly_digest', 'viewer', true)).toBe(true)
    expect(receives('incident_clock', 'admin', false)).toBe(true)
    expect(receives('incident_clock', 'agent', true)).toBe(false)
  })

  it('lists for each role the kinds it can get', () => {
    expect(kindsFor('viewer')).toEqual(['incident_update', 'weekly_digest'])
    for (const role of ROLES) expect(kindsFor(role).every((kind) => KINDS[kind].audience.includes(role))).toBe(true)
  })
})
