// The top bar of every signed-in page: who is signed in, their 2FA, sessions and e-mail
// notifications, and sign out. On a phone these fold into an "Account" menu (a <details>, so it
// opens without JavaScript): the bar is one line, and a second for the workspace's name.
import { Form } from 'react-router'

const link = 'text-brand-700 hover:underline'

function AccountLinks() {
  return (
    <>
      <a href="/account/security" className={link}>
        Two-factor
      </a>
      <a href="/account/sessions" className={link}>
        Sessions
      </a>
      <a href="/account/notifications" className={link}>
        Notifications
      </a>
      <Form method="post" action="/sign-out">
        <button type="submit" className={link}>
          Sign out
        </button>
      </Form>
    </>
  )
}

/** `wide`: as wide as the dashboard's frame (its side navigation and page), not one column. */
export function AccountBar(props: { email: string; wide?: boolean; children?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div
        className={`mx-auto flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3 sm:px-6 ${props.wide ? 'max-w-7xl lg:px-8' : 'max-w-6xl'}`}
      >
        <a href="/app" className="order-1 flex items-center gap-2 text-lg font-semibold tracking-tight text-ink">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-ink text-sm font-bold text-white">
            C
          </span>
          Candor
        </a>
        {/* A phone's second line (the workspace), beside the name on a wider screen. */}
        {props.children ? (
          <div className="order-3 flex w-full min-w-0 items-center gap-x-3 sm:order-2 sm:w-auto sm:flex-1">{props.children}</div>
        ) : null}
        <nav aria-label="Account" className="order-2 shrink-0 text-sm sm:order-3 sm:min-w-0 sm:shrink">
          <div className="hidden flex-wrap items-center gap-x-4 gap-y-1 sm:flex">
            <span className="break-all text-slate-600">{props.email}</span>
            <AccountLinks />
          </div>
          <details className="relative sm:hidden">
            <summary className="cursor-pointer list-none rounded border border-slate-300 px-3 py-1.5 font-medium text-ink hover:bg-slate-50">
              Account <span aria-hidden="true">▾</span>
            </summary>
            <div className="absolute right-0 z-20 mt-2 grid w-64 max-w-[calc(100vw-2rem)] justify-items-start gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-lg">
              <span className="break-all text-slate-600">Signed in as {props.email}</span>
              <AccountLinks />
            </div>
          </details>
        </nav>
      </div>
    </header>
  )
}
