import http from 'node:http'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { env } from '~/modules/config/env.server'
import { createHttpApp, handleHttpError } from './http'

let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** Serve `route` followed by our error handler; return what the handler did. */
async function failAfter(route: express.RequestHandler) {
  let handlerThrew: unknown
  const app = express()
  app.get('/', route)
  app.use(((error, req, res, next) => {
    try {
      handleHttpError(error, req, res, next)
    } catch (thrown) {
      handlerThrew = thrown
      res.destroy()
    }
  }) as express.ErrorRequestHandler)
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server!.once('listening', resolve))
  const { port } = server.address() as { port: number }
  const outcome = await new Promise<{ status?: number; body: string; aborted: boolean }>((resolve) => {
    let body = ''
    const request = http.get(`http://127.0.0.1:${port}/`, (response) => {
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode, body, aborted: false }))
      response.on('error', () => resolve({ status: response.statusCode, body, aborted: true }))
    })
    request.on('error', () => resolve({ body, aborted: true }))
  })
  return { ...outcome, handlerThrew }
}

describe('handleHttpError', () => {
  it('answers an error before any byte was sent with a plain 500 page', async () => {
    const outcome = await failAfter(() => {
      throw new Error('database unreachable')
    })
    expect(outcome).toMatchObject({ status: 500, aborted: false, handlerThrew: undefined })
    expect(outcome.body).toContain('an unexpected error stopped this request')
  })

  it('ends a response already under way instead of writing a page into it', async () => {
    const outcome = await failAfter((_req, res, next) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('half of the ')
      next(new Error('stream broke'))
    })
    expect(outcome).toMatchObject({ aborted: true, handlerThrew: undefined })
    expect(outcome.body).not.toContain('Something went wrong')
  })
})

describe('the same-origin check', () => {
  it('expects Candor’s own origin, not the one a Host header names (APP_URL unset)', async () => {
    const app = createHttpApp({
      build: async () => {
        throw new Error('a refused request never reaches React Router')
      },
    })
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server!.once('listening', resolve))
    const { port } = server.address() as { port: number }
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/sign-in',
          headers: {
            host: 'attacker.example',
            origin: 'http://attacker.example',
            'content-type': 'application/x-www-form-urlencoded',
          },
        },
        (response) => {
          let body = ''
          response.on('data', (chunk) => (body += chunk))
          response.on('end', () => resolve({ status: response.statusCode, body }))
        },
      )
      request.on('error', reject)
      request.end('email=victim%40example.com')
    })
    expect(answer.status).toBe(403)
    expect(answer.body).toContain(`This request came from another website (Candor is at http://127.0.0.1:${env().PORT})`)
  })
})
