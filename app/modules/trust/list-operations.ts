// Adding, removing and moving the items of a trust-page list (highlights, controls, …): the same
// operations run in the browser (no request) and, without JavaScript, on the server, where they
// apply to the rows the person submitted and hand them back unsaved. An operation is written as
// the value of the button that asks for it: "add", "remove:2", "up:2", "down:2".
import { z } from 'zod'

export type ListOp = { kind: 'add' } | { kind: 'remove' | 'up' | 'down'; index: number }

export const listOpSchema = z
  .string('Choose what to do with the list.')
  .max(20, 'That list operation is not one this page offers.')
  .regex(/^(add|(remove|up|down):\d{1,3})$/, 'That list operation is not one this page offers.')
  .transform((value): ListOp => {
    if (value === 'add') return { kind: 'add' }
    const [kind, index] = value.split(':') as ['remove' | 'up' | 'down', string]
    return { kind, index: Number(index) }
  })

export type ListOpResult<T> = { ok: true; items: T[]; focus: number | null } | { ok: false; message: string }

/**
 * The list after `op`, and the item whose first field should take the focus (the new one, the
 * moved one, or the one now where a removed item was; null for an emptied list).
 */
export function applyListOp<T>(items: readonly T[], op: ListOp, blank: () => T, itemName: string): ListOpResult<T> {
  if (op.kind === 'add') return { ok: true, items: [...items, blank()], focus: items.length }
  const { index } = op
  const position = `${itemName} ${index + 1}`
  if (index >= items.length) {
    return { ok: false, message: `There is no ${position}: the list has ${items.length === 1 ? 'one item' : `${items.length} items`}. Reload the page and try again.` }
  }
  const next = [...items]
  if (op.kind === 'remove') {
    next.splice(index, 1)
    return { ok: true, items: next, focus: next.length ? Math.min(index, next.length - 1) : null }
  }
  const target = op.kind === 'up' ? index - 1 : index + 1
  if (target < 0 || target >= items.length) {
    return { ok: false, message: `${capitalise(position)} is already ${op.kind === 'up' ? 'first' : 'last'}: it cannot move ${op.kind}.` }
  }
  ;[next[index], next[target]] = [next[target]!, next[index]!]
  return { ok: true, items: next, focus: target }
}

const capitalise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1)
