import { describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES, downloadName, formatBytes, recogniseDocument, typeOfContentType } from './document-types'

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v)] : [v])))

describe('recogniseDocument', () => {
  it.each([
    [bytes('%PDF-1.7\n'), 'report.bin', 'application/pdf'],
    [bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a), 'x', 'image/png'],
    [bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0), 'photo.jpeg', 'image/jpeg'],
    [bytes('PK', 3, 4, 0, 0, 0, 0), 'Policies.DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [bytes('PK', 3, 4, 0, 0, 0, 0), 'controls.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('recognises %s named %s by its bytes', (head, name, type) => {
    expect(recogniseDocument(head, name)?.contentType).toBe(type)
  })

  it.each([
    [bytes('<html><script>'), 'report.pdf'],
    [bytes('MZ', 0x90, 0, 3, 0, 0, 0), 'report.pdf'],
    [bytes('PK', 3, 4, 0, 0, 0, 0), 'archive.zip'],
    [bytes(), 'empty.pdf'],
  ])('refuses %s named %s (the name is only a claim)', (head, name) => {
    expect(recogniseDocument(head, name)).toBeNull()
  })
})

describe('downloadName', () => {
  it('keeps a plain name and puts the real type’s extension on it', () => {
    expect(downloadName('SOC 2 Type II report 2026.pdf', typeOfContentType('application/pdf')!)).toBe('SOC 2 Type II report 2026.pdf')
    expect(downloadName('scan.png', typeOfContentType('application/pdf')!)).toBe('scan.pdf')
  })

  it('drops paths, quotes and line breaks that could break the header', () => {
    expect(downloadName('C:\\evil\\a"b\r\nSet-Cookie: x.pdf', typeOfContentType('application/pdf')!)).toBe('abSet-Cookie x.pdf')
    expect(downloadName('../../"";.pdf', typeOfContentType('application/pdf')!)).toBe('document.pdf')
  })
})

it('states sizes in plain words, and the limit is 25 MB', () => {
  expect(formatBytes(12)).toBe('12 bytes')
  expect(formatBytes(340 * 1024)).toBe('340 KB')
  expect(formatBytes(MAX_DOCUMENT_BYTES)).toBe('25.0 MB')
})
