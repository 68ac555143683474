import http from 'node:http'
import { createBrotliDecompress } from 'node:zlib'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { decoded, rawRequest, varyOf } from '../tests/support/raw-http'
import { compressResponses } from './compress-responses'

const html = `<!doctype html><main>${'<p>Sub-processors, regions and certifications.</p>'.repeat(100)}</main>`
let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function serve(onTheFly: boolean, route: express.RequestHandler) {
  const app = express()
  app.use(compressResponses({ onTheFly }))
  app.get('/', route)
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`
}

const page: express.RequestHandler = (_req, res) => void res.type('html').send(html)

describe('compressResponses', () => {
  it('compresses a page that is the same for anyone, in the coding asked for, with Vary', async () => {
    const url = await serve(true, page)
    for (const [accept, coding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip']] as const) {
      const response = await rawRequest(url, { headers: { 'accept-encoding': accept } })
      expect(response.headers['content-encoding']).toBe(coding)
      expect(varyOf(response)).toContain('accept-encoding')
      expect(decoded(response).toString()).toBe(html)
    }
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const response = await rawRequest(url, { headers })
      expect(response.headers['content-encoding']).toBeUndefined()
      expect(response.body.toString()).toBe(html)
    }
  })

  it.each([
    ['the request carries a cookie', { cookie: 'candor_session=secret' }, page],
    ['the request carries an API key', { authorization: 'Bearer cnd_secret' }, page],
    ['the response sets a cookie', {}, ((_req, res) => void res.cookie('candor_session', 'secret').type('html').send(html)) as express.RequestHandler],
    ['the response is private', {}, ((_req, res) => void res.set('Cache-Control', 'private, no-store').type('html').send(html)) as express.RequestHandler],
  ])('never compresses when %s, and asks proxies not to either', async (_what, headers, route) => {
    const url = await serve(true, route)
    const response = await rawRequest(url, { headers: { 'accept-encoding': 'br, gzip', ...headers } })
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers['cache-control']).toMatch(/no-transform/)
    expect(response.body.toString()).toBe(html)
  })

  it('streams: a chunk flushed (as React Router flushes each one) reaches the client before the response ends', async () => {
    let clientGotFirstChunk!: () => void
    const firstChunkArrived = new Promise<void>((resolve) => (clientGotFirstChunk = resolve))
    const url = await serve(true, async (_req, res) => {
      res.type('text/csv')
      res.write(`id,name\n${'1,Ada Lovelace\n'.repeat(200)}`)
      ;(res as unknown as { flush: () => void }).flush()
      await firstChunkArrived
      res.end('2,Grace Hopper\n')
    })
    const text = await new Promise<string>((resolve, reject) => {
      http.get(url, { headers: { 'accept-encoding': 'br' } }, (response) => {
        expect(response.headers['content-encoding']).toBe('br')
        let body = ''
        const decoder = response.pipe(createBrotliDecompress())
        decoder.on('data', (chunk: Buffer) => {
          body += chunk
          clientGotFirstChunk()
        })
        decoder.on('end', () => resolve(body))
        decoder.on('error', reject)
      })
    })
    expect(text.endsWith('1,Ada Lovelace\n2,Grace Hopper\n')).toBe(true)
  })

  it('leaves compressed formats, small answers and answers already encoded as they are', async () => {
    const zip = await serve(true, (_req, res) => void res.type('application/zip').send(Buffer.alloc(4096, 1)))
    expect((await rawRequest(zip, { headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBeUndefined()
    server!.close()
    const small = await serve(true, (_req, res) => void res.type('html').send('<p>ok</p>'))
    expect((await rawRequest(small, { headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBeUndefined()
    server!.close()
    const encoded = await serve(true, (_req, res) => void res.set('Content-Encoding', 'gzip').type('html').send(Buffer.from('x')))
    const response = await rawRequest(encoded, { headers: { 'accept-encoding': 'br', cookie: 'a=b' } })
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers['cache-control']).toBeUndefined()
  })

  it('compresses nothing itself when a proxy does it (COMPRESSION=auto on Fly), but still marks what a proxy must not compress', async () => {
    const url = await serve(false, page)
    expect((await rawRequest(url, { headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBeUndefined()
    const withCookie = await rawRequest(url, { headers: { 'accept-encoding': 'br', cookie: 'candor_session=secret' } })
    expect(withCookie.headers['cache-control']).toMatch(/no-transform/)
  })
})
