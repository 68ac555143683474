import { describe, expect, it } from 'vitest'
import { mayCompressOnTheFly } from './breach-rule'

const anonymous = { cookie: undefined, authorization: undefined }
const publicPage = { setCookie: undefined, cacheControl: undefined }

describe('mayCompressOnTheFly (BREACH)', () => {
  it('compresses what is the same for anyone who asks', () => {
    expect(mayCompressOnTheFly(anonymous, publicPage)).toBe(true)
    expect(mayCompressOnTheFly(anonymous, { setCookie: undefined, cacheControl: 'public, max-age=60' })).toBe(true)
  })

  it.each([
    ['a request with a cookie (a session, a sign-in in progress)', { cookie: 'candor_session=abc', authorization: undefined }, publicPage],
    ['a request with an API key', { cookie: undefined, authorization: 'Bearer cnd_123' }, publicPage],
    ['a response that sets a cookie', anonymous, { setCookie: ['candor_session=abc; HttpOnly'], cacheControl: undefined }],
    ['a private response (a bearer link’s page)', anonymous, { setCookie: undefined, cacheControl: 'private, no-store' }],
    ['a no-store response', anonymous, { setCookie: undefined, cacheControl: 'No-Store' }],
  ])('never compresses %s', (_what, request, response) => {
    expect(mayCompressOnTheFly(request, response)).toBe(false)
  })
})
