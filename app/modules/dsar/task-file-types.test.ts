import { describe, expect, it } from 'vitest'
import { csvRecordCount, recogniseTaskFile, taskFileName } from './task-file-types'

const bytes = (text: string) => new TextEncoder().encode(text)
const typeOf = (content: Uint8Array | string) => recogniseTaskFile(typeof content === 'string' ? bytes(content) : content)?.type.contentType ?? null

describe('a manual task’s file, judged by its content', () => {
  it.each([
    ['a PDF', '%PDF-1.7\n…', 'application/pdf'],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'image/jpeg'],
    ['a JSON list', ' [{"a":1},{"a":2}]\n', 'application/json'],
    ['a JSON object', '{"customer":{"id":4}}', 'application/json'],
    ['a CSV table', 'id,name\r\n1,"Ann, B."\r\n2,"say ""hi"""\r\n', 'text/csv'],
    ['a CSV with a line break in a quoted field and no final line end', 'id,note\n1,"two\nlines"', 'text/csv'],
    ['a program', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), null],
    ['a ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), null],
    ['prose', 'Hello, we found nothing.\nBye', null],
    ['one column', 'id\n1\n2\n', null],
    ['a quote left open', 'a,b\n1,"2\n', null],
    ['a ragged table', 'a,b\n1,2,3\n', null],
    ['broken JSON', '[{"a":1}', null],
    ['a NUL byte', 'a,b\n1,\u00002\n', null],
    ['bytes that are not UTF-8', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x31]), null],
    ['blank text', '  \n ', null],
  ])('%s', (_, content, expected) => {
    expect(typeOf(content)).toBe(expected)
  })

  it('counts the records after a table’s header, and a JSON list’s items', () => {
    expect(csvRecordCount('a,b\r\n1,2\r\n3,4\r\n\r\n')).toBe(2)
    expect(csvRecordCount('a,b\n')).toBe(0)
    expect(recogniseTaskFile(bytes('[1,2,3]'))?.records).toBe(3)
    expect(recogniseTaskFile(bytes('{"a":1}'))?.records).toBeNull()
  })

  it('names the file as the export keeps it: its last path segment, plain, with its type’s extension', () => {
    const csv = recogniseTaskFile(bytes('a,b\n1,2\n'))!.type
    expect(taskFileName('../../Rechnungen März.txt', csv)).toBe('Rechnungen Marz.csv')
    expect(taskFileName('C:\\exports\\..hidden.csv', csv)).toBe('hidden.csv')
    expect(taskFileName('😀', csv)).toBe('file.csv')
  })
})
