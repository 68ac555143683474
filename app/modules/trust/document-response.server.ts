// A document download as an HTTP response: the decrypted bytes streamed, saved as a file (never
// shown inline, so a document cannot run as a page of ours), its recognised type, kept by no cache.
import { Readable } from 'node:stream'
import type { Download } from './document-requests.server'
import { downloadName, typeOfContentType } from './document-types'

export async function documentResponse(download: Download): Promise<Response> {
  const type = typeOfContentType(download.contentType) ?? { extensions: ['bin'] }
  const name = downloadName(download.fileName, type)
  const stream = await download.open()
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'Content-Type': download.contentType,
      'Content-Length': String(download.bytes),
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
