// The frame of a workspace's public privacy portal: the company's name, then the page.
export function PortalShell(props: { workspaceName: string; slug: string; title: string; children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl items-center justify-between px-4 py-4">
          <a href={`/p/${props.slug}`} className="text-lg font-semibold tracking-tight">
            {props.workspaceName} · Privacy requests
          </a>
          <a href={`/p/${props.slug}/status`} className="text-sm text-brand-700 underline">
            Follow a request
          </a>
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-10">
        <h1 className="text-2xl font-semibold">{props.title}</h1>
        {props.children}
      </main>
      <footer className="mx-auto max-w-2xl px-4 pb-10 text-sm text-slate-500">
        Powered by Candor. Your request goes to {props.workspaceName}, who must answer it within the time the law sets.
      </footer>
    </div>
  )
}
