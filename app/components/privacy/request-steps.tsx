// The requester's progress as an ordered list; the current step carries aria-current="step",
// and a step not reached says so in words, not only in colour.
export type StepView = { key: string; label: string; detail: string; at: string | null; current: boolean }

export function RequestSteps(props: { steps: StepView[] }) {
  return (
    <section aria-labelledby="progress" className="mt-6 rounded border border-slate-200 bg-white p-5">
      <h2 id="progress" className="text-lg font-semibold">
        Progress
      </h2>
      <ol className="mt-4 grid gap-3">
        {props.steps.map((step, index) => (
          <li key={step.key} aria-current={step.current ? 'step' : undefined} className="flex gap-3">
            <span
              aria-hidden="true"
              className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
                step.at ? 'bg-brand-600 text-white' : 'border border-slate-300 text-slate-500'
              } ${step.current ? 'ring-2 ring-brand-600 ring-offset-2' : ''}`}
            >
              {index + 1}
            </span>
            <div>
              <p className={step.at ? 'font-medium' : 'font-medium text-slate-600'}>
                {step.label}{' '}
                <span className="ml-1 text-sm font-normal text-slate-600">{step.at ?? 'Not yet'}</span>
                {step.current ? <span className="ml-1 text-sm font-normal text-brand-700"> (now)</span> : null}
              </p>
              {step.at ? <p className="text-sm text-slate-600">{step.detail}</p> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
