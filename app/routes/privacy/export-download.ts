// /p/:slug/requests/:reference/export: the subject downloads their ZIP. Only in a session
// opened with a fresh e-mail code, only once a member released it, only until it expires;
// each download is audited.
import { Readable } from 'node:stream'
import { data } from 'react-router'
import { recordAudit } from '~/modules/audit/record.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { type ExportObject, openExport } from '~/modules/dsar/export.server'
import { findRequest, sessionRequest } from '~/modules/dsar/requester-access.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/export-download'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const opened = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const found = await findRequest(tx, workspace, params.reference)
    if (!found || !(await sessionRequest(tx, found, request.headers.get('cookie'), params.slug))) return 'locked' as const
    const exported = await tx.requestExport.findUnique({ where: { requestId: found.id } })
    // Nothing reaches the requester before a member releases it (review before delivery).
    if (!exported?.releasedAt) return { notReleased: workspace.name }
    if (!exported.expiresAt || exported.deletedAt || exported.expiresAt <= new Date()) return 'gone' as const
    await tx.requestExport.update({ where: { id: exported.id }, data: { downloads: { increment: 1 } } })
    await recordAudit(
      tx,
      { workspaceId: workspace.id, actor: { type: 'subject', requestId: found.id }, origin: requestOrigin(request, context) },
      { action: 'request.export.download', target: { type: 'request_export', id: exported.id } },
    )
    return { open: await openExport(tx, workspace.id, exported.object as ExportObject), reference: found.reference, bytes: exported.bytes }
  })
  if (!opened) throw data('There is no privacy portal at this address.', { status: 404 })
  if (opened === 'locked') throw data('Open your request with a code from your e-mail first, then download it.', { status: 401 })
  if (opened === 'gone') throw data('This export is no longer available: exports are deleted after 7 days.', { status: 410 })
  if ('notReleased' in opened) {
    throw data(
      `Your data cannot be downloaded yet: ${opened.notReleased} reviews the export before sending it to you. You will get an e-mail when it is sent.`,
      { status: 409 },
    )
  }
  const stream = await opened.open()
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${opened.reference}.zip"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
