// /w/:slug/requests/:reference — one privacy request: the facts, its deadlines, the erasure
// stages, the work per data system, the export and the timeline, beside the panel of actions.
// The view model (dsar/desk/request-view.server.ts) reads it; each `intent` of the one action
// is a handler in dsar/desk/request-actions.server.ts; the sections are components/request/*.
// Viewers read the same page without the forms.
import { data, redirect } from 'react-router'
import { ExportReviewSection } from '~/components/export-review-section'
import { RequesterAttachmentsSection } from '~/components/requester-attachments-section'
import { SetupWarning } from '~/components/setup-warning'
import { ActionPanel } from '~/components/request/action-panel'
import { DeadlinesSection } from '~/components/request/deadlines-section'
import { ErasureSection } from '~/components/request/erasure-section'
import { RequestFacts, RequestHeader } from '~/components/request/request-header'
import type { FormEcho } from '~/components/request/styles'
import { TasksSection } from '~/components/request/tasks-section'
import { TimelineSection } from '~/components/request/timeline-section'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { runRequestAction } from '~/modules/dsar/desk/request-actions.server'
import { requestView } from '~/modules/dsar/desk/request-view.server'
import { deskRequestPath } from '~/modules/dsar/desk-links'
import { findDeskRequest } from '~/modules/dsar/desk-request.server'
import { readFormWithFiles } from '~/modules/http/form.server'
import { TASK_FILES_FORM } from '~/modules/dsar/task-upload-limit'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/request'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data && 'request' in data ? data.request.reference : 'Request'} — Candor` },
]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'requests.view')
  const named = await findDeskRequest(member, params.reference)
  if (!named) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const url = new URL(request.url)
  if (named.reference !== params.reference) throw redirect(`${deskRequestPath(params.slug, named.reference)}${url.search}`)
  const view = await requestView(member, named.id, { templateId: url.searchParams.get('template'), done: url.searchParams.get('done') })
  if (!view) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  return view
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'requests.work')
  const named = await findDeskRequest(member, params.reference)
  if (!named) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  // Only a manual task's form carries files (multipart); every other form is read as usual.
  const { values, files, fileError } = await readFormWithFiles(request, TASK_FILES_FORM)
  if (fileError) return data({ intent: values.intent, error: fileError, fieldErrors: {}, values }, { status: 400 })
  const result = await runRequestAction(values, { member, requestId: named.id, origin: requestOrigin(request, context), files })
  if (!result.ok) {
    const { status, ...echo } = result
    return data(echo, { status })
  }
  // Back to the panel, which says what was done (checked against the request's state there).
  return redirect(`${deskRequestPath(params.slug, named.reference)}?done=${result.intent}#actions`)
}

export default function RequestPage({ loaderData: view, actionData }: Route.ComponentProps) {
  const echo: FormEcho = {
    failed: actionData?.intent,
    errors: actionData?.fieldErrors ?? {},
    values: actionData?.values ?? {},
  }
  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_24rem] lg:grid-rows-[auto_1fr] lg:gap-x-8">
      <div className="lg:col-start-1 lg:row-start-1">
        <RequestHeader view={view} error={actionData?.error} />
        <SetupWarning steps={view.setup.steps} mayFix={view.setup.mayFix} />
      </div>
      {view.may.work ? (
        <aside className="mt-6 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:mt-0">
          <div className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
            {/* A new timeline event means an action went through: its forms start empty again. */}
            <ActionPanel key={view.events.length} view={view} echo={echo} />
          </div>
        </aside>
      ) : null}
      <div className="min-w-0 lg:col-start-1 lg:row-start-2">
        <RequestFacts request={view.request} />
        <DeadlinesSection deadlines={view.deadlines} timeZone={view.timeZone} />
        {view.erasure ? <ErasureSection erasure={view.erasure} /> : null}
        {view.tasks.length > 0 ? <TasksSection tasks={view.tasks} mayWork={view.may.work} echo={echo} /> : null}
        {view.export ? (
          <ExportReviewSection
            view={view.export}
            mayWork={view.may.work}
            reasonError={echo.failed === 'assemble_again' ? echo.errors.sendBackReason : undefined}
            reason={echo.failed === 'assemble_again' ? echo.values.sendBackReason : undefined}
          />
        ) : null}
        <RequesterAttachmentsSection attachments={view.requesterFiles} />
        <TimelineSection events={view.events} />
      </div>
    </div>
  )
}
