// The setup a workspace's portal still needs (app/modules/workspace/setup-steps.server.ts), as
// an amber notice with a link to fix each step for those who may; others are told who can.
import { Link } from 'react-router'
import type { SetupStep } from '~/modules/workspace/setup-steps.server'

export function SetupWarning({ steps, mayFix, className = 'mt-4' }: { steps: SetupStep[]; mayFix: boolean; className?: string }) {
  if (steps.length === 0) return null
  return (
    <section
      aria-labelledby="setup-warning-heading"
      className={`rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 ${className}`}
      data-testid="setup-warning"
    >
      <h2 id="setup-warning-heading" className="font-semibold">
        The privacy portal is not fully set up
      </h2>
      <ul className="mt-2 space-y-2">
        {steps.map((step) => (
          <li key={step.id} data-step={step.id}>
            <p>
              <strong className="font-medium">{step.problem}</strong> {step.consequence}
            </p>
            {mayFix ? (
              <p className="mt-1">
                <Link to={step.href} className="font-medium text-brand-700 underline">
                  {step.action}
                </Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-amber-900">
        The portal still accepts requests: the law’s deadlines run whether or not the setup is done.
        {mayFix ? '' : ' An owner or admin can finish it in the privacy settings.'}
      </p>
    </section>
  )
}
