// A table that may be wider than a phone scrolls sideways inside its own box, not the whole page.
// The box is a named region that takes keyboard focus, so it scrolls with the arrow keys too. It
// is `relative` so that visually hidden text in the table (`sr-only`, positioned absolutely) is
// placed and clipped inside it, not against the page, which it would widen. In a grid or flex
// item, give that item `min-w-0`, or it grows to the table's width anyway.
export function WideTable({ label, className = '', children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  )
}
