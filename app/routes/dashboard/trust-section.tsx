// /w/:slug/trust/:section — one section of the trust page's draft, edited beside a live preview
// (app/components/trust/section-editor.tsx); saving writes the draft, never the public page.
import { data } from 'react-router'
import { SectionEditor } from '~/components/trust/section-editor'
import { requireMember } from '~/modules/auth/member.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { sectionIdOf } from '~/modules/trust/editor-sections'
import { loadSectionEditor, sectionEditorAction } from '~/modules/trust/section-editor.server'
import type { Route } from './+types/trust-section'

export const meta: Route.MetaFunction = ({ data: page }) => [{ title: `${page?.label ?? 'Section'} — Trust page — Candor` }]

const NOT_FOUND = 'The trust page has no such section. Open the trust page to see its sections.'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const section = sectionIdOf(params.section)
  if (!section) throw data(NOT_FOUND, { status: 404 })
  return loadSectionEditor(member, section)
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const section = sectionIdOf(params.section)
  if (!section) throw data(NOT_FOUND, { status: 404 })
  return sectionEditorAction(member, section, await readForm(request), requestOrigin(request, context))
}

export default function TrustSectionPage({ loaderData, actionData }: Route.ComponentProps) {
  return <SectionEditor data={loaderData} answer={actionData} />
}
