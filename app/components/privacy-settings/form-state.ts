// What a privacy settings form shows after a failed submission: the values just sent and the
// field messages, for that form only; every other form shows what is stored.
import type { PrivacySettingsIntent } from '~/modules/dsar/privacy-settings-actions.server'

export type SentForm = {
  intent?: PrivacySettingsIntent
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

export function formState(sent: SentForm | undefined) {
  const failed = sent?.intent
  return {
    /** What a field shows: what was just sent if its form failed, else the stored value. */
    shown: (intent: PrivacySettingsIntent, name: string, stored?: string) => (failed === intent ? sent?.values?.[name] : stored),
    errorOf: (intent: PrivacySettingsIntent, name: string) => (failed === intent ? sent?.fieldErrors?.[name] : undefined),
    failed,
    sent: sent?.values ?? {},
  }
}
export type FormState = ReturnType<typeof formState>

export const primaryButton = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
export const smallButton = 'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50'
export const textLink = 'text-brand-700 underline'
