// The request page's button and link looks, shared by its sections.
export const button = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50'
export const primary = 'rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700'
export const danger = 'rounded bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800'
export const link = 'text-brand-700 underline'

export const URGENCY_STYLE = {
  overdue: 'border-red-300 bg-red-50 text-red-900',
  due_soon: 'border-amber-300 bg-amber-50 text-amber-900',
  on_track: 'border-green-300 bg-green-50 text-green-900',
} as const

/** What a failed post sent back, for the forms to show their errors and keep what was typed. */
export type FormEcho = {
  failed: string | undefined
  errors: Record<string, string | undefined>
  values: Record<string, string | undefined>
}

export const echoValue = (echo: FormEcho, intent: string, name: string) => (echo.failed === intent ? echo.values[name] : undefined)
export const echoError = (echo: FormEcho, intent: string, name: string) => (echo.failed === intent ? echo.errors[name] : undefined)
