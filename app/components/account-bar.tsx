// The top bar of every signed-in page: who is signed in, their 2FA and sessions, and sign out.
import { Form } from 'react-router'

export function AccountBar(props: { email: string; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-3">
        <div className="flex items-center gap-4">
          <a href="/app" className="text-lg font-semibold tracking-tight">
            Candor
          </a>
          {props.children}
        </div>
        <nav aria-label="Account" className="flex items-center gap-4 text-sm">
          <span className="text-slate-600">{props.email}</span>
          <a href="/account/security" className="text-brand-700 hover:underline">
            Two-factor
          </a>
          <a href="/account/sessions" className="text-brand-700 hover:underline">
            Sessions
          </a>
          <Form method="post" action="/sign-out">
            <button type="submit" className="text-brand-700 hover:underline">
              Sign out
            </button>
          </Form>
        </nav>
      </div>
    </header>
  )
}
