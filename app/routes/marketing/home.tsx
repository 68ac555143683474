import type { Route } from './+types/home'

export const meta: Route.MetaFunction = () => [
  { title: 'Candor — an honest trust center and privacy-rights operations' },
]

const capabilities = [
  {
    title: 'A trust page that never overclaims',
    body: 'Security highlights, sub-processors, certifications and documents, each claim linked to a live check. A failing check shows as failing.',
  },
  {
    title: 'Privacy requests answered on time',
    body: 'Access, erasure, portability and the rest, filed by the people whose data you hold and worked by your team against the legal deadline of each jurisdiction.',
  },
  {
    title: 'Every step audited',
    body: 'An append-only, hash-chained audit log records who did what and when, with the change itself. Secrets are encrypted at rest; tenants are isolated in the database.',
  },
]

export default function Home() {
  return (
    <>
      <header className="border-b border-slate-200">
        <nav
          aria-label="Main"
          className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4"
        >
          <a href="/" className="text-xl font-semibold tracking-tight">
            Candor
          </a>
          <a href="/sign-in" className="font-medium text-brand-700 hover:underline">
            Sign in
          </a>
        </nav>
      </header>
      <main>
        <section className="bg-brand-50">
          <div className="mx-auto max-w-5xl px-6 py-20">
            <h1 className="max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">
              The honest trust center and privacy-rights desk for software companies
            </h1>
            <p className="mt-6 max-w-2xl text-lg text-slate-700">
              Candor publishes what you really do to protect your customers&rsquo; data, and helps
              your team answer every privacy request within its legal deadline. Open source and
              self-hostable.
            </p>
          </div>
        </section>
        <section aria-labelledby="capabilities" className="mx-auto max-w-5xl px-6 py-16">
          <h2 id="capabilities" className="sr-only">
            What Candor does
          </h2>
          <ul className="grid gap-8 sm:grid-cols-3">
            {capabilities.map((capability) => (
              <li key={capability.title}>
                <h3 className="text-lg font-semibold">{capability.title}</h3>
                <p className="mt-2 text-slate-600">{capability.body}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="border-t border-slate-200">
        <p className="mx-auto max-w-5xl px-6 py-6 text-sm text-slate-500">
          Candor is free software under the GNU AGPL.
        </p>
      </footer>
    </>
  )
}
