import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from './node-flags.js'

describe('the V8 flags of Candor’s processes', () => {
  it('are the same for npm start and the Docker image', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} server/main.js start`)
    const dockerfile = readFileSync('Dockerfile', 'utf8')
    expect(dockerfile).toContain(`NODE_OPTIONS="${SERVER_NODE_FLAGS.join(' ')}"`)
  })
})
