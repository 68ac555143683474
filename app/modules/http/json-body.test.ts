import { describe, expect, it } from 'vitest'
import { parseJsonBody } from './json-body'

describe('parseJsonBody', () => {
  it('reads JSON whose strings are plain text, tabs and line breaks included', () => {
    expect(parseJsonBody('{"name":"Ann\\tLee","notes":["a\\r\\nb"],"n":3}')).toEqual({
      ok: true,
      value: { name: 'Ann\tLee', notes: ['a\r\nb'], n: 3 },
    })
  })

  it.each([
    ['a NUL in a value', '{"name":"Ann\\u0000"}', 'name'],
    ['a NUL deep in an array', '{"a":[{"b":["x\\u0000"]}]}', 'a.0.b.0'],
    ['a NUL in a key', '{"na\\u0000me":"Ann"}', 'na\u0000me'],
    ['a bell character', '"\\u0007"', ''],
  ])('refuses %s, naming where it is', (_case, text, path) => {
    expect(parseJsonBody(text)).toEqual({ ok: false, message: expect.stringMatching(/control character/), path })
  })

  it('refuses what is not JSON', () => {
    expect(parseJsonBody('{"name":')).toEqual({ ok: false, message: 'The body is not valid JSON.' })
  })
})
