// How long a step of a restore took, for its summary (npm run backup:restore prints it, and
// the benchmark reports where the time goes).

/** `work`'s result and the seconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - started) / 1000 }
}
