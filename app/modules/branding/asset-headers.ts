// The headers of a workspace's brand assets (logo, accent stylesheet): their addresses change
// with their contents, so caches keep them a year; opened on their own they may run nothing.
export const IMMUTABLE_ASSET_HEADERS = {
  'Cache-Control': 'public, max-age=31536000, immutable',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; sandbox; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const
