import { describe, expect, it } from 'vitest'
import { compressionPolicy } from './compression-policy'

describe('compressionPolicy', () => {
  it.each([
    [{ COMPRESSION: 'auto' }, { stored: true, onTheFly: true }],
    [{ COMPRESSION: 'auto', FLY_APP_NAME: 'candor' }, { stored: true, onTheFly: false }],
    [{ COMPRESSION: 'on', FLY_APP_NAME: 'candor' }, { stored: true, onTheFly: true }],
    [{ COMPRESSION: 'on' }, { stored: true, onTheFly: true }],
    [{ COMPRESSION: 'off' }, { stored: false, onTheFly: false }],
  ] as const)('reads %j as %j', (env, policy) => {
    expect(compressionPolicy(env)).toEqual(policy)
  })
})
