import { describe, expect, it } from 'vitest'
import { applyListOp, listOpSchema } from './list-operations'

const items = ['a', 'b', 'c']
const apply = (op: string, list: string[] = items) => applyListOp(list, listOpSchema.parse(op), () => '', 'highlight')

describe('list operations', () => {
  it('adds an empty item at the end and focuses it', () => {
    expect(apply('add')).toEqual({ ok: true, items: ['a', 'b', 'c', ''], focus: 3 })
    expect(apply('add', [])).toEqual({ ok: true, items: [''], focus: 0 })
  })

  it('removes an item without leaving a gap, focusing the item now in its place', () => {
    expect(apply('remove:1')).toEqual({ ok: true, items: ['a', 'c'], focus: 1 })
    expect(apply('remove:2')).toEqual({ ok: true, items: ['a', 'b'], focus: 1 })
    expect(apply('remove:0', ['a'])).toEqual({ ok: true, items: [], focus: null })
  })

  it('moves an item up or down by one, following it with the focus', () => {
    expect(apply('up:2')).toEqual({ ok: true, items: ['a', 'c', 'b'], focus: 1 })
    expect(apply('down:0')).toEqual({ ok: true, items: ['b', 'a', 'c'], focus: 1 })
  })

  it('refuses to move past either end or to touch an item that is not there, saying why', () => {
    expect(apply('up:0')).toEqual({ ok: false, message: 'Highlight 1 is already first: it cannot move up.' })
    expect(apply('down:2')).toEqual({ ok: false, message: 'Highlight 3 is already last: it cannot move down.' })
    expect(apply('remove:3')).toEqual({ ok: false, message: 'There is no highlight 4: the list has 3 items. Reload the page and try again.' })
    expect(apply('up:0', [])).toEqual({ ok: false, message: 'There is no highlight 1: the list has 0 items. Reload the page and try again.' })
  })

  it('reads only the operations a page offers', () => {
    expect(listOpSchema.parse('down:12')).toEqual({ kind: 'down', index: 12 })
    for (const bad of ['', 'add:1', 'up', 'up:', 'up:1234', 'up:-1', 'up:1.5', 'UP:1', 'up:1\n', 'remove:1\u0000', 'x'.repeat(5000), 7, null]) {
      expect(listOpSchema.safeParse(bad).success, String(bad).slice(0, 20)).toBe(false)
    }
  })
})
