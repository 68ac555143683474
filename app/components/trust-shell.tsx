// The frame of a workspace's public trust pages (/t/:slug/…): its logo (or name), then the page,
// in its accent colour.
import { AccentStylesheet, BrandMark } from './branding/brand-mark'
import { usePublicBrand } from './branding/use-public-brand'

export function TrustShell(props: { workspaceName: string; slug: string; section: string; children: React.ReactNode }) {
  const brand = usePublicBrand()
  return (
    <div data-brand="" className="min-h-screen bg-slate-50">
      <AccentStylesheet brand={brand} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-4">
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-lg font-semibold tracking-tight">
            <a href={`/t/${props.slug}`} className="rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
              <BrandMark brand={brand} name={props.workspaceName} />
            </a>
            <span>
              {brand.logo ? '' : '· '}
              {props.section}
            </span>
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
