// The controls Candor itself provides for a workspace (issue 18), offered as trust-page
// controls in the draft. Each says what Candor does for the workspace's trust center and privacy
// desk, not what the company's own product does; where a live check backs the claim, a
// highlight linked to that check is offered with it, so the page shows whether it holds now.
import type { CheckId } from './checks'
import type { ControlGroup, TrustContent } from './content'

export type CandorControl = {
  group: ControlGroup
  title: string
  description: string
  /** The live check behind the claim, offered as a highlight (none: no check exists). */
  check: { id: CheckId; title: string; body: string } | null
}

export const CANDOR_CONTROLS: readonly CandorControl[] = [
  {
    group: 'identity',
    title: 'Passwordless sign-in to our trust and privacy tools',
    description:
      'Our team signs in to Candor, which runs this trust center and our privacy-request desk, with a one-time code or link sent by e-mail. No passwords are stored.',
    check: null,
  },
  {
    group: 'identity',
    title: 'Two-factor authentication for our team',
    description:
      'Members of our Candor workspace can add an authenticator app (TOTP) as a second sign-in factor; recovery codes are stored only as hashes.',
    check: {
      id: 'two_factor',
      title: 'Two-factor sign-in for every member',
      body: 'Every member of our trust and privacy workspace signs in with a second factor.',
    },
  },
  {
    group: 'monitoring',
    title: 'Append-only audit log',
    description:
      'Every change in our trust and privacy workspace is recorded in an audit log that the database refuses to edit or delete, hash-chained entry by entry.',
    check: {
      id: 'audit_chain',
      title: 'Tamper-evident audit log',
      body: 'The audit log’s hash chain is verified every hour from the last verified point.',
    },
  },
  {
    group: 'data',
    title: 'Encryption of secrets',
    description:
      'Secrets Candor holds for us (connector credentials, webhook signing secrets, two-factor keys) are encrypted at rest with AES-256-GCM; API keys are kept only as hashes.',
    check: null,
  },
  {
    group: 'data',
    title: 'Tenant isolation in the database',
    description:
      'Row-level security, enabled and forced in PostgreSQL, keeps our workspace’s records apart from every other, in addition to the application’s own permission checks.',
    check: null,
  },
]

/** A highlight is offered for a check only when the check can pass: 2FA must be required first. */
export function offeredChecks(requireTwoFactor: boolean): CheckId[] {
  return CANDOR_CONTROLS.flatMap((control) => (control.check ? [control.check.id] : [])).filter(
    (id) => id !== 'two_factor' || requireTwoFactor,
  )
}

/**
 * The controls and highlights with Candor's added: those whose title is already there (added
 * before, or written by hand) are left as they are. Returns what was added.
 */
export function withCandorControls(
  content: Pick<TrustContent, 'controls' | 'highlights'>,
  checks: readonly CheckId[],
): { controls: TrustContent['controls']; highlights: TrustContent['highlights']; added: { controls: number; highlights: number } } {
  const has = (titles: { title: string }[], title: string) => titles.some((item) => item.title.toLowerCase() === title.toLowerCase())
  const newControls = CANDOR_CONTROLS.filter((control) => !has(content.controls, control.title)).map(({ group, title, description }) => ({
    group,
    title,
    description,
  }))
  const newHighlights = CANDOR_CONTROLS.flatMap((control) =>
    control.check && checks.includes(control.check.id) && !has(content.highlights, control.check.title)
      ? [{ title: control.check.title, body: control.check.body, check: control.check.id }]
      : [],
  )
  return {
    controls: [...content.controls, ...newControls],
    highlights: [...content.highlights, ...newHighlights],
    added: { controls: newControls.length, highlights: newHighlights.length },
  }
}
