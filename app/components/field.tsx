// A labelled form field with its error message tied to it for screen readers.
// Server-rendered forms pass back the typed value and the field's first error.

export function Field(props: {
  label: string
  name: string
  type?: string
  value?: string
  error?: string
  multiline?: boolean
  hint?: string
  inputMode?: 'numeric' | 'email' | 'text'
  autoComplete?: string
  required?: boolean
}) {
  const errorId = `${props.name}-error`
  const hintId = `${props.name}-hint`
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ')
  const common = {
    id: props.name,
    name: props.name,
    defaultValue: props.value,
    inputMode: props.inputMode,
    autoComplete: props.autoComplete,
    required: props.required,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    className: 'mt-1 block w-full rounded border border-slate-300 px-3 py-2',
  }
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
      {props.multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type={props.type ?? 'text'} {...common} />
      )}
      {props.error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  )
}
