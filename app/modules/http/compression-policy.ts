// What COMPRESSION asks of this process (docs/decisions/025-compression.md). Stored copies (the
// static files' build-time copies, each trust page compressed once per version) cost nothing
// per request, so only `off` turns them off. Compressing other responses on the fly costs CPU
// on every response: `auto` leaves it to Fly.io's edge, which compresses whatever arrives
// without a Content-Encoding, when Candor runs there.
export type CompressionPolicy = { stored: boolean; onTheFly: boolean }

export function compressionPolicy(env: { COMPRESSION: 'auto' | 'on' | 'off'; FLY_APP_NAME?: string }): CompressionPolicy {
  if (env.COMPRESSION === 'off') return { stored: false, onTheFly: false }
  return { stored: true, onTheFly: env.COMPRESSION === 'on' || !env.FLY_APP_NAME }
}
