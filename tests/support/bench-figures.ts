// A benchmark's figures as one plain JSON line on standard output. console.log inside Vitest is
// prefixed by the reporter's colour codes, even when piped; writing to the stream is not, so
// `npm run bench:x | grep '^{'` finds the line.
export function printFigures(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
