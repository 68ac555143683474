// A deadline's state as a small coloured label: overdue, due soon, or on track (with words, so
// colour is never the only signal).
type Badge = { kind: 'overdue' | 'due_soon' | 'on_track'; label: string }

const STYLE: Record<Badge['kind'], string> = {
  overdue: 'border-red-300 bg-red-50 text-red-900',
  due_soon: 'border-amber-300 bg-amber-50 text-amber-900',
  on_track: 'border-green-300 bg-green-50 text-green-900',
}

export function TimerLabel({ badge, testId }: { badge: Badge | null; testId?: string }) {
  if (!badge) return <span className="text-slate-500">—</span>
  return (
    <span
      data-testid={testId}
      className={`inline-block rounded border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLE[badge.kind]}`}
    >
      {badge.label}
    </span>
  )
}
