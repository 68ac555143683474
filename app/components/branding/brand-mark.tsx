// A workspace's logo, or its name where it has none: the header of the trust page, the portal
// and the dashboard's preview. The logo's alt text is the name, so the header reads the same.
import type { BrandView } from '~/modules/branding/brand-paths'

export function BrandMark(props: { brand: BrandView; name: string; className?: string }) {
  if (!props.brand.logo) return <span className={props.className}>{props.name}</span>
  return (
    <img
      src={props.brand.logo.src}
      alt={props.name}
      width={props.brand.logo.width}
      height={props.brand.logo.height}
      className="block h-9 w-auto max-w-[12rem] object-contain"
    />
  )
}

/** The accent stylesheet, hoisted into <head> by React; nothing when the workspace uses Candor's colour. */
export function AccentStylesheet(props: { brand: BrandView }) {
  return props.brand.accentStylesheet ? <link rel="stylesheet" href={props.brand.accentStylesheet} precedence="high" /> : null
}
