// The trust editor's section page behind /w/:slug/trust/:section: what it shows (the saved
// draft, the page as visitors would see it for the preview, where the section stands against
// the published version) and what its form does (save the section to the draft, or, without
// JavaScript, add, remove or move a list's item in the submitted rows without saving).
import { data } from 'react-router'
import { previewMarkup } from '~/components/trust/section-preview-markup'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { type Member, requirePermission } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import { SECTIONS, type SectionId } from './content'
import { LIST_ITEMS, listOpOnForm, readSectionForm, sectionList } from './editor-form'
import { neighbours } from './editor-sections'
import { loadPublicPage, trustPageView } from './public-page.server'
import { actingOf, loadEditor, saveDraftSection } from './trust-page.server'

const linkTo = (id: SectionId | null) => (id ? { id, label: SECTIONS[id].label } : null)

export async function loadSectionEditor(member: Member, section: SectionId) {
  const state = await loadEditor(actingOf(member))
  const page = await withTenant(member.tenant, (tx) => loadPublicPage(tx, member.workspace, state.draft))
  // The preview needs the page's own parts only: no documents, no platform incidents, no stylesheet (the dashboard's has the blocks).
  const { view } = trustPageView(member.workspace, { ...page!, documents: [], platformIncidents: [] }, { now: new Date(), preview: true })
  const preview = { ...view, stylesheet: '' }
  const { previous, next } = neighbours(section)
  return {
    slug: member.workspace.slug,
    section,
    label: SECTIONS[section].label,
    hint: SECTIONS[section].hint,
    canEdit: can(member.role, 'trust.edit'),
    draft: state.draft,
    preview,
    previewMarkup: previewMarkup(section, preview, state.draft, page!.dpaOffered),
    dpaOffered: page!.dpaOffered,
    latestVersion: state.versions[0]?.number ?? null,
    sameAsPublished: !state.unpublished,
    previous: linkTo(previous),
    next: linkTo(next),
  }
}

export type SectionAnswer = {
  /** Why nothing happened, for the whole form. */
  error?: string
  errors?: Record<string, string>
  /** The form's values to show again (keyed without the section's id). */
  values?: Record<string, string>
  /** Without JavaScript, after a list button: what is not saved yet. */
  notice?: string
  /** The field to focus after a list button. */
  focus?: string | null
  saved?: true
  /** A new value each answer, so the form is shown again even when an answer repeats. */
  answeredAt: number
}

const answer = (body: Omit<SectionAnswer, 'answeredAt'>, status = 200) => data<SectionAnswer>({ ...body, answeredAt: Date.now() }, { status })

function notSavedNotice(op: string, item: string): string {
  if (op === 'add') return `Not saved yet: fill in the new ${item} and press Save to keep it.`
  if (op.startsWith('remove:')) return `Not saved yet: press Save to keep ${item} ${Number(op.slice(7)) + 1} removed.`
  return 'Not saved yet: press Save to keep this order.'
}

export async function sectionEditorAction(member: Member, section: SectionId, form: FormData, origin: RequestOrigin) {
  requirePermission(member.role, 'trust.edit')
  const op = form.get('op')
  if (op !== null) {
    const list = sectionList(section)
    const item = list ? LIST_ITEMS[list.list] : 'item'
    const result = listOpOnForm(section, form, op, item)
    if (!result.ok) return answer({ error: result.message, errors: {}, values: result.values }, 400)
    return answer({ values: result.values, errors: {}, notice: notSavedNotice(String(op), item), focus: result.focus })
  }
  if (form.get('intent') !== 'save') return answer({ error: 'Choose what to do: save the section, or change its list.' }, 400)
  const read = readSectionForm(section, form)
  if (!read.ok) return answer({ error: `${SECTIONS[section].label}: some fields need a correction. Nothing was saved.`, errors: read.errors, values: read.values }, 400)
  await saveDraftSection(actingOf(member), section, read.value, origin)
  return answer({ saved: true })
}

