// The frame of a workspace's public trust pages (/t/:slug/…): the company's name, then the page.
export function TrustShell(props: { workspaceName: string; slug: string; section: string; children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-4">
          <p className="text-lg font-semibold tracking-tight">
            {props.workspaceName} · {props.section}
          </p>
          <a href={`/p/${props.slug}`} className="text-sm text-brand-700 underline">
            Privacy requests
          </a>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-10">{props.children}</main>
      <footer className="mx-auto max-w-3xl px-4 pb-10 text-sm text-slate-500">Powered by Candor.</footer>
    </div>
  )
}
