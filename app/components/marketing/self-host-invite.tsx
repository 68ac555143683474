// The home page's invitation to run Candor yourself: the three deploy guides, and the source
// code when this installation says where it is published (SOURCE_URL).

const GUIDES = [
  { href: '/docs/deploy-node', title: 'Node.js and PostgreSQL', body: 'One server, two systemd services. A test follows these steps in production mode.' },
  { href: '/docs/deploy-compose', title: 'Docker Compose', body: 'Candor, PostgreSQL and MinIO from one compose.yaml, checked by reading: not yet run in a container by the project.' },
  { href: '/docs/deploy-fly', title: 'Fly.io', body: 'Web and worker machines from the Dockerfile; migrations as the release command.' },
]

export function SelfHostInvite({ sourceUrl }: { sourceUrl: string | null }) {
  return (
    <section aria-labelledby="self-host" className="mx-auto max-w-6xl px-6 py-16">
      <h2 id="self-host" className="text-2xl font-semibold tracking-tight text-ink">
        Run it yourself
      </h2>
      <p className="mt-2 max-w-3xl text-slate-600">
        Candor is free software under the GNU AGPL. Without Stripe keys, billing is off and every workspace has every feature.
        It needs Node.js, PostgreSQL and a Resend account for its e-mail.
        {sourceUrl ? (
          <>
            {' '}
            <a href={sourceUrl} className="font-medium text-brand-700 underline">
              Read the source code
            </a>
            .
          </>
        ) : null}
      </p>
      <ul className="mt-8 grid gap-6 md:grid-cols-3">
        {GUIDES.map((guide) => (
          <li key={guide.href}>
            <a href={guide.href} className="block h-full rounded-xl border border-slate-200 p-5 shadow-sm hover:border-brand-600">
              <span className="font-semibold text-ink">{guide.title}</span>
              <span className="mt-2 block text-sm text-slate-600">{guide.body}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
