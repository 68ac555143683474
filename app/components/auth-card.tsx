// The centred card that frames the sign-in and onboarding pages.
export function AuthCard(props: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-16">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <a href="/" className="text-lg font-semibold tracking-tight">
          Candor
        </a>
        <h1 className="mt-6 text-2xl font-semibold">{props.title}</h1>
        {props.children}
      </div>
    </main>
  )
}

/** A message for the whole form, announced to screen readers. */
/** The billing page an action's answer points to when the plan refused it (see refusalAlert). */
export const upgradeOf = (actionData: unknown): string | undefined =>
  actionData && typeof actionData === 'object' && 'upgrade' in actionData && typeof actionData.upgrade === 'string'
    ? actionData.upgrade
    : undefined

/** A form's error; `upgrade` (the billing page) when the plan refused it. */
export function FormAlert(props: { message?: string; upgrade?: string }) {
  if (!props.message) return null
  return (
    <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {props.message}
      {props.upgrade ? (
        <>
          {' '}
          <a className="font-medium underline" href={props.upgrade}>
            See plans and billing
          </a>
        </>
      ) : null}
    </p>
  )
}

export function SubmitButton(props: { children: React.ReactNode; name?: string; value?: string }) {
  return (
    <button
      type="submit"
      name={props.name}
      value={props.value}
      className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
    >
      {props.children}
    </button>
  )
}
