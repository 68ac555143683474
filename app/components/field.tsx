// Labelled form fields with their hint and error tied to them for screen readers.
// Server-rendered forms pass back the typed value and the field's first error.

type Described = { label: string; name: string; error?: string; hint?: string }

const CONTROL = 'mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2'

/** The label, hint and error around a control, and the aria attributes that tie them to it. */
function Frame(props: Described & { control: (aria: Record<string, unknown>) => React.ReactNode }) {
  const errorId = `${props.name}-error`
  const hintId = `${props.name}-hint`
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ')
  return (
    <div>
      <label htmlFor={props.name} className="block text-sm font-medium">
        {props.label}
      </label>
      {props.hint ? (
        <p id={hintId} className="mt-1 text-sm text-slate-500">
          {props.hint}
        </p>
      ) : null}
      {props.control({
        id: props.name,
        name: props.name,
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': describedBy || undefined,
        className: CONTROL,
      })}
      {props.error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

export function Field(
  props: Described & {
    type?: string
    value?: string
    multiline?: boolean
    /** A multiline field's height in lines (4 unless said). */
    rows?: number
    inputMode?: 'numeric' | 'email' | 'text'
    autoComplete?: string
    required?: boolean
    autoFocus?: boolean
  },
) {
  const own = {
    defaultValue: props.value,
    autoFocus: props.autoFocus,
    inputMode: props.inputMode,
    autoComplete: props.autoComplete,
    required: props.required,
  }
  return (
    <Frame
      {...props}
      control={(aria) =>
        props.multiline ? <textarea rows={props.rows ?? 4} {...aria} {...own} /> : <input type={props.type ?? 'text'} {...aria} {...own} />
      }
    />
  )
}

/** A choice from a list: `options` first, then any `children` options. */
export function SelectField(
  props: Described & {
    value?: string
    options?: readonly { value: string; label: string }[]
    children?: React.ReactNode
    autoFocus?: boolean
  },
) {
  return (
    <Frame
      {...props}
      control={(aria) => (
        <select {...aria} defaultValue={props.value} autoFocus={props.autoFocus}>
          {props.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {props.children}
        </select>
      )}
    />
  )
}

/** A record of labels (value → label) as select options. */
export const optionsOf = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))
