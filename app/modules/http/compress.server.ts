// Compressing bytes that are served many times (the build's static files, each trust page
// version): once, at the highest quality, off the event loop (zlib's thread pool).
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Brotli at its highest quality, told the size and that the input is text. */
export const compressBrotli = (bytes: Uint8Array): Promise<Buffer> =>
  brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  })

/** gzip at level 9. */
export const compressGzip = (bytes: Uint8Array): Promise<Buffer> => gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION })
