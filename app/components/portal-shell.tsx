// The frame of a workspace's public privacy portal: its logo (or name), then the page, in its
// accent colour.
import { AccentStylesheet, BrandMark } from './branding/brand-mark'
import { usePublicBrand } from './branding/use-public-brand'

export function PortalShell(props: { workspaceName: string; slug: string; title: string; children: React.ReactNode }) {
  const brand = usePublicBrand()
  return (
    <div data-brand="" className="min-h-screen bg-slate-50">
      <AccentStylesheet brand={brand} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 px-4 py-4">
          <a
            href={`/p/${props.slug}`}
            className="flex items-center gap-3 rounded text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            <BrandMark brand={brand} name={props.workspaceName} />
            <span>{brand.logo ? 'Privacy requests' : '· Privacy requests'}</span>
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
