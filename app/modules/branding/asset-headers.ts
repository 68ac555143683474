// The headers of a workspace's brand assets (logo, accent stylesheet): their addresses change
// with their contents, so caches keep them a year; opened on their own they may run nothing.
export const IMMUTABLE_ASSET_HEADERS = {
  'Cache-Control': 'public, max-age=31536000, immutable',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; sandbox; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const

/**
 * A logo's: a day, not a year, so that a logo removed (one uploaded by mistake, say) leaves
 * shared caches within a day of its address answering 404; browsers still re-use it meanwhile.
 */
export const LOGO_HEADERS = { ...IMMUTABLE_ASSET_HEADERS, 'Cache-Control': 'public, max-age=86400' } as const
