// /w/:slug/documents/:documentId — one document of the trust page: its title, description and
// visibility; a new file in its place (the old one is deleted); or its removal (its file is
// deleted, its requests keep their evidence). Works without JavaScript.
import { Form, Link, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert, upgradeOf } from '~/components/auth-card'
import { FileField, VISIBILITY_OPTIONS } from '~/components/document-fields'
import { Field, SelectField } from '~/components/field'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { EntitlementRefused, refusalAlert } from '~/modules/billing/entitlements.server'
import { withTenant } from '~/modules/db/tenant.server'
import { requestOrigin } from '~/modules/http/request-info'
import { documentFieldsInput } from '~/modules/trust/document-forms'
import { formatBytes } from '~/modules/trust/document-types'
import { readDocumentForm } from '~/modules/trust/document-upload.server'
import {
  DocumentActionError,
  discardFile,
  documentExists,
  removeDocument,
  replaceDocumentFile,
  updateDocument,
} from '~/modules/trust/documents.server'
import { fieldErrors } from '~/modules/trust/subprocessor-forms'
import type { Route } from './+types/document'
import { isUuid } from '~/modules/formats/uuid'

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.document.title} — Documents — Candor` : 'Document — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'trust.documents')
  const document = isUuid(params.documentId)
    ? await withTenant(member.tenant, (tx) => tx.trustDocument.findFirst({ where: { id: params.documentId, removedAt: null } }))
    : null
  if (!document) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  return {
    back: `/w/${member.workspace.slug}/documents`,
    document: {
      title: document.title,
      description: document.description,
      visibility: document.visibility,
      fileName: document.fileName,
      size: formatBytes(Number(document.bytes)),
      sha256: document.sha256,
    },
  }
}

const intentForm = z.object({ intent: z.enum(['update', 'replace', 'remove'], 'Choose what to do.') })

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'trust.documents')
  // The target first: a file is read (and stored) only for a document that is there. One
  // removed in between is caught by replaceDocumentFile, which then deletes the new file.
  if (!(await documentExists(member, params.documentId))) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const { values, stored, fileError } = await readDocumentForm(request, member)
  const chosen = intentForm.safeParse(values)
  if (stored && !(chosen.success && chosen.data.intent === 'replace')) await discardFile(stored)
  // A file over the limit stops the parser before the rest of the form: only the replace form sends one.
  if (!chosen.success && fileError) return data({ intent: 'replace' as const, error: fileError, fieldErrors: { file: fileError } as Record<string, string>, values }, { status: 400 })
  if (!chosen.success) return data({ intent: undefined, error: 'Choose what to do.', fieldErrors: {} as Record<string, string>, values }, { status: 400 })
  const { intent } = chosen.data
  const refuse = (error: string, errors: Record<string, string> = {}, status = 400) => data({ intent, error, fieldErrors: errors, values }, { status })
  const origin = requestOrigin(request, context)
  const back = `/w/${params.slug}/documents`
  try {
    switch (intent) {
      case 'update': {
        const parsed = documentFieldsInput.safeParse(values)
        if (!parsed.success) return refuse('Some fields need a correction.', fieldErrors(parsed.error))
        await updateDocument(member, params.documentId, parsed.data, origin)
        return redirect(`${back}#documents`)
      }
      case 'replace': {
        if (!stored) return refuse(fileError ?? 'Choose the new file.', { file: fileError ?? 'Choose the new file.' })
        await replaceDocumentFile(member, params.documentId, stored, origin)
        return redirect(`${back}#documents`)
      }
      case 'remove':
        await removeDocument(member, params.documentId, origin)
        return redirect(`${back}#documents`)
    }
  } catch (error) {
    // Another workspace's document, or one removed meanwhile: nothing to say about it.
    if (error instanceof DocumentActionError) throw data(NOT_FOUND_MESSAGE, { status: 404 })
    if (error instanceof EntitlementRefused) return data({ intent, fieldErrors: {}, values, ...refusalAlert(error, member) }, { status: 403 })
    throw error
  }
}

const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'

export default function DocumentPage({ loaderData, actionData }: Route.ComponentProps) {
  const { document, back } = loaderData
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {}
  const sent = (actionData?.intent === 'update' ? actionData.values : {}) as Record<string, string>
  return (
    <>
      <p className="text-sm">
        <Link className="text-brand-700 underline" to={back}>
          Documents
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{document.title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {document.fileName} · {document.size} · SHA-256 <code className="break-all">{document.sha256}</code>
      </p>
      <FormAlert message={actionData?.error} upgrade={upgradeOf(actionData)} />

      <section aria-labelledby="details-heading" className="mt-8 max-w-xl">
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <Form method="post" className="mt-3 grid gap-3" noValidate>
          <input type="hidden" name="intent" value="update" />
          <Field label="Title" name="title" value={sent.title ?? document.title} error={errors.title} />
          <Field label="Description" name="description" multiline value={sent.description ?? document.description} error={errors.description} />
          <SelectField label="Visibility" name="visibility" options={VISIBILITY_OPTIONS} value={sent.visibility ?? document.visibility} error={errors.visibility} />
          <div>
            <button type="submit" className={secondary}>
              Save
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="replace-heading" className="mt-10 max-w-xl">
        <h2 id="replace-heading" className="text-lg font-semibold">
          Replace the file
        </h2>
        <Form method="post" encType="multipart/form-data" className="mt-3 grid gap-3">
          <input type="hidden" name="intent" value="replace" />
          <FileField label="New file" error={actionData?.intent === 'replace' ? errors.file : undefined} />
          <div>
            <button type="submit" className={secondary}>
              Replace the file
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="remove-heading" className="mt-10 max-w-xl">
        <h2 id="remove-heading" className="text-lg font-semibold">
          Remove
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          Takes it off the trust page and deletes the file. Links already sent stop working; requests keep their record.
        </p>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="rounded border border-red-300 px-4 py-2 font-medium text-red-800 hover:bg-red-50">
            Remove from the trust page
          </button>
        </Form>
      </section>
    </>
  )
}
