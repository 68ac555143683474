// The status page before the requester has proved again that they read the request's e-mail.
// Each wording says what really happened: a follow link to use, a code sent just now because
// the link was spent, no code sent (over the limit), or simply the code form.
import { Form } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { PortalShell } from '~/components/portal-shell'
import { TimeZoneField } from '~/components/time-zone-field'

export type LockedView =
  | { kind: 'follow'; token: string }
  | { kind: 'code_link'; token: string }
  | { kind: 'code_sent' }
  | { kind: 'code_not_sent'; tryAgain: string }
  | { kind: 'unknown_link' }
  | { kind: 'plain' }

type Props = { workspace: { name: string; slug: string }; reference: string; locked: LockedView; error?: string }

export function StatusLocked({ workspace, reference, locked, error }: Props) {
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title={`Request ${reference}`}>
      <FormAlert message={error} />
      {locked.kind === 'follow' || locked.kind === 'code_link' ? (
        <Form method="post" action={`/p/${workspace.slug}/requests/${reference}`} className="mt-6">
          <input type="hidden" name="intent" value={locked.kind === 'follow' ? 'follow' : 'link'} />
          <input type="hidden" name="token" value={locked.token} />
          <TimeZoneField />
          <p className="mb-4 text-slate-600">Open your request with the link from your e-mail.</p>
          <SubmitButton>Open my request</SubmitButton>
        </Form>
      ) : (
        <>
          <p className="mt-2 text-slate-600" role={locked.kind === 'plain' ? undefined : 'status'}>
            {LOCKED_TEXT[locked.kind](locked)}
          </p>
          <CodeForm slug={workspace.slug} reference={reference} />
          <p className="mt-4 text-sm">
            <a className="text-brand-700 underline" href={`/p/${workspace.slug}/status`}>
              Ask for a new code
            </a>
          </p>
        </>
      )}
    </PortalShell>
  )
}

const LOCKED_TEXT: { [K in Exclude<LockedView['kind'], 'follow' | 'code_link'>]: (view: LockedView) => string } = {
  code_sent: () =>
    'This link was used already or has expired, so we just e-mailed a new 6-digit code to the address of this request. Enter it to open the request.',
  code_not_sent: (view) =>
    `This link was used already or has expired. We did not send a new code: too many were asked for. ${'tryAgain' in view ? view.tryAgain : ''}`,
  unknown_link: () => 'This link does not work. Enter a code from your e-mail, or ask for a new one.',
  plain: () => 'To open this request, enter the 6-digit code from your e-mail. No code yet? Ask for a new one below.',
}

/** The code form; it posts to the plain page address, so a reload after it sends nothing. */
export function CodeForm(props: { slug: string; reference: string }) {
  return (
    <Form method="post" action={`/p/${props.slug}/requests/${props.reference}`} className="mt-6 grid gap-4" noValidate>
      <input type="hidden" name="intent" value="code" />
      <TimeZoneField />
      <Field label="Code" name="code" inputMode="numeric" autoComplete="one-time-code" />
      <SubmitButton>Open my request</SubmitButton>
    </Form>
  )
}
