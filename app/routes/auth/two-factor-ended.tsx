// /sign-in/two-factor/ended: shown after too many wrong second-factor codes ended the sign-in.
import { AuthCard, FormAlert } from '~/components/auth-card'
import type { Route } from './+types/two-factor-ended'

export const meta: Route.MetaFunction = () => [{ title: 'Sign-in ended — Candor' }]

export default function TwoFactorEnded() {
  return (
    <AuthCard title="This sign-in was ended">
      <FormAlert message="Too many wrong codes were entered, so this sign-in was ended to protect your account." />
      <p className="mt-6">
        <a href="/sign-in" className="text-brand-700 underline">
          Sign in again
        </a>
      </p>
    </AuthCard>
  )
}
