import { describe, expect, it } from 'vitest'
import { EnvError, localOrigin, parseEnv } from './env.server'

describe('parseEnv', () => {
  it('gives development defaults when nothing is set', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      CANDOR_ROLE: 'all',
      CANDOR_DATA_DIR: '.data',
    })
    expect(env.DATABASE_URL).toBeUndefined()
  })

  it('has no operators unless OPERATOR_EMAILS names them (fail-closed)', () => {
    expect(parseEnv({}).OPERATOR_EMAILS).toEqual([])
    expect(parseEnv({ OPERATOR_EMAILS: ' , ' }).OPERATOR_EMAILS).toEqual([])
    expect(parseEnv({ OPERATOR_EMAILS: 'Ada@Candor.example, bob@candor.example' }).OPERATOR_EMAILS).toEqual([
      'ada@candor.example',
      'bob@candor.example',
    ])
  })

  it('listens on this machine only outside production, on every interface in production', () => {
    expect(parseEnv({}).HOST).toBe('127.0.0.1')
    expect(parseEnv({ NODE_ENV: 'test' }).HOST).toBe('127.0.0.1')
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://candor@db.internal/candor',
      APP_URL: 'https://candor.example',
      RESEND_API_KEY: 're_live',
      CANDOR_KEK: Buffer.alloc(32, 1).toString('base64'),
      PLATFORM_WORKSPACE_SLUG: 'candor',
    }
    expect(parseEnv(production).HOST).toBe('0.0.0.0')
    expect(parseEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0')
    expect(parseEnv({ ...production, HOST: '::' }).HOST).toBe('::')
  })

  it('treats blank values as unset', () => {
    expect(parseEnv({ PORT: '', RESEND_API_KEY: '' }).PORT).toBe(3000)
  })

  it('lists every missing production secret in one message', () => {
    let message = ''
    try {
      parseEnv({ NODE_ENV: 'production' })
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError)
      message = (error as Error).message
    }
    expect(message).toContain('DATABASE_URL: is required in production')
    expect(message).toContain('APP_URL: is required in production')
    expect(message).toContain('RESEND_API_KEY: is required in production')
    expect(message).toContain('CANDOR_KEK: is required in production')
    expect(message).toContain('PLATFORM_WORKSPACE_SLUG: is required in production')
  })

  it("names the platform's own workspace: required in production, the demo's Candor workspace elsewhere", () => {
    expect(parseEnv({}).PLATFORM_WORKSPACE_SLUG).toBe('candor')
    expect(parseEnv({ NODE_ENV: 'test' }).PLATFORM_WORKSPACE_SLUG).toBe('candor')
    expect(parseEnv({ PLATFORM_WORKSPACE_SLUG: 'example-security' }).PLATFORM_WORKSPACE_SLUG).toBe('example-security')
  })

  it('refuses a KEK that is not 32 bytes of base64', () => {
    expect(() => parseEnv({ CANDOR_KEK: Buffer.alloc(16).toString('base64') })).toThrow(
      /CANDOR_KEK: must be 32 bytes in base64/,
    )
  })

  it('lists every invalid value together', () => {
    expect(() =>
      parseEnv({
        PORT: 'eighty',
        CANDOR_ROLE: 'cron',
        DATABASE_URL: 'mysql://x',
        RESEND_API_KEY: 'sk_123',
      }),
    ).toThrow(
      /PORT: .*\n.*DATABASE_URL: must be a postgres:\/\/ connection string\n.*CANDOR_ROLE: .*\n.*RESEND_API_KEY: must be a Resend API key/s,
    )
  })

  it('compresses by default (auto) and refuses a COMPRESSION it does not know', () => {
    expect(parseEnv({}).COMPRESSION).toBe('auto')
    expect(parseEnv({ COMPRESSION: 'off' }).COMPRESSION).toBe('off')
    expect(() => parseEnv({ COMPRESSION: 'yes' })).toThrow(/COMPRESSION/)
  })

  it('turns billing on only whole: a Stripe key needs the webhook secret and every price', () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(
      /STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set[\s\S]*STRIPE_PRICE_BUSINESS_YEARLY/,
    )
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'pk_test_abc' })).toThrow(/STRIPE_SECRET_KEY: must be a Stripe secret key/)
    const whole = parseEnv({
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      STRIPE_PRICE_PRO_MONTHLY: 'price_pm',
      STRIPE_PRICE_PRO_YEARLY: 'price_py',
      STRIPE_PRICE_BUSINESS_MONTHLY: 'price_bm',
      STRIPE_PRICE_BUSINESS_YEARLY: 'price_by',
    })
    expect(whole.STRIPE_PRICE_PRO_YEARLY).toBe('price_py')
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://candor:pw@db.internal:5432/candor',
      APP_URL: 'https://candor.example',
      RESEND_API_KEY: 're_live_123',
      CANDOR_KEK: Buffer.alloc(32, 7).toString('base64'),
      PLATFORM_WORKSPACE_SLUG: 'candor',
    }
    expect(() => parseEnv({ ...production, STRIPE_API_URL: 'http://127.0.0.1:12111' })).toThrow(
      /STRIPE_API_URL: is for tests and local stand-ins only; unset it in production/,
    )
  })

  it('keeps backups 90 days unless BACKUP_RETENTION_DAYS says otherwise, in whole days from 1 to 3650', () => {
    expect(parseEnv({}).BACKUP_RETENTION_DAYS).toBe(90)
    expect(parseEnv({ BACKUP_RETENTION_DAYS: '35' }).BACKUP_RETENTION_DAYS).toBe(35)
    expect(() => parseEnv({ BACKUP_RETENTION_DAYS: '0' })).toThrow(/BACKUP_RETENTION_DAYS/)
    expect(() => parseEnv({ BACKUP_RETENTION_DAYS: '1.5' })).toThrow(/BACKUP_RETENTION_DAYS: must be a whole number of days/)
  })

  it('drills on the database server unless BACKUP_DRILL_DATABASE_URL names another PostgreSQL', () => {
    expect(parseEnv({}).BACKUP_DRILL_DATABASE_URL).toBeUndefined()
    expect(parseEnv({ BACKUP_DRILL_DATABASE_URL: 'postgres://drill@db.internal/postgres' }).BACKUP_DRILL_DATABASE_URL).toBe(
      'postgres://drill@db.internal/postgres',
    )
    expect(() => parseEnv({ BACKUP_DRILL_DATABASE_URL: 'mysql://db/x' })).toThrow(/BACKUP_DRILL_DATABASE_URL: must be a postgres:\/\/ connection string/)
  })

  it('accepts a complete production environment', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://candor:pw@db.internal:5432/candor',
      APP_URL: 'https://candor.example',
      RESEND_API_KEY: 're_live_123',
      CANDOR_KEK: Buffer.alloc(32, 7).toString('base64'),
      CLIENT_IP_HEADER: 'Fly-Client-IP',
      PLATFORM_WORKSPACE_SLUG: 'candor',
    })
    expect(env.CLIENT_IP_HEADER).toBe('fly-client-ip')
    expect(env.PLATFORM_WORKSPACE_SLUG).toBe('candor')
  })
})

describe('EMAIL_FROM', () => {
  it('is refused at boot when it would add a header to every e-mail', () => {
    expect(() => parseEnv({ EMAIL_FROM: 'Candor\r\nBcc: x@evil.example <no-reply@candor.example>' })).toThrow(
      /EMAIL_FROM: must be one line, without control characters/,
    )
    expect(parseEnv({ EMAIL_FROM: 'Candor <no-reply@candor.example>' }).EMAIL_FROM).toBe('Candor <no-reply@candor.example>')
  })
})

describe('localOrigin (Candor’s origin when APP_URL is unset)', () => {
  it.each([
    ['127.0.0.1', 3000, 'http://127.0.0.1:3000'],
    ['0.0.0.0', 3000, 'http://localhost:3000'],
    ['::', 8080, 'http://localhost:8080'],
    ['::1', 3001, 'http://[::1]:3001'],
    ['candor.lan', 3000, 'http://candor.lan:3000'],
  ])('listening on %s:%i: %s', (host, port, origin) => {
    expect(localOrigin(host, port)).toBe(origin)
    expect(new URL(origin).origin).toBe(origin)
  })
})
