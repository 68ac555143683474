import { describe, expect, it } from 'vitest'
import { parseCspReport } from './csp-reports.server'

describe('parseCspReport', () => {
  it('reads the report-uri format', () => {
    expect(
      parseCspReport({
        'csp-report': {
          'document-uri': 'https://candor.example/t/acme?x=1',
          'violated-directive': 'script-src-elem',
          'effective-directive': 'script-src-elem',
          'blocked-uri': 'inline',
          'line-number': 12,
        },
      }),
    ).toEqual([
      {
        documentUri: 'https://candor.example/t/acme?x=1',
        violatedDirective: 'script-src-elem',
        blockedUri: 'inline',
        sourceFile: undefined,
        lineNumber: 12,
      },
    ])
  })

  it('reads the Reporting API format and keeps only CSP violations', () => {
    const parsed = parseCspReport([
      { type: 'csp-violation', body: { documentURL: 'https://c.example/', effectiveDirective: 'img-src', blockedURL: 'https://x.example/a.png' } },
      { type: 'deprecation', body: { documentURL: 'https://c.example/' } },
    ])
    expect(parsed).toEqual([
      {
        documentUri: 'https://c.example/',
        violatedDirective: 'img-src',
        blockedUri: 'https://x.example/a.png',
        sourceFile: undefined,
        lineNumber: undefined,
      },
    ])
  })

  it('rejects anything else', () => {
    expect(parseCspReport({ hello: 'world' })).toBeNull()
    expect(parseCspReport('csp')).toBeNull()
    expect(parseCspReport({ 'csp-report': { 'document-uri': '' } })).toBeNull()
  })

  it('refuses a line number that no integer column holds', () => {
    const report = (line: number) => ({ 'csp-report': { 'document-uri': 'https://c.example/', 'line-number': line } })
    expect(parseCspReport(report(2 ** 31))).toBeNull()
    expect(parseCspReport(report(-1))).toBeNull()
    expect(parseCspReport([{ type: 'csp-violation', body: { documentURL: 'https://c.example/', lineNumber: 1e20 } }])).toBeNull()
    expect(parseCspReport(report(2 ** 31 - 1))?.[0]?.lineNumber).toBe(2 ** 31 - 1)
  })
})
