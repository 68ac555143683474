// /p/:slug/requests/:reference: the requester's page for one request. Closed until they prove
// again that they read the request's e-mail (a code, or the link in it); then it shows the
// state, the due date, what an erasure reached system by system, the messages, a reply box when
// we wait for them, and the download.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { PortalShell } from '~/components/portal-shell'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { loadErasureStatement } from '~/modules/dsar/erasure-statement.server'
import { requestDeadlines, formatDeadline } from '~/modules/dsar/request-deadline.server'
import { findRequest, openStatusSession, requesterCookie, sessionRequest } from '~/modules/dsar/requester-access.server'
import { duplicateNotice } from '~/modules/dsar/duplicate-notice.server'
import { CLOSED_STATES, REQUEST_STATES, REQUEST_TYPES, STOPPED_STATES } from '~/modules/dsar/request-kinds'
import { RequestRuleError, subjectAnswers } from '~/modules/dsar/workflow.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/status'

export const meta: Route.MetaFunction = ({ params }) => [{ title: `Request ${params.reference}` }]

const NO_PORTAL = 'There is no privacy portal at this address.'

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const page = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const shell = { workspace: { name: workspace.name, slug: workspace.slug }, reference: params.reference }
    const found = await findRequest(tx, workspace, params.reference)
    if (!found || !(await sessionRequest(tx, found, request.headers.get('cookie'), params.slug))) {
      return { ...shell, view: 'locked' as const, linkToken: url.searchParams.get('token') }
    }
    const [events, exported, deadlines, erasure, duplicate] = await Promise.all([
      tx.requestEvent.findMany({ where: { requestId: found.id, public: true }, orderBy: { createdAt: 'asc' } }),
      tx.requestExport.findUnique({ where: { requestId: found.id } }),
      found.receivedAt ? requestDeadlines(tx, found.id) : null,
      loadErasureStatement(tx, found.id),
      duplicateNotice(tx, found, workspace),
    ])
    const downloadUntil =
      exported?.releasedAt && exported.expiresAt && !exported.deletedAt && exported.expiresAt > new Date() ? exported.expiresAt : null
    // Assembled, not yet released by a member: say so, and nothing more (decision 008). A request
    // rejected or closed as a duplicate will never send it (the hourly expiry deletes it).
    const underReview = exported !== null && !exported.releasedAt && !exported.deletedAt && !STOPPED_STATES.includes(found.state)
    return {
      ...shell,
      view: 'open' as const,
      request: {
        type: REQUEST_TYPES[found.type].label,
        state: found.state,
        stateLabel: REQUEST_STATES[found.state],
        receivedAt: found.receivedAt?.toISOString().slice(0, 10) ?? null,
        due: deadlines ? formatDeadline(deadlines.effective) : null,
        extensionReason: found.extendedAt ? found.extensionReason : null,
        erasure: erasure ? { summary: erasure.summary, lines: erasure.lines.map((line) => line.text), backups: erasure.backups } : null,
        download: downloadUntil && exported ? { expiresAt: downloadUntil.toISOString().slice(0, 10), bytes: Number(exported.bytes) } : null,
        underReview,
        closed: CLOSED_STATES.includes(found.state),
        duplicate,
      },
      events: events.map((e) => ({ id: e.id, kind: e.kind, body: e.body, at: e.createdAt.toISOString().slice(0, 16).replace('T', ' ') })),
    }
  })
  if (!page) throw data(NO_PORTAL, { status: 404 })
  return page
}

const actionInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('code'), code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from the e-mail.') }),
  z.object({ intent: z.literal('link'), token: z.string().min(20).max(100) }),
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
} as const

export async function action({ request, params, context }: Route.ActionArgs) {
  const parsed = actionInput.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'Check the form.' }, { status: 400 })
  const input = parsed.data
  const cookie = requesterCookie(params.slug)
  const result = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const found = await findRequest(tx, workspace, params.reference)
    if (input.intent === 'reply') {
      if (!found || !(await sessionRequest(tx, found, request.headers.get('cookie'), params.slug))) {
        return { status: 401, error: 'Your session on this page ended. Ask for a new code to continue.' }
      }
      try {
        await subjectAnswers(tx, found, input.body, requestOrigin(request, context))
      } catch (error) {
        if (error instanceof RequestRuleError) return { status: 409, error: error.message }
        throw error
      }
      return { redirect: true as const }
    }
    if (!found || found.state === 'unverified') return { status: 400, error: CODE_MESSAGES.none }
    const proof = input.intent === 'code' ? { code: input.code } : { linkToken: input.token }
    const opened = await openStatusSession(tx, found, proof)
    if (!opened.token) return { status: opened.check === 'locked' ? 429 : 400, error: CODE_MESSAGES[opened.check as keyof typeof CODE_MESSAGES] }
    return { redirect: true as const, setCookie: await cookie.serialize(opened.token) }
  })
  if (!result) throw data(NO_PORTAL, { status: 404 })
  if ('redirect' in result) {
    throw redirect(`/p/${params.slug}/requests/${params.reference}`, result.setCookie ? { headers: { 'Set-Cookie': result.setCookie } } : undefined)
  }
  return data({ error: result.error }, { status: result.status })
}

function Locked({ loaderData, error }: { loaderData: Extract<Route.ComponentProps['loaderData'], { view: 'locked' }>; error?: string }) {
  const { workspace, reference, linkToken } = loaderData
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title={`Request ${reference}`}>
      <FormAlert message={error} />
      {linkToken ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="link" />
          <input type="hidden" name="token" value={linkToken} />
          <p className="mb-4 text-slate-600">Open your request with the link from your e-mail.</p>
          <SubmitButton>Open my request</SubmitButton>
        </Form>
      ) : (
        <>
          <p className="mt-2 text-slate-600">
            If the reference and e-mail address you gave match a request, we sent a 6-digit code to that address. Enter it
            to open the request.
          </p>
          <Form method="post" className="mt-6 grid gap-4" noValidate>
            <input type="hidden" name="intent" value="code" />
            <Field label="Code" name="code" inputMode="numeric" autoComplete="one-time-code" />
            <SubmitButton>Open my request</SubmitButton>
          </Form>
          <p className="mt-4 text-sm">
            <a className="text-brand-700 underline" href={`/p/${workspace.slug}/status`}>
              Ask for a new code
            </a>
          </p>
        </>
      )}
    </PortalShell>
  )
}

export default function Status({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.view === 'locked') return <Locked loaderData={loaderData} error={actionData?.error} />
  const { workspace, reference, request, events } = loaderData
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title={`Request ${reference}`}>
      <FormAlert message={actionData?.error} />
      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-5">
        <dt className="text-slate-600">Request</dt>
        <dd>{request.type}</dd>
        <dt className="text-slate-600">State</dt>
        <dd>
          <strong>{request.stateLabel}</strong>
        </dd>
        <dt className="text-slate-600">Received</dt>
        <dd>{request.receivedAt}</dd>
        {request.due && !request.closed ? (
          <>
            <dt className="text-slate-600">Answer due by</dt>
            <dd>{request.due}</dd>
          </>
        ) : null}
        {request.extensionReason ? (
          <>
            <dt className="text-slate-600">Extended because</dt>
            <dd>{request.extensionReason}</dd>
          </>
        ) : null}
      </dl>
      {request.duplicate ? (
        <p className="mt-6 rounded border border-slate-200 bg-white p-4" data-testid="duplicate-notice">
          {request.duplicate.sentence}
          {request.duplicate.href ? (
            <>
              {' '}
              <a className="text-brand-700 underline" href={request.duplicate.href}>
                Follow {request.duplicate.reference}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
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
      <h2 className="mt-10 text-lg font-semibold">Messages and steps</h2>
      <ol className="mt-3 grid gap-3">
        {events.map((event) => (
          <li key={event.id} className="rounded border border-slate-200 bg-white p-4">
            <p className="text-sm text-slate-500">{event.at} UTC</p>
            <p className="mt-1 whitespace-pre-line">{event.body}</p>
          </li>
        ))}
      </ol>
      {request.state === 'awaiting_subject' ? (
        <Form method="post" className="mt-8 grid gap-4">
          <input type="hidden" name="intent" value="reply" />
          <Field label="Your answer" name="body" multiline hint="We asked you for something above: answer here." />
          <SubmitButton>Send my answer</SubmitButton>
        </Form>
      ) : null}
    </PortalShell>
  )
}
