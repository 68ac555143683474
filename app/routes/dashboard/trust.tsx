// /w/:slug/trust — the trust page in the dashboard: the publish step (owners and admins), every
// section with its state and a link to edit it on its own page (trust/:section), the live checks
// with where each is fixed, and the published versions to compare.
import { data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { EditorSectionList } from '~/components/trust/editor-section-list'
import { LiveChecksList } from '~/components/trust/live-checks-list'
import { PublishPanel } from '~/components/trust/publish-panel'
import { VersionsTable } from '~/components/trust/versions-table'
import { requireMember, requirePermission } from '~/modules/auth/member.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { loadTrustOverview } from '~/modules/trust/editor-overview.server'
import { publishInput } from '~/modules/trust/publish-form'
import { TrustPageError, actingOf, publishDraft } from '~/modules/trust/trust-page.server'
import type { Route } from './+types/trust'

export const meta: Route.MetaFunction = () => [{ title: 'Trust page — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return loadTrustOverview(await requireMember({ request, params, context }, 'workspace.view'))
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const form = await readForm(request)
  if (form.get('intent') !== 'publish') return data({ error: 'Choose what to do: publish the draft.' }, { status: 400 })
  requirePermission(member.role, 'trust.publish')
  const parsed = publishInput.safeParse(Object.fromEntries(form))
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message }, { status: 400 })
  const { review, confirm } = parsed.data
  try {
    await publishDraft(actingOf(member), requestOrigin(request, context), { review: { workspace: member.workspace, token: review, confirmed: confirm === 'yes' } })
  } catch (error) {
    if (error instanceof TrustPageError) return data({ error: error.message }, { status: 409 })
    throw error
  }
  return redirect(`/w/${params.slug}/trust#publish`)
}

export default function TrustEditor({ loaderData, actionData }: Route.ComponentProps) {
  const { slug, canEdit, canPublish, publish, sections, latestVersion, checks, versions } = loaderData
  const base = `/w/${slug}/trust`
  return (
    <div className="min-w-0 max-w-4xl">
      <h1 className="text-2xl font-semibold">Trust page</h1>
      <p className="mt-1 text-slate-600">
        What visitors read at{' '}
        <a href={`/t/${slug}`} className="text-brand-700 underline">
          /t/{slug}
        </a>
        . Edit the draft section by section; nothing changes for visitors until you publish.
      </p>
      <FormAlert message={actionData?.error} />
      <PublishPanel previewHref={`${base}/preview`} canPublish={canPublish} {...publish} />
      <EditorSectionList base={base} sections={sections} latestVersion={latestVersion} canEdit={canEdit} />
      <LiveChecksList checks={checks} />
      <VersionsTable base={base} versions={versions} />
    </div>
  )
}
