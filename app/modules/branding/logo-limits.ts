// How large a logo may be: pure numbers, shared by the HTTP server's body limit, the upload
// sanitiser and the Branding page's words.
export const MAX_LOGO_BYTES = 1024 * 1024
/** 40 megapixels: an 8000 × 5000 photo passes; a small file that expands to gigabytes does not. */
export const MAX_LOGO_PIXELS = 40_000_000
/** The box a stored logo fits in. */
export const LOGO_BOX = { width: 512, height: 256 }
