// The frame of an operator console page below /ops: the account bar, the way back, the title.
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { AccountBar } from '~/components/account-bar'

export function OpsSubpage({ email, title, children }: { email: string; title: string; children: ReactNode }) {
  return (
    <>
      <AccountBar email={email} />
      <main className="mx-auto max-w-6xl px-6 py-10">
        <p className="text-sm">
          <Link to="/ops" className="text-slate-600 underline hover:text-slate-900">Operator console</Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
        {children}
      </main>
    </>
  )
}
