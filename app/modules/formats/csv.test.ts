import { describe, expect, it } from 'vitest'
import { csvField, csvRecord } from './csv'

describe('csvField', () => {
  it('leaves plain text alone and writes nothing for a missing value', () => {
    expect(csvField('member.invite')).toBe('member.invite')
    expect(csvField(null)).toBe('')
  })

  it('quotes a field with a comma, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"')
  })

  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvField('=1+2')).toBe("'=1+2")
    expect(csvField('+31 20 123')).toBe("'+31 20 123")
    expect(csvField('-2')).toBe("'-2")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('\t=1')).toBe("'\t=1")
    expect(csvField('a=b')).toBe('a=b')
  })

  it('neutralises first, then quotes', () => {
    expect(csvField('=HYPERLINK("https://evil.example", "open")')).toBe(
      `"'=HYPERLINK(""https://evil.example"", ""open"")"`,
    )
  })
})

describe('csvRecord', () => {
  it('joins fields with commas and ends the line with CRLF', () => {
    expect(csvRecord(['1', 'a,b', null, '=x'])).toBe(`1,"a,b",,'=x\r\n`)
  })
})
