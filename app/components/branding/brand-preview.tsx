// The Branding page's preview: the trust page's header and a button as visitors will see them,
// in the saved colour (the accent stylesheet, scoped to this box) or, with JavaScript, in the
// colour being typed (set through the CSSOM, which the CSP allows, never a style attribute).
import { useEffect, useRef } from 'react'
import { BRAND_SCOPE_ATTRIBUTE, accentShades } from '~/modules/branding/accent-colour'
import type { BrandView } from '~/modules/branding/brand-paths'
import { AccentStylesheet, BrandMark } from './brand-mark'

export function BrandPreview(props: { brand: BrandView; workspaceName: string; slug: string; liveColour?: string | null }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const style = box.current?.style
    if (!style) return
    const shades = props.liveColour ? accentShades(props.liveColour) : null
    for (const [token, value] of Object.entries({ '--color-brand-600': shades?.brand600, '--color-brand-700': shades?.brand700, '--color-brand-50': shades?.brand50 })) {
      if (value) style.setProperty(token, value)
      else style.removeProperty(token)
    }
  }, [props.liveColour])
  const scope = { [BRAND_SCOPE_ATTRIBUTE]: '' }
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Preview
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {props.liveColour ? 'With the colour you are typing, not saved yet.' : 'As your trust page shows it now.'}
      </p>
      <AccentStylesheet brand={props.brand} />
      <div ref={box} {...scope} className="mt-3 overflow-hidden rounded-xl border border-slate-200 bg-slate-50 shadow-xs">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
          <BrandMark brand={props.brand} name={props.workspaceName} className="text-lg font-semibold tracking-tight text-ink" />
          <span className="text-sm font-medium text-brand-700 underline">Privacy requests</span>
        </div>
        <div className="px-4 py-5">
          <p className="text-sm font-semibold text-slate-900">Trust center</p>
          <p className="mt-1 text-sm text-slate-600">
            Security and privacy at {props.workspaceName}. Read our <span className="text-brand-700 underline">sub-processors</span>.
          </p>
          <span className="mt-4 inline-block rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white">Make a privacy request</span>
        </div>
      </div>
      <p className="mt-3 text-sm">
        <a className="text-brand-700 underline" href={`/t/${props.slug}`}>
          Open your trust page
        </a>
      </p>
    </section>
  )
}
