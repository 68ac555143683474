// /p/:slug/requests/:reference: the requester's page for one request. Closed until they prove
// again that they read the request's e-mail (a follow link, a code, or the code's link); then
// it shows the state, the steps, what an erasure reached system by system, the thread, a reply
// box when we wait for them, and the download.
import { data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { PortalShell } from '~/components/portal-shell'
import { DuplicateNotice } from '~/components/privacy/duplicate-notice'
import { ReplyForm } from '~/components/privacy/reply-form'
import { RequestSteps } from '~/components/privacy/request-steps'
import { RequestThread } from '~/components/privacy/request-thread'
import { StatusLocked } from '~/components/privacy/status-locked'
import { RequestSummary } from '~/components/privacy/request-summary'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { useFollowLink } from '~/modules/dsar/follow-links.server'
import { findRequest, openStatusSession, requesterCookie, sessionRequest } from '~/modules/dsar/requester-access.server'
import { openRequesterSession } from '~/modules/dsar/requester-codes.server'
import { statusPageOf } from '~/modules/dsar/status-page.server'
import { lockedViewOf } from '~/modules/dsar/status-locked.server'
import { subjectTimeZone } from '~/modules/dsar/subject-time-zone'
import { RequestRuleError, subjectAnswers } from '~/modules/dsar/workflow.server'
import { readForm } from '~/modules/http/form.server'
import { requestInfoContext, requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/status'

export const meta: Route.MetaFunction = ({ params }) => [{ title: `Request ${params.reference}` }]

const NO_PORTAL = 'There is no privacy portal at this address.'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const page = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const shell = { workspace: { name: workspace.name, slug: workspace.slug }, reference: params.reference }
    const found = await findRequest(tx, workspace, params.reference)
    if (found && (await sessionRequest(tx, found, request.headers.get('cookie'), params.slug))) {
      return { ...shell, view: 'open' as const, ...(await statusPageOf(tx, workspace, found)) }
    }
    const search = new URL(request.url).searchParams
    return { ...shell, view: 'locked' as const, locked: await lockedViewOf(tx, workspace, found, search, context.get(requestInfoContext).clientIp) }
  })
  if (!page) throw data(NO_PORTAL, { status: 404 })
  return page
}

const token = z.string().min(20).max(100)
const actionInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('code'), code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from the e-mail.') }),
  z.object({ intent: z.literal('link'), token }),
  z.object({ intent: z.literal('follow'), token }),
  z.object({
    intent: z.literal('reply'),
    body: z.string().trim().min(1, 'Write your answer.').max(5000, 'Keep your answer under 5,000 characters.'),
  }),
])

const CODE_MESSAGES = {
  wrong: 'That code is not right. Check the e-mail and try again.',
  locked: 'Too many wrong codes. Ask for a new code.',
  expired: 'This code has expired. Ask for a new code.',
  none: 'That code is not right, or it was used already. Ask for a new code.',
  follow: 'This link was used already or has expired. Enter a code from your e-mail, or ask for a new one.',
} as const

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const parsed = actionInput.safeParse(Object.fromEntries(form))
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'Check the form.' }, { status: 400 })
  const input = parsed.data
  const timeZone = subjectTimeZone(form.get('timeZone'))
  const file = form.get('attachment')
  const attachment = file instanceof File && file.size > 0 ? file : null
  const cookie = requesterCookie(params.slug)
  const result = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const found = await findRequest(tx, workspace, params.reference)
    if (input.intent === 'reply') {
      if (!found || !(await sessionRequest(tx, found, request.headers.get('cookie'), params.slug))) {
        return { status: 401, error: 'Your session on this page ended. Ask for a new code to continue.' }
      }
      try {
        await subjectAnswers(tx, found, input.body, requestOrigin(request, context), attachment)
      } catch (error) {
        if (error instanceof RequestRuleError) return { status: 409, error: error.message }
        throw error
      }
      return { redirect: true as const }
    }
    if (!found || found.state === 'unverified') return { status: 400, error: CODE_MESSAGES.none }
    let session: string | undefined
    if (input.intent === 'follow') {
      if (!(await useFollowLink(tx, found.id, input.token))) return { status: 400, error: CODE_MESSAGES.follow }
      session = await openRequesterSession(tx, found)
    } else {
      const opened = await openStatusSession(tx, found, input.intent === 'code' ? { code: input.code } : { linkToken: input.token })
      if (!opened.token) return { status: opened.check === 'locked' ? 429 : 400, error: CODE_MESSAGES[opened.check as keyof typeof CODE_MESSAGES] }
      session = opened.token
    }
    // The browser that opens the page names the requester's zone now; without it, keep the last.
    if (timeZone && timeZone !== found.timeZone) await tx.privacyRequest.update({ where: { id: found.id }, data: { timeZone } })
    return { redirect: true as const, setCookie: await cookie.serialize(session) }
  })
  if (!result) throw data(NO_PORTAL, { status: 404 })
  if ('redirect' in result) {
    throw redirect(`/p/${params.slug}/requests/${params.reference}`, result.setCookie ? { headers: { 'Set-Cookie': result.setCookie } } : undefined)
  }
  return data({ error: result.error }, { status: result.status })
}

export default function Status({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.view === 'locked') {
    return <StatusLocked workspace={loaderData.workspace} reference={loaderData.reference} locked={loaderData.locked} error={actionData?.error} />
  }
  const { workspace, reference, request, steps, events, timeZone } = loaderData
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title={`Request ${reference}`}>
      <FormAlert message={actionData?.error} />
      <RequestSummary request={request} />
      {request.duplicate ? <DuplicateNotice notice={request.duplicate} /> : null}
      <RequestSteps steps={steps} />
      {request.erasure ? (
        <section aria-labelledby="erasure" className="mt-6 rounded border border-slate-200 bg-white p-5">
          <h2 id="erasure" className="text-lg font-semibold">
            Erasure, system by system
          </h2>
          <p className="mt-2">{request.erasure.summary}</p>
          <ul className="mt-3 list-disc pl-5">
            {request.erasure.lines.map((line, index) => (
              <li key={`${index}:${line}`}>{line}</li>
            ))}
          </ul>
          {request.erasure.backups ? <p className="mt-3 text-sm text-slate-600">{request.erasure.backups}</p> : null}
        </section>
      ) : null}
      {request.download ? (
        <p className="mt-6">
          <a
            className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            href={`/p/${workspace.slug}/requests/${reference}/export`}
          >
            Download your data (ZIP, {Math.max(1, Math.round(request.download.bytes / 1024))} KB)
          </a>
          <span className="ml-3 text-sm text-slate-600">Available until {request.download.expiresAt}.</span>
        </p>
      ) : null}
      {request.underReview ? (
        <p className="mt-6 rounded border border-slate-200 bg-white p-4">
          The export of your data is being reviewed by {workspace.name} before it is sent to you.
        </p>
      ) : null}
      <RequestThread events={events} />
      <p className="mt-3 text-sm text-slate-600">Times are shown in {timeZone === 'UTC' ? 'UTC' : `your time zone, ${timeZone}`}.</p>
      {request.state === 'awaiting_subject' ? <ReplyForm identityAsked={loaderData.identityAsked} /> : null}
    </PortalShell>
  )
}
