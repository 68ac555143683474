// One list of the trust editor (highlights, controls, …): each item a fieldset with its fields
// and its Move up, Move down and Remove buttons, then "Add a …". The buttons are submit buttons
// (`op` = "up:2", …) that the server applies to the submitted rows without saving; with
// JavaScript they act in the page instead, with no request, and move the focus along.
import { useEffect, useRef, useState } from 'react'
import { Field, SelectField } from '~/components/field'
import { LIST_FIELDS, LIST_ITEMS, blankItem } from '~/modules/trust/editor-form'
import { type ListOp, applyListOp } from '~/modules/trust/list-operations'
import { CHOICES, LIST_LABELS } from './list-labels'

type List = keyof typeof LIST_FIELDS
type Item = { key: number; values: Record<string, string> }

const button = 'rounded border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40'

export function ListItems(props: {
  /** The section's name prefix ("highlights.") and the list's own ("locations." in the residency section). */
  scope: string
  prefix: string
  list: List
  rows: Record<string, string>[]
  errors: Record<string, string>
  /** A field to focus when the page opens (after a list button, without JavaScript). */
  focus: string | null
  /** Called after a button changed the list in the page. */
  onChange: () => void
  /** For a member who may read but not edit: the items without their buttons. */
  readOnly: boolean
}) {
  const { scope, prefix, list } = props
  const fields = LIST_FIELDS[list]
  const labels = LIST_LABELS[list]
  const itemName = LIST_ITEMS[list]
  const Item = itemName.charAt(0).toUpperCase() + itemName.slice(1)
  const [items, setItems] = useState<Item[]>(() => props.rows.map((values, key) => ({ key, values })))
  const nextKey = useRef(props.rows.length)
  const focusAfter = useRef<string | null>(null)
  const changed = useRef(false)
  const nameOf = (field: string, row: number) => `${scope}${prefix}${field}.${row}`

  useEffect(() => {
    if (!changed.current) return
    props.onChange()
    if (focusAfter.current) document.getElementById(focusAfter.current)?.focus()
    focusAfter.current = null
  }, [items])

  /** With JavaScript: the operation in the page, no request; the focus follows (see list-operations.ts). */
  const act = (op: ListOp, event: React.MouseEvent<HTMLButtonElement>) => {
    event.preventDefault()
    const result = applyListOp(items, op, () => ({ key: nextKey.current++, values: blankItem(list) }), itemName)
    if (!result.ok) return
    changed.current = true
    const moved = op.kind === 'up' || op.kind === 'down'
    const stillThere = moved && result.focus !== null && ((op.kind === 'up' && result.focus > 0) || (op.kind === 'down' && result.focus < result.items.length - 1))
    focusAfter.current =
      result.focus === null ? `${scope}${prefix}add` : stillThere ? `${scope}${prefix}${op.kind}.${result.focus}` : nameOf(fields[0]!, result.focus)
    setItems(result.items)
  }

  return (
    <div className="grid gap-4">
      <input type="hidden" name={`${scope}${prefix}rows`} value={items.length} />
      {items.length === 0 ? <p className="text-sm text-slate-600">No {itemName}s yet.</p> : null}
      {items.map((item, i) => (
        <fieldset key={item.key} className="grid gap-3 rounded-lg border border-slate-200 bg-slate-50/60 p-4" data-list-item={i}>
          <legend className="px-1 text-sm font-semibold text-ink">
            {Item} {i + 1}
          </legend>
          {fields.map((field) => {
            const spec = labels.fields[field]!
            const name = nameOf(field, i)
            const error = props.errors[`${prefix}${field}.${i}`]
            const own = { label: spec.label, name, value: item.values[field] ?? '', error, autoFocus: props.focus === name }
            return CHOICES[field] ? (
              <SelectField key={field} {...own} options={CHOICES[field]} />
            ) : (
              <Field key={field} {...own} hint={spec.hint} multiline={spec.multiline} />
            )
          })}
          {props.readOnly ? null : (
            <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3">
              <button type="submit" name="op" value={`up:${i}`} id={`${scope}${prefix}up.${i}`} formNoValidate disabled={i === 0} className={button} onClick={(e) => act({ kind: 'up', index: i }, e)}>
                Move<span className="sr-only"> {itemName} {i + 1}</span> up
              </button>
              <button type="submit" name="op" value={`down:${i}`} id={`${scope}${prefix}down.${i}`} formNoValidate disabled={i === items.length - 1} className={button} onClick={(e) => act({ kind: 'down', index: i }, e)}>
                Move<span className="sr-only"> {itemName} {i + 1}</span> down
              </button>
              <button type="submit" name="op" value={`remove:${i}`} formNoValidate className={`${button} ml-auto text-red-700`} onClick={(e) => act({ kind: 'remove', index: i }, e)}>
                Remove<span className="sr-only"> {itemName} {i + 1}</span>
              </button>
            </div>
          )}
        </fieldset>
      ))}
      {props.readOnly ? null : (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" name="op" value="add" id={`${scope}${prefix}add`} formNoValidate className={button} onClick={(e) => act({ kind: 'add' }, e)}>
            {labels.add}
          </button>
          <p className="text-sm text-slate-500">An item left entirely empty is dropped when you save.</p>
        </div>
      )}
    </div>
  )
}
