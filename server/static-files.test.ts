import type http from 'node:http'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decoded, rawRequest, varyOf } from '../tests/support/raw-http'
import { precompressAssets } from './precompress-assets'
import { staticFiles } from './static-files'

const css = '.card { padding: 1rem; border: 1px solid #ccc; }\n'.repeat(300)
let dir: string
let server: http.Server
let base: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'candor-static-'))
  await mkdir(path.join(dir, 'assets'))
  await writeFile(path.join(dir, 'assets/app-abc123.css'), css)
  await writeFile(path.join(dir, 'assets/logo-abc123.png'), Buffer.alloc(2048, 9))
  await writeFile(path.join(dir, 'robots.txt'), 'User-agent: *\nAllow: /\n'.repeat(100))
  await precompressAssets(dir)
  const app = express()
  app.use('/assets', staticFiles(path.join(dir, 'assets'), { maxAge: '1y', immutable: true, precompressed: true }))
  app.use(staticFiles(dir, { maxAge: '1h', precompressed: true }))
  app.use((_req, res) => void res.status(404).send('not here'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await rm(dir, { recursive: true, force: true })
})

const get = (url: string, headers: Record<string, string> = {}) => rawRequest(`${base}${url}`, { headers })

describe('staticFiles', () => {
  it.each([
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
  ])('sends the precompressed copy for Accept-Encoding %j (%s), with the type, length and an ETag of its own', async (accept, encoding) => {
    const identity = await get('/assets/app-abc123.css')
    const response = await get('/assets/app-abc123.css', { 'accept-encoding': accept })
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe(encoding)
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(Number(response.headers['content-length'])).toBe(response.body.length)
    expect(response.body.length).toBeLessThan(css.length / 10)
    expect(decoded(response).toString()).toBe(css)
    expect(varyOf(response)).toContain('accept-encoding')
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(response.headers.etag).toBeTruthy()
    expect(response.headers.etag).not.toBe(identity.headers.etag)
    const again = await get('/assets/app-abc123.css', { 'accept-encoding': accept, 'if-none-match': response.headers.etag! })
    expect(again.status).toBe(304)
    expect(again.headers.etag).toBe(response.headers.etag)
    // Another coding's ETag is not this representation's.
    const other = await get('/assets/app-abc123.css', { 'accept-encoding': accept, 'if-none-match': identity.headers.etag! })
    expect(other.status).toBe(200)
  })

  it.each([[undefined], ['identity'], ['deflate'], ['br;q=0, gzip;q=0']])('sends the file itself for Accept-Encoding %j', async (accept) => {
    const response = await get('/assets/app-abc123.css', accept ? { 'accept-encoding': accept } : {})
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(response.body.toString()).toBe(css)
    expect(varyOf(response)).toContain('accept-encoding')
  })

  it('answers HEAD with the headers of the coding it would send', async () => {
    const response = await rawRequest(`${base}/assets/app-abc123.css`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } })
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.body.length).toBe(0)
  })

  it('serves files outside /assets the same way, and images as they are', async () => {
    expect((await get('/robots.txt', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip')
    const image = await get('/assets/logo-abc123.png', { 'accept-encoding': 'br, gzip' })
    expect(image.headers['content-encoding']).toBeUndefined()
    expect(image.headers['content-type']).toBe('image/png')
    expect(varyOf(image)).not.toContain('accept-encoding')
  })

  it('leaves unknown paths to what comes next', async () => {
    expect((await get('/assets/missing.css', { 'accept-encoding': 'br' })).status).toBe(404)
  })
})
