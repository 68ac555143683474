/** "2026-02-27 14:05 UTC": a moment as staff pages show it, the same for every reader. */
export const utcInstant = (at: Date) => `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`
