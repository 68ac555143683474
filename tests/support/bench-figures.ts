// A benchmark's figures as one plain JSON line on standard output. console.log inside Vitest is
// prefixed by the reporter's colour codes, even when piped; writing to the stream is not, so
// `npm run bench:x | grep '^{'` finds the line.
export function printFigures(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}
