// The onboarding page's "Start free / Pro / Business" choice, each with what it starts
// (app/modules/billing/plan-start.ts). Radio buttons in a fieldset: works without JavaScript.
import type { StartChoice } from '~/modules/billing/plan-start'

export function PlanStartChoices({ choices, chosen, error }: { choices: StartChoice[]; chosen: string; error?: string }) {
  return (
    <fieldset aria-describedby={error ? 'plan-error' : undefined}>
      <legend className="block text-sm font-medium">How do you want to start?</legend>
      <div className="mt-2 grid gap-2">
        {choices.map((choice) => (
          <label key={choice.id} className="flex gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
            <input type="radio" name="plan" value={choice.id} defaultChecked={choice.id === chosen} className="mt-1 h-4 w-4 shrink-0" />
            <span>
              <span className="block font-medium text-ink">{choice.label}</span>
              <span className="block text-slate-600" data-plan-start={choice.id}>
                {choice.starts}
              </span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="plan-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
