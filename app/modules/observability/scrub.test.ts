import { describe, expect, it } from 'vitest'
import { scrubEvent, scrubText, scrubUrl } from './scrub'

describe('scrubText', () => {
  it.each([
    ['e-mail', 'no account for jane.doe+x@example.co.uk', 'no account for [email]'],
    ['IPv4', 'request from 203.0.113.42 refused', 'request from [ip] refused'],
    ['IPv6', 'request from 2001:db8::8a2e:370:7334 refused', 'request from [ip] refused'],
    ['full IPv6', 'peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'peer [ip]'],
    ['query string', 'GET /p/acme/status?email=a@b.co&code=123', 'GET /p/acme/status?[query]'],
    ['absolute URL query', 'fetch https://x.example/a?token=s3cret#top', 'fetch https://x.example/a?[query]#top'],
    ['bearer token', 'Authorization: Bearer cnd_live_abcDEF123', 'Authorization: Bearer [redacted]'],
  ])('removes a %s', (_, input, expected) => {
    expect(scrubText(input)).toBe(expected)
  })

  it('leaves times, versions and ordinary text alone', () => {
    const text = 'job ran at 10:30:15 with pg 15.4 and node 20.19.1 for workspace acme'
    expect(scrubText(text)).toBe(text)
  })
})

describe('scrubUrl', () => {
  it('drops the query and fragment', () => {
    expect(scrubUrl('https://a.example/x?email=a@b.c#f')).toBe('https://a.example/x')
    expect(scrubUrl('/plain/path')).toBe('/plain/path')
  })
})

describe('scrubEvent (Sentry beforeSend)', () => {
  const event = () => ({
    message: 'Failed for ana@example.com from 198.51.100.7',
    user: { id: 'u_1', email: 'ana@example.com', ip_address: '198.51.100.7' },
    request: {
      url: 'https://candor.example/w/acme/requests?q=ana@example.com',
      query_string: 'q=ana@example.com',
      cookies: { __Host_session: 'abc' },
      data: { email: 'ana@example.com' },
      headers: {
        Authorization: 'Bearer secret',
        Cookie: '__Host-session=abc',
        'Fly-Client-IP': '198.51.100.7',
        'User-Agent': 'Mozilla/5.0',
        Referer: 'https://candor.example/p/acme?email=ana@example.com',
      },
    },
    exception: {
      values: [
        {
          value: 'duplicate key for ana@example.com',
          stacktrace: {
            frames: [
              {
                vars: { email: 'ana@example.com' },
                context_line: "  throw new Error('no ana@example.com')",
                pre_context: ['// ip 198.51.100.7'],
                post_context: ['}'],
              },
            ],
          },
        },
      ],
    },
    breadcrumbs: [{ message: 'GET /x?token=1', data: { url: '/x?token=1', cookie: 'a=b' } }],
    extra: { to: 'ana@example.com', nested: { ip: '198.51.100.7' } },
  })

  it('removes e-mail and IP addresses, cookies, authorization headers and query strings', () => {
    const scrubbed = scrubEvent(event())
    const serialised = JSON.stringify(scrubbed)
    expect(serialised).not.toMatch(/ana@example\.com/)
    expect(serialised).not.toMatch(/198\.51\.100\.7/)
    expect(serialised).not.toMatch(/secret|__Host|session=abc|token=1/)
    expect(scrubbed.user).toEqual({ id: 'u_1' })
    expect(scrubbed.request.url).toBe('https://candor.example/w/acme/requests')
    expect(scrubbed.request.headers).toEqual({
      'User-Agent': 'Mozilla/5.0',
      Referer: 'https://candor.example/p/acme?[query]',
    })
    expect(scrubbed.request).not.toHaveProperty('cookies')
    expect(scrubbed.request).not.toHaveProperty('query_string')
    expect(scrubbed.request).not.toHaveProperty('data')
    expect(scrubbed.exception.values[0]!.stacktrace.frames[0]).toEqual({
      context_line: "  throw new Error('no [email]')",
      pre_context: ['// ip [ip]'],
      post_context: ['}'],
    })
    expect(scrubbed.breadcrumbs[0]!.data).toEqual({ url: '/x?[query]', cookie: '[redacted]' })
  })

  it('scrubs the URL path, the transaction, the log entry and the contexts too', () => {
    const scrubbed = scrubEvent({
      request: { url: 'https://candor.example/t/ana@example.com/198.51.100.7?x=1' },
      transaction: 'GET /t/ana@example.com?token=1',
      logentry: { message: 'No account for ana@example.com', params: ['198.51.100.7', { to: 'ana@example.com' }] },
      contexts: {
        trace: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' },
        response: { status_code: 500 },
        state: { lastRequest: { from: '198.51.100.7', url: '/p?email=ana@example.com', cookie: 'a=b' } },
      },
    })
    expect(scrubbed).toEqual({
      request: { url: 'https://candor.example/t/[email]/[ip]' },
      transaction: 'GET /t/[email]',
      logentry: { message: 'No account for [email]', params: ['[ip]', { to: '[email]' }] },
      contexts: {
        trace: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' },
        response: { status_code: 500 },
        state: { lastRequest: { from: '[ip]', url: '/p?[query]', cookie: '[redacted]' } },
      },
    })
  })

  it('keeps what is needed to debug: the error type, path and user id', () => {
    const scrubbed = scrubEvent(event())
    expect(scrubbed.exception.values[0]!.value).toBe('duplicate key for [email]')
    expect(scrubbed.message).toBe('Failed for [email] from [ip]')
  })
})
