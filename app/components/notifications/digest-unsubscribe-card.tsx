// The page behind a weekly digest's unsubscribe link: what the link does, one button, and what
// happened. Each state says only what is so for this link.
import { Form } from 'react-router'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import type { DigestLinkState } from '~/modules/notifications/digest-unsubscribe.server'

const PREFERENCES = '/account/notifications'

export function DigestUnsubscribeCard(props: { workspaceName: string; state: DigestLinkState | null; error: string | null }) {
  const { workspaceName, state } = props
  return (
    <AuthCard title={state === 'unsubscribed' ? 'No more weekly digests' : 'Weekly digest'}>
      <FormAlert message={props.error ?? undefined} />
      {state === 'subscribed' ? (
        <Form method="post" className="mt-6">
          <p className="mb-4 text-slate-600">Stop the weekly digest of {workspaceName}. Other e-mails about your work there do not change.</p>
          <SubmitButton>Stop the weekly digest</SubmitButton>
        </Form>
      ) : state === 'unsubscribed' ? (
        <p className="mt-4 text-slate-700">
          You get no weekly digest of {workspaceName}. To have it again, or to choose other e-mails, open{' '}
          <a href={PREFERENCES} className="text-brand-700 underline">
            your notification settings
          </a>
          .
        </p>
      ) : state === 'gone' ? (
        <p className="mt-4 text-slate-700">You are no longer a member of {workspaceName}, so it sends you no weekly digest.</p>
      ) : state === 'invalid' ? (
        <p className="mt-4 text-slate-700">
          This link is not known here. Use the link in your newest digest, or choose your e-mails in{' '}
          <a href={PREFERENCES} className="text-brand-700 underline">
            your notification settings
          </a>
          .
        </p>
      ) : null}
    </AuthCard>
  )
}
