import { describe, expect, it } from 'vitest'
import { EmailHeaderError, headerFields } from './header-fields'

const plain = { from: 'Candor <no-reply@candor.example>', to: 'sam@example.com', subject: 'Hello' }

describe('headerFields', () => {
  it.each([
    ['Your DPA with Alpha Ltd\r\nBcc: x@evil.example', 'Your DPA with Alpha Ltd Bcc: x@evil.example'],
    ['  Two\n\nlines\t', 'Two lines'],
    ['NUL\u0000 NEL\u0085 LS\u2028 PS\u2029 DEL\u007f', 'NUL NEL LS PS DEL'],
  ])('puts the subject %j on one line', (subject, expected) => {
    expect(headerFields({ ...plain, subject }).subject).toBe(expected)
  })

  it.each([
    ['Candor <no-reply@candor.example>', 'Candor <no-reply@candor.example>'],
    ['no-reply@candor.example', 'no-reply@candor.example'],
    ['<no-reply@candor.example>', 'no-reply@candor.example'],
    ['Alpha Ltd\r\nBcc: x@evil.example <no-reply@candor.example>', 'Alpha Ltd Bcc: x@evil.example <no-reply@candor.example>'],
  ])('puts the sender’s name %j on one line', (from, expected) => {
    expect(headerFields({ ...plain, from }).from).toBe(expected)
  })

  it.each([
    ['from', 'Candor <no-reply@candor.example\r\nBcc: x@evil.example>'],
    ['from', 'no-reply@candor.example\nBcc: x@evil.example'],
    ['to', 'sam@example.com\r\nBcc: x@evil.example'],
    ['to', 'sam@example.com\u0000'],
    ['to', 'sam@example.com, eve@evil.example'],
    ['to', ''],
  ])('refuses %s %j', (field, value) => {
    expect(() => headerFields({ ...plain, [field]: value })).toThrow(EmailHeaderError)
  })

  it('passes one-line extra headers and refuses one that is not', () => {
    const headers = { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    expect(headerFields({ ...plain, headers }).headers).toEqual(headers)
    expect(headerFields({ ...plain, headers: null })).not.toHaveProperty('headers')
    for (const value of ['x\r\nBcc: x@evil.example', 'x\u2028y', 'x\u0000y']) {
      expect(() => headerFields({ ...plain, headers: { 'List-Id': value } })).toThrow(EmailHeaderError)
    }
    expect(() => headerFields({ ...plain, headers: { 'Bad Name': 'x' } })).toThrow(EmailHeaderError)
  })
})
