// GET /api/v1/requests/:requestId/export — the request's export ZIP, decrypted as it streams
// (scope requests:export); each download is audited with the API key as the actor.
import { Readable } from 'node:stream'
import { z } from 'zod'
import { apiError, requireApiKey } from '~/modules/api/api-auth.server'
import { openExportForStaff } from '~/modules/api/request-export.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/request-export'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const tenant = await requireApiKey({ request, context }, 'requests:export')
  const id = z.uuid().safeParse(params.requestId)
  if (!id.success) return apiError(404, 'not_found', 'There is no privacy request with this id in this workspace.')
  const download = await openExportForStaff(tenant, id.data, requestOrigin(request, context))
  if (download.kind === 'none') return apiError(404, 'not_found', download.message)
  if (download.kind === 'not_ready') return apiError(409, 'export_not_ready', download.message)
  const stream = await download.open()
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${download.reference}.zip"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
