// An Authorized Agent of the Data Rights Protocol for tests: its own Ed25519 key pair, messages
// signed the libsodium way (signature, then JSON, base64), and calls to Candor's DRP route
// modules as React Router would make them (text/plain bodies, bearer token).
import { type KeyObject, generateKeyPairSync, sign } from 'node:crypto'
import { RouterContextProvider } from 'react-router'
import { requestInfoContext } from '~/modules/http/request-info'
import * as agentRoute from '~/routes/drp/agent'
import * as requestRoute from '~/routes/drp/data-rights-request'
import * as requestsRoute from '~/routes/drp/data-rights-requests'

export type DrpAnswer = { status: number; body: Record<string, unknown> | null }

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString()

export class TestAgent {
  readonly privateKey: KeyObject
  /** The verify key as the DRP directory gives it: 32 raw bytes, base64. */
  readonly verifyKey: string
  token: string | null = null

  constructor(readonly agentId: string) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    this.privateKey = privateKey
    this.verifyKey = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64')
  }

  /** libsodium's combined mode: the 64-byte signature, then the message, base64. */
  seal(message: unknown, key: KeyObject = this.privateKey): string {
    const bytes = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message))
    return Buffer.concat([sign(null, bytes, key), bytes]).toString('base64')
  }

  /** The envelope's fields for `businessId`, valid from a minute ago for ten minutes. */
  envelope(businessId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { 'agent-id': this.agentId, 'business-id': businessId, 'issued-at': minutes(-1), 'expires-at': minutes(9), 'drp.version': '1.0', ...overrides }
  }

  exercise(businessId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...this.envelope(businessId),
      'agent-request-id': `req-${crypto.randomUUID()}`,
      exercise: 'deletion',
      regime: 'ccpa',
      relationships: ['customer'],
      name: 'Ana Lima',
      email: `ana-${crypto.randomUUID()}@example.com`,
      email_verified: true,
      ...overrides,
    }
  }

  async pair(slug: string, body: string, agentId = this.agentId): Promise<DrpAnswer> {
    const answer = await call(agentRoute.action, { method: 'POST', path: `/drp/${slug}/v1/agent/${agentId}`, params: { slug, agentId }, body })
    if (answer.status === 200) this.token = String(answer.body?.token)
    return answer
  }

  info(slug: string, agentId = this.agentId): Promise<DrpAnswer> {
    return call(agentRoute.loader, { method: 'GET', path: `/drp/${slug}/v1/agent/${agentId}`, params: { slug, agentId }, token: this.token })
  }

  submit(slug: string, body: string, token = this.token): Promise<DrpAnswer> {
    return call(requestsRoute.action, { method: 'POST', path: `/drp/${slug}/v1/data-rights-request`, params: { slug }, body, token })
  }

  status(slug: string, requestId: string): Promise<DrpAnswer> {
    return call(requestRoute.loader, { method: 'GET', path: `/drp/${slug}/v1/data-rights-request/${requestId}`, params: { slug, requestId }, token: this.token })
  }

  revoke(slug: string, requestId: string, body: string): Promise<DrpAnswer> {
    return call(requestRoute.action, { method: 'DELETE', path: `/drp/${slug}/v1/data-rights-request/${requestId}`, params: { slug, requestId }, body, token: this.token })
  }
}

type Handler = (args: never) => unknown

async function call(handler: Handler, input: { method: string; path: string; params: Record<string, string>; body?: string; token?: string | null }): Promise<DrpAnswer> {
  const request = new Request(`http://127.0.0.1:3000${input.path}`, {
    method: input.method,
    headers: { 'content-type': 'text/plain', ...(input.token ? { authorization: `Bearer ${input.token}` } : {}) },
    ...(input.body === undefined ? {} : { body: input.body }),
  })
  const context = new RouterContextProvider()
  context.set(requestInfoContext, { nonce: 'test', clientIp: '127.0.0.1' })
  const response = (await (handler as (args: unknown) => Promise<Response>)({ request, params: input.params, context })) as Response
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null }
}
