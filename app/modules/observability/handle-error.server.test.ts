import { describe, expect, it, vi } from 'vitest'
import { reportStreamingError } from './handle-error.server'

function stderrOf(work: () => void): string {
  const written: string[] = []
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  try {
    work()
  } finally {
    stderr.mockRestore()
  }
  return written.join('')
}

describe('reportStreamingError', () => {
  const email = ['ana.lopez', 'example.com'].join('@')

  it('logs an error raised while the page was streaming, scrubbed', () => {
    const request = new Request(`http://candor.test/t/${email}?email=${email}`)
    const output = stderrOf(() =>
      reportStreamingError(request, new Error(`render failed for ${email} from 198.51.100.7`)),
    )
    const entry = JSON.parse(output)
    expect(entry).toMatchObject({
      level: 'error',
      message: 'rendering failed while streaming',
      method: 'GET',
      path: '/t/[email]',
      error: 'Error: render failed for [email] from [ip]',
    })
    expect(output).not.toContain(email)
  })

  it('says nothing when the visitor went away', () => {
    const aborted = new AbortController()
    aborted.abort()
    const request = new Request('http://candor.test/', { signal: aborted.signal })
    expect(stderrOf(() => reportStreamingError(request, new Error('aborted')))).toBe('')
  })
})
