import { describe, expect, it } from 'vitest'
import { checkEndpointUrl } from './endpoint-url'

const production = { production: true }
const development = { production: false }

describe('checkEndpointUrl', () => {
  it.each([
    ['https://hooks.acme.example/candor', 'https://hooks.acme.example/candor'],
    ['  https://hooks.acme.example:8443/in?team=privacy#top ', 'https://hooks.acme.example:8443/in?team=privacy'],
    ['https://93.184.216.34/hook', 'https://93.184.216.34/hook'],
  ])('accepts %s everywhere', (input, url) => {
    expect(checkEndpointUrl(input, production)).toEqual({ ok: true, url })
    expect(checkEndpointUrl(input, development)).toEqual({ ok: true, url })
  })

  it.each(['http://localhost:4000/hook', 'http://127.0.0.1:4000/hook', 'http://[::1]:4000/hook', 'https://localhost/hook', 'https://10.0.0.5/hook'])(
    'accepts %s outside production only',
    (input) => {
      expect(checkEndpointUrl(input, development).ok).toBe(true)
      expect(checkEndpointUrl(input, production).ok).toBe(false)
    },
  )

  it.each([
    ['', /Enter the address/],
    ['hooks.acme.example/candor', /full address/],
    ['http://hooks.acme.example/candor', /https/],
    ['http://192.168.1.10/candor', /https/],
    ['ftp://hooks.acme.example/candor', /https/],
    ['javascript:alert(1)', /https/],
    ['https://user:pass@hooks.acme.example/candor', /user name and password/],
    [`https://hooks.acme.example/${'a'.repeat(2000)}`, /under 2,000 characters/],
    [`https://hooks.acme.example/${'é'.repeat(400)}`, /under 2,000 characters/],
  ])('refuses %j', (input, message) => {
    for (const options of [production, development]) {
      const check = checkEndpointUrl(input, options)
      expect(check.ok).toBe(false)
      if (!check.ok) expect(check.message).toMatch(message)
    }
  })

  it.each([
    'https://169.254.169.254/latest',
    'https://127.0.0.1/',
    'https://[fd00::1]/',
    'https://[::ffff:10.0.0.1]/',
    'https://api.localhost/',
    // IPv4 inside IPv6, and IPv4 spelt as the URL parser still reads it
    'https://[::7f00:1]/',
    'https://[::ffff:0:7f00:1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[64:ff9b::a9fe:a9fe]/latest',
    'https://[64:ff9b:1::a00:1]/',
    'https://[2002:7f00:1::]/',
    'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
    'https://0x7f.1/',
    'https://2130706433/',
    'https://0251.0376.0251.0376/latest',
    'https://198.18.0.1/',
    'https://255.255.255.255/',
  ])(
    'refuses a private address in production: %s',
    (input) => {
      expect(checkEndpointUrl(input, production)).toMatchObject({ ok: false, message: expect.stringMatching(/public internet/) })
    },
  )
})
