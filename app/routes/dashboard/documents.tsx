// /w/:slug/documents — the documents of the trust page: the inbox of access requests (approve,
// deny with a reason, withdraw a link), the list (each edited, replaced or removed on its own
// page), the upload (PDF and office files, checked by their bytes, encrypted at rest), the NDA
// visitors accept before asking for a gated one, and the e-mail domains approved at once. Works
// without JavaScript; each form is an `intent` of the one action; the upload is multipart.
import { Form, Link, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { PlanLimitNotice } from '~/components/plan-limit-notice'
import { Field, SelectField } from '~/components/field'
import { requireMember } from '~/modules/auth/member.server'
import { EntitlementRefused, limitNotice, refusalAlert } from '~/modules/billing/entitlements.server'
import { requestOrigin } from '~/modules/http/request-info'
import { FileField, VISIBILITY_OPTIONS } from '~/components/document-fields'
import { PageSection } from '~/components/page-section'
import { denyInput, documentFieldsInput, ndaInput, settingsInput } from '~/modules/trust/document-forms'
import { decideRequest, documentLinks } from '~/modules/trust/document-requests.server'
import { ACCEPTED_DESCRIPTION, MAX_DOCUMENT_BYTES, formatBytes } from '~/modules/trust/document-types'
import { readDocumentForm } from '~/modules/trust/document-upload.server'
import {
  DocumentActionError,
  createDocument,
  discardFile,
  documentsDashboard,
  saveDocumentSettings,
  saveNda,
} from '~/modules/trust/documents.server'
import { fieldErrors } from '~/modules/trust/subprocessor-forms'
import { defaultNda } from '~/modules/trust/default-nda'
import type { Route } from './+types/documents'

export const meta: Route.MetaFunction = () => [{ title: 'Documents — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'trust.documents')
  const view = await documentsDashboard(member)
  const links = documentLinks('', member.workspace.slug)
  return {
    // Documents over the plan's limit stay on the trust page; only new ones are refused.
    limit: await limitNotice(member, 'documents'),
    documents: view.documents.map((d) => ({
      id: d.id,
      title: d.title,
      description: d.description,
      visibility: d.visibility,
      fileName: d.fileName,
      size: formatBytes(Number(d.bytes)),
      sha256: d.sha256,
      updatedAt: d.updatedAt.toISOString().slice(0, 16).replace('T', ' '),
      link: d.visibility === 'public' ? links.publicDownload(d.id) : links.request(d.id),
      edit: `/w/${member.workspace.slug}/documents/${d.id}`,
    })),
    nda: view.nda ? { number: view.nda.number, text: view.nda.text, sha256: view.nda.sha256 } : null,
    starterNda: view.nda ? null : defaultNda(member.workspace.name),
    settings: { autoApproveDomains: view.settings.autoApproveDomains.join('\n'), linkDays: String(view.settings.linkDays) },
    requests: view.requests.map((r) => ({
      id: r.id,
      documentTitle: r.document.title,
      documentRemoved: r.document.removedAt !== null,
      name: r.name,
      email: r.email,
      company: r.company,
      state: r.state,
      autoApproved: r.autoApproved,
      ndaSha256: r.ndaSha256,
      acceptedAt: r.ndaAcceptedAt.toISOString().slice(0, 16).replace('T', ' '),
      ip: r.ip,
      denyReason: r.denyReason,
      expiresAt: r.accessExpiresAt?.toISOString().slice(0, 16).replace('T', ' ') ?? null,
      downloads: r.downloads,
    })),
    trustPage: links.trustPage,
  }
}

const intentForm = z.object({
  intent: z.enum(['upload', 'nda', 'settings', 'approve', 'deny', 'revoke'], 'Choose what to do.'),
})
type Intent = z.output<typeof intentForm>['intent']
const requestId = z.object({ requestId: z.uuid('Choose a request from the list.') })

type Values = Record<string, string>
type Refusal = { intent?: Intent; target?: string; error: string; upgrade?: string; fieldErrors: Record<string, string>; values: Values }

function refused(refusal: Refusal, status = 400) {
  return data(refusal, { status })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'trust.documents')
  const { values, stored, fileError } = await readDocumentForm(request, member)
  const origin = requestOrigin(request, context)
  const back = `/w/${params.slug}/documents`
  const chosen = intentForm.safeParse(values)
  // Only the upload form keeps a file; anything else sent with one loses it.
  if (stored && !(chosen.success && chosen.data.intent === 'upload')) await discardFile(stored)
  // A file over the limit stops the parser before the rest of the form: only the upload sends one.
  if (!chosen.success && fileError) return refused({ intent: 'upload', error: fileError, fieldErrors: { file: fileError }, values })
  if (!chosen.success) return refused({ error: 'Choose what to do.', fieldErrors: {}, values })
  const { intent } = chosen.data
  const refuse = (error: string, errors: Record<string, string> = {}, status = 400) => refused({ intent, target: values.requestId, error, fieldErrors: errors, values }, status)
  try {
    switch (intent) {
      case 'upload': {
        const parsed = documentFieldsInput.safeParse(values)
        const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(fileError ? { file: fileError } : !stored ? { file: `Choose the file to upload (${ACCEPTED_DESCRIPTION}, at most ${formatBytes(MAX_DOCUMENT_BYTES)}).` } : {}) }
        if (!parsed.success || !stored) {
          if (stored) await discardFile(stored)
          return refuse('Some fields need a correction.', errors)
        }
        await createDocument(member, parsed.data, stored, origin)
        return redirect(`${back}#documents`)
      }
      case 'nda': {
        const parsed = ndaInput.safeParse(values)
        if (!parsed.success) return refuse('The agreement needs a correction.', fieldErrors(parsed.error))
        await saveNda(member, parsed.data.text, origin)
        return redirect(`${back}#nda`)
      }
      case 'settings': {
        const parsed = settingsInput.safeParse(values)
        if (!parsed.success) return refuse('Some settings need a correction.', fieldErrors(parsed.error))
        await saveDocumentSettings(member, parsed.data, origin)
        return redirect(`${back}#settings`)
      }
      case 'approve':
      case 'revoke': {
        const target = requestId.safeParse(values)
        if (!target.success) return refuse('Choose a request from the list.')
        await decideRequest(member, target.data.requestId, { kind: intent }, origin)
        return redirect(`${back}#requests`)
      }
      case 'deny': {
        const parsed = denyInput.safeParse(values)
        if (!parsed.success) return refuse('Some fields need a correction.', fieldErrors(parsed.error))
        await decideRequest(member, parsed.data.requestId, { kind: 'deny', reason: parsed.data.reason }, origin)
        return redirect(`${back}#requests`)
      }
    }
  } catch (error) {
    if (error instanceof DocumentActionError) return refuse(error.message, {}, 409)
    if (error instanceof EntitlementRefused) {
      return refused({ intent, target: values.requestId, fieldErrors: {}, values, ...refusalAlert(error, member) }, 403)
    }
    throw error
  }
}

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'
const small = 'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50'
const link = 'text-brand-700 underline'
const STATE_LABELS = { pending: 'Waiting for you', approved: 'Approved', denied: 'Denied', revoked: 'Link withdrawn' } as const

export default function Documents({ loaderData, actionData }: Route.ComponentProps) {
  const { documents, nda, starterNda, settings, requests, trustPage } = loaderData
  const failed = (intent: Intent, target?: string) => actionData?.intent === intent && (target === undefined || actionData.target === target)
  const errorsFor = (intent: Intent, target?: string): Record<string, string | undefined> => (failed(intent, target) ? actionData!.fieldErrors : {})
  const sent = (actionData?.values ?? {}) as Values
  const pending = requests.filter((r) => r.state === 'pending')
  const decided = requests.filter((r) => r.state !== 'pending')
  return (
    <>
      <h1 className="text-2xl font-semibold">Documents</h1>
      <p className="mt-2 max-w-3xl text-slate-600">
        Reports and policies on your <a className={link} href={trustPage}>trust page</a>. Public ones anyone can download; gated ones a
        visitor asks for with their name, work e-mail and company, accepting your NDA. You approve each request, or list domains that
        are approved at once; the visitor gets a link that expires. Every download is in the audit log.
      </p>
      <FormAlert message={actionData?.error} upgrade={actionData?.upgrade} />
      <PlanLimitNotice {...loaderData.limit} />

      <PageSection className="max-w-4xl" id="requests" title={`Access requests${pending.length ? ` (${pending.length} waiting)` : ''}`}>
        {requests.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No requests yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded border border-slate-200">
            {[...pending, ...decided].map((r) => (
              <li key={r.id} className="p-4" data-testid="access-request">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p>
                    <span className="font-medium">{r.name}</span> ({r.email}, {r.company}) asks for <span className="font-medium">{r.documentTitle}</span>
                    {r.documentRemoved ? ' (removed)' : ''}
                  </p>
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                    {STATE_LABELS[r.state]}
                    {r.autoApproved ? ' (domain on the list)' : ''}
                  </span>
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  Accepted the NDA {r.acceptedAt} UTC from {r.ip ?? 'an unknown address'} · SHA-256 <code title={r.ndaSha256}>{r.ndaSha256.slice(0, 12)}</code>
                  {r.expiresAt && r.state === 'approved' ? <> · link works until {r.expiresAt} UTC · {r.downloads} download{r.downloads === 1 ? '' : 's'}</> : null}
                  {r.denyReason ? <> · reason: {r.denyReason}</> : null}
                </p>
                {r.state === 'pending' ? (
                  <div className="mt-3 flex flex-wrap items-end gap-3">
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit" className={primary} aria-label={`Approve ${r.name}'s request`}>
                        Approve
                      </button>
                    </Form>
                    <Form method="post" className="flex items-end gap-2">
                      <input type="hidden" name="intent" value="deny" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <div>
                        <label htmlFor={`reason-${r.id}`} className="block text-sm font-medium">
                          Reason (optional, e-mailed)
                        </label>
                        <input id={`reason-${r.id}`} name="reason" className="mt-1 rounded border border-slate-300 px-2 py-1" />
                      </div>
                      <button type="submit" className={secondary} aria-label={`Deny ${r.name}'s request`}>
                        Deny
                      </button>
                    </Form>
                  </div>
                ) : r.state === 'approved' ? (
                  <Form method="post" className="mt-3">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <button type="submit" className={small}>
                      Withdraw the link
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </PageSection>

      <PageSection className="max-w-4xl" id="documents" title="Documents">
        {documents.length === 0 ? <p className="mt-3 text-sm text-slate-600">No documents yet.</p> : null}
        <ul className="mt-3 grid gap-4">
          {documents.map((d) => (
            <li key={d.id} className="rounded border border-slate-200 p-4" data-testid="document">
              <p className="font-medium">{d.title}</p>
              <p className="text-sm text-slate-600">
                {d.visibility === 'public' ? 'Public' : 'Gated'} · {d.fileName} · {d.size} · SHA-256 <code title={d.sha256}>{d.sha256.slice(0, 12)}</code> · updated{' '}
                {d.updatedAt} UTC · <a className={link} href={d.link}>{d.visibility === 'public' ? 'public download' : 'request page'}</a>
              </p>
              <p className="mt-2 text-sm">
                <Link className={link} to={d.edit} aria-label={`Edit, replace or remove “${d.title}”`}>
                  Edit, replace or remove
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </PageSection>

      <PageSection className="max-w-4xl" id="upload" title="Upload a document">
        <Form method="post" encType="multipart/form-data" className="mt-3 grid max-w-xl gap-4" noValidate>
          <input type="hidden" name="intent" value="upload" />
          <Field label="Title" name="title" hint="e.g. SOC 2 Type II report (2026)." value={failed('upload') ? sent.title : undefined} error={errorsFor('upload').title} />
          <Field label="Description" name="description" multiline value={failed('upload') ? sent.description : undefined} error={errorsFor('upload').description} />
          <SelectField label="Visibility" name="visibility" options={VISIBILITY_OPTIONS} value={(failed('upload') ? sent.visibility : undefined) ?? 'gated'} error={errorsFor('upload').visibility} />
          <FileField label="File" error={errorsFor('upload').file} />
          <div>
            <button type="submit" className={primary}>
              Upload
            </button>
          </div>
        </Form>
      </PageSection>

      <PageSection className="max-w-4xl" id="nda" title="Non-disclosure agreement">
        <p className="mt-2 text-sm text-slate-600">
          Shown on every request form for a gated document; the visitor ticks “I accept”. Each text you save is kept as a new version, and
          each request records the SHA-256 of the exact text accepted.
          {nda ? (
            <>
              {' '}
              Version {nda.number} · SHA-256 <code title={nda.sha256}>{nda.sha256.slice(0, 12)}</code>
            </>
          ) : (
            <>
              <strong> Until you save one, gated documents cannot be requested.</strong> The text below is Candor’s starter agreement, not
              legal advice: read it, change what does not fit, and save it.
            </>
          )}
        </p>
        <Form method="post" className="mt-3 grid max-w-2xl gap-3" noValidate>
          <input type="hidden" name="intent" value="nda" />
          <Field label="Agreement text" name="text" multiline value={failed('nda') ? sent.text : (nda?.text ?? starterNda ?? '')} error={errorsFor('nda').text} />
          <div>
            <button type="submit" className={secondary}>
              Save the agreement
            </button>
          </div>
        </Form>
      </PageSection>

      <PageSection className="max-w-4xl" id="settings" title="Approval and links">
        <Form method="post" className="mt-3 grid max-w-xl gap-3" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <Field
            label="Domains approved at once"
            name="autoApproveDomains"
            multiline
            hint="One per line, e.g. your customers' domains. The link goes to the address given, so only someone who reads that mailbox can use it. Personal providers such as gmail.com are refused."
            value={failed('settings') ? sent.autoApproveDomains : settings.autoApproveDomains}
            error={errorsFor('settings').autoApproveDomains}
          />
          <Field
            label="Access links work for (days)"
            name="linkDays"
            inputMode="numeric"
            value={failed('settings') ? sent.linkDays : settings.linkDays}
            error={errorsFor('settings').linkDays}
          />
          <div>
            <button type="submit" className={secondary}>
              Save
            </button>
          </div>
        </Form>
      </PageSection>
    </>
  )
}
