// A titled part of a dashboard page: the section carries the id (so `#id` links to it) and is
// named by its heading for screen readers.
export function PageSection({
  id,
  title,
  className = '',
  children,
}: {
  id: string
  title: string
  className?: string
  children: React.ReactNode
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className={`mt-10 ${className}`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}
