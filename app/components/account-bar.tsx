// The top bar of every signed-in page: who is signed in, their 2FA, sessions and e-mail
// notifications, and sign out.
import { Form } from 'react-router'

/** `wide`: as wide as the dashboard's frame (its side navigation and page), not one column. */
export function AccountBar(props: { email: string; wide?: boolean; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className={`mx-auto flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6 ${props.wide ? 'max-w-7xl lg:px-8' : 'max-w-6xl'}`}>
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <a href="/app" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-ink">
            <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-ink text-sm font-bold text-white">
              C
            </span>
            Candor
          </a>
          {props.children}
        </div>
        <nav aria-label="Account" className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <span className="break-all text-slate-600">{props.email}</span>
          <a href="/account/security" className="text-brand-700 hover:underline">
            Two-factor
          </a>
          <a href="/account/sessions" className="text-brand-700 hover:underline">
            Sessions
          </a>
          <a href="/account/notifications" className="text-brand-700 hover:underline">
            Notifications
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
