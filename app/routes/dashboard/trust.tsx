// /w/:slug/trust — the workspace's trust page in the dashboard: every section edited as a
// draft (one plain form each, no JavaScript needed), a preview, publishing (owners and admins),
// the live checks as visitors see them, and the published versions to compare.
import { Form, data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { Field, SelectField } from '~/components/field'
import { type Member, requireMember, requirePermission } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { CHECKS, CHECK_IDS, STATE_LABELS, checkState } from '~/modules/trust/checks'
import {
  CERTIFICATION_STATUSES,
  CONTROL_GROUPS,
  SECTIONS,
  SECTION_IDS,
  type SectionId,
  type TrustContent,
} from '~/modules/trust/content'
import { LIST_FIELDS, formRows, readSectionForm, submittedRowCount } from '~/modules/trust/editor-form'
import { publishInput, unsavedRefusal } from '~/modules/trust/publish-form'
import { TrustPageError, loadEditor, loadPublishState, publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { PublishPanel } from '~/components/trust/publish-panel'
import type { Route } from './+types/trust'

export const meta: Route.MetaFunction = () => [{ title: 'Trust page — Candor' }]

const acting = (member: Member) => ({ tenant: member.tenant, userId: member.user.id, workspaceName: member.workspace.name })

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const state = await loadEditor(acting(member))
  const publish = await loadPublishState(acting(member), member.workspace)
  const now = new Date()
  return {
    publish: {
      shown: publish.review.checklist.shown,
      items: publish.review.checklist.items,
      token: publish.review.token,
      sameAsVersion: publish.sameAsVersion,
      lastPublish: publish.lastPublish,
    },
    slug: member.workspace.slug,
    canEdit: can(member.role, 'trust.edit'),
    canPublish: can(member.role, 'trust.publish'),
    draft: state.draft,
    draftUpdatedAt: state.draftUpdatedAt?.toISOString() ?? null,
    versions: state.versions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
    checks: CHECK_IDS.map((id) => {
      const row = state.checks.find((c) => c.check === id)
      return {
        id,
        label: CHECKS[id].label,
        state: checkState(row, now),
        summary: row?.summary ?? CHECKS[id].explains,
        checkedAt: row?.checkedAt.toISOString() ?? null,
      }
    }),
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const form = await readForm(request)
  const intent = form.get('intent')
  const origin = requestOrigin(request, context)
  if (intent === 'publish') {
    requirePermission(member.role, 'trust.publish')
    const refused = (error: string, status: number) => data({ section: null, error, errors: {}, values: {} }, { status })
    const parsed = publishInput.safeParse(Object.fromEntries(form))
    if (!parsed.success) return refused(parsed.error.issues[0]!.message, 400)
    const { review, confirm, unsaved } = parsed.data
    if (unsaved.length > 0 && !confirm) return refused(unsavedRefusal(unsaved), 409)
    try {
      await publishDraft(acting(member), origin, { review: { workspace: member.workspace, token: review, confirmed: confirm === 'yes' } })
    } catch (error) {
      if (error instanceof TrustPageError) return refused(error.message, 409)
      throw error
    }
    return redirect(`/w/${params.slug}/trust#publish`)
  }
  if (intent !== 'save') return data({ section: null, error: 'Choose what to change.', errors: {}, values: {} }, { status: 400 })
  requirePermission(member.role, 'trust.edit')
  const section = String(form.get('section') ?? '') as SectionId
  if (!SECTION_IDS.includes(section)) {
    return data({ section: null, error: 'Choose a section of the page to save.', errors: {}, values: {} }, { status: 400 })
  }
  const read = readSectionForm(section, form)
  if (!read.ok) {
    return data({ section, error: `${SECTIONS[section].label}: some fields need a correction.`, errors: read.errors, values: read.values }, { status: 400 })
  }
  await saveDraftSection(acting(member), section, read.value, origin)
  return redirect(`/w/${params.slug}/trust#${section}`)
}

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'

const PILL = {
  passing: 'bg-emerald-50 text-emerald-800',
  failing: 'bg-red-50 text-red-800',
  stale: 'bg-amber-50 text-amber-900',
  unverified: 'bg-slate-100 text-slate-700',
} as const

const shortTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

type Feedback = { errors: Record<string, string>; values: Record<string, string> } | null

/** What a field shows: what was just sent if its form failed, else the draft's value. */
function pick(feedback: Feedback, name: string, stored: string): string {
  return feedback ? (feedback.values[name] ?? '') : stored
}

const LIST_LABELS: Record<string, { item: string; fields: Record<string, { label: string; multiline?: boolean; hint?: string }> }> = {
  highlights: {
    item: 'Highlight',
    fields: {
      title: { label: 'Title' },
      body: { label: 'Text (Markdown)', multiline: true },
      check: { label: 'Backed by a live check' },
    },
  },
  controls: {
    item: 'Control',
    fields: {
      group: { label: 'Group' },
      title: { label: 'Control' },
      description: { label: 'Description (Markdown)', multiline: true },
    },
  },
  certifications: {
    item: 'Certification',
    fields: {
      name: { label: 'Name', hint: 'e.g. SOC 2 Type II, ISO/IEC 27001' },
      status: { label: 'Status' },
      date: { label: 'Date', hint: 'Achieved: since when. Otherwise: when expected. YYYY-MM-DD, or empty.' },
      note: { label: 'Note (Markdown)', multiline: true },
    },
  },
  faq: {
    item: 'Question',
    fields: {
      question: { label: 'Question' },
      answer: { label: 'Answer (Markdown)', multiline: true },
    },
  },
  locations: {
    item: 'Location',
    fields: {
      label: { label: 'What is kept there', hint: 'e.g. Primary database' },
      place: { label: 'Where', hint: 'e.g. Frankfurt, Germany (EU)' },
    },
  },
}

const CHOICES: Record<string, { value: string; label: string }[]> = {
  check: [{ value: '', label: 'No check' }, ...CHECK_IDS.map((id) => ({ value: id, label: CHECKS[id].label }))],
  group: Object.entries(CONTROL_GROUPS).map(([value, label]) => ({ value, label })),
  status: Object.entries(CERTIFICATION_STATUSES).map(([value, label]) => ({ value, label })),
}

function ListRows(props: { scope: string; list: string; items: Record<string, string>[]; feedback: Feedback; prefix?: string; disabled: boolean }) {
  const { scope, list, feedback, prefix = '' } = props
  const fields = LIST_FIELDS[list as keyof typeof LIST_FIELDS]
  const labels = LIST_LABELS[list]!
  const sentRows = feedback ? submittedRowCount(feedback.values[`${prefix}rows`]) : 0
  const rows = feedback
    ? Array.from({ length: sentRows }, (_, row) => Object.fromEntries(fields.map((f) => [f, feedback.values[`${prefix}${f}.${row}`] ?? ''])))
    : formRows(props.items, fields)
  return (
    <>
      <input type="hidden" name={`${scope}${prefix}rows`} value={rows.length} />
      <div className="grid gap-4">
        {rows.map((row, i) => {
          const isNew = !feedback && i >= props.items.length
          return (
            <fieldset key={i} className="grid gap-3 rounded border border-slate-200 bg-slate-50/50 p-4" disabled={props.disabled}>
              <legend className="px-1 text-sm font-medium">
                {isNew ? `New ${labels.item.toLowerCase()}` : `${labels.item} ${i + 1}`}
              </legend>
              {fields.map((field) => {
                const key = `${prefix}${field}.${i}`
                const name = `${scope}${key}`
                const spec = labels.fields[field]!
                const error = feedback?.errors[key]
                return CHOICES[field] ? (
                  <SelectField key={field} label={spec.label} name={name} value={row[field] ?? ''} error={error} options={CHOICES[field]} />
                ) : (
                  <Field key={field} label={spec.label} name={name} hint={spec.hint} multiline={spec.multiline} value={row[field] ?? ''} error={error} />
                )
              })}
              {!isNew ? (
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" name={`${scope}${prefix}remove.${i}`} /> Remove this {labels.item.toLowerCase()}
                </label>
              ) : null}
            </fieldset>
          )
        })}
      </div>
    </>
  )
}

function SectionFields({ section, draft, feedback, disabled }: { section: SectionId; draft: TrustContent; feedback: Feedback; disabled: boolean }) {
  const error = (name: string) => feedback?.errors[name]
  // Names carry the section ("overview.headline"), so every id on the page is unique.
  const scope = `${section}.`
  switch (section) {
    case 'overview':
      return (
        <>
          <Field label="Headline" name={`${scope}headline`} value={pick(feedback, 'headline', draft.overview.headline)} error={error('headline')} />
          <Field label="Summary (Markdown)" name={`${scope}summary`} multiline value={pick(feedback, 'summary', draft.overview.summary)} error={error('summary')} />
        </>
      )
    case 'residency':
      return (
        <>
          <Field label="Where data lives (Markdown)" name={`${scope}summary`} multiline value={pick(feedback, 'summary', draft.residency.summary)} error={error('summary')} />
          <ListRows scope={scope} list="locations" prefix="locations." items={draft.residency.locations} feedback={feedback} disabled={disabled} />
        </>
      )
    case 'highlights':
    case 'controls':
    case 'certifications':
    case 'faq':
      return <ListRows scope={scope} list={section} items={draft[section] as Record<string, string>[]} feedback={feedback} disabled={disabled} />
    case 'rights':
    case 'disclosure':
      return <Field label="Text (Markdown)" name={`${scope}text`} multiline value={pick(feedback, 'text', draft[section].text)} error={error('text')} />
    case 'contact':
      return (
        <>
          <Field label="Security contact e-mail" name={`${scope}email`} type="email" value={pick(feedback, 'email', draft.contact.email)} error={error('email')} />
          <Field label="Text (Markdown)" name={`${scope}text`} multiline value={pick(feedback, 'text', draft.contact.text)} error={error('text')} />
        </>
      )
    case 'lastReviewed':
      return (
        <Field
          label="Last reviewed on"
          name={`${scope}lastReviewed`}
          hint="YYYY-MM-DD, e.g. 2026-11-01."
          value={pick(feedback, 'lastReviewed', draft.lastReviewed)}
          error={error('lastReviewed')}
        />
      )
  }
}

export default function TrustEditor({ loaderData, actionData }: Route.ComponentProps) {
  const { slug, canEdit, canPublish, draft, versions, checks, publish } = loaderData
  const latest = versions[0]
  const base = `/w/${slug}/trust`
  return (
    <div className="lg:grid lg:grid-cols-[12rem_1fr] lg:gap-10">
      <nav aria-label="Trust page sections" className="hidden lg:block">
        <ul className="sticky top-4 grid gap-1 text-sm">
          <li>
            <a href="#publish" className="text-slate-600 hover:text-ink">Publish</a>
          </li>
          {SECTION_IDS.map((section) => (
            <li key={section}>
              <a href={`#${section}`} className="text-slate-600 hover:text-ink">{SECTIONS[section].label}</a>
            </li>
          ))}
          <li>
            <a href="#checks" className="text-slate-600 hover:text-ink">Live checks</a>
          </li>
          <li>
            <a href="#versions" className="text-slate-600 hover:text-ink">Versions</a>
          </li>
        </ul>
      </nav>
      <div className="min-w-0 max-w-3xl">
        <h1 className="text-2xl font-semibold">Trust page</h1>
        <p className="mt-1 text-slate-600">
          What visitors read at{' '}
          <a href={`/t/${slug}`} className="text-brand-700 underline">
            /t/{slug}
          </a>
          . Edit the draft section by section; nothing changes for visitors until you publish.
        </p>
        <FormAlert message={actionData?.error} />

        <PublishPanel
          previewHref={`${base}/preview`}
          canPublish={canPublish}
          latest={latest ? { number: latest.number, publishedAt: latest.publishedAt, publishedBy: latest.publishedBy } : null}
          {...publish}
        />

        {SECTION_IDS.map((section) => {
          const feedback = actionData?.section === section ? { errors: actionData.errors, values: actionData.values } : null
          return (
            <section key={section} id={section} aria-labelledby={`${section}-heading`} className="mt-10">
              <h2 id={`${section}-heading`} className="text-lg font-semibold">
                {SECTIONS[section].label}
              </h2>
              <p className="mt-1 text-sm text-slate-600">{SECTIONS[section].hint}</p>
              <Form method="post" className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate data-trust-section={section}>
                <input type="hidden" name="intent" value="save" />
                <input type="hidden" name="section" value={section} />
                <fieldset disabled={!canEdit} className="grid gap-4">
                  <SectionFields section={section} draft={draft} feedback={feedback} disabled={!canEdit} />
                </fieldset>
                {canEdit ? (
                  <div>
                    <button type="submit" className={primary}>
                      Save {SECTIONS[section].label.toLowerCase()}
                    </button>
                  </div>
                ) : null}
              </Form>
            </section>
          )
        })}

        <section id="checks" aria-labelledby="checks-heading" className="mt-10">
          <h2 id="checks-heading" className="text-lg font-semibold">
            Live checks
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Computed by Candor every hour and after each publish. Link a highlight to one and the public page shows its state; a
            failing check shows as failing, one not verified for 48 hours as not verified.
          </p>
          <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-200">
            {checks.map((check) => (
              <li key={check.id} className="flex items-start justify-between gap-4 p-4 text-sm">
                <div>
                  <p className="font-medium">{check.label}</p>
                  <p className="text-slate-600">{check.summary}</p>
                  <p className="text-xs text-slate-500">{check.checkedAt ? `Last verified ${shortTime(check.checkedAt)}` : 'Never verified yet'}</p>
                </div>
                <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${PILL[check.state]}`}>{STATE_LABELS[check.state]}</span>
              </li>
            ))}
          </ul>
        </section>

        <section id="versions" aria-labelledby="versions-heading" className="mt-10 mb-16">
          <h2 id="versions-heading" className="text-lg font-semibold">
            Published versions
          </h2>
          {versions.length ? (
            <>
              <table className="mt-4 w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Version</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Published</th>
                    <th scope="col" className="py-2 pr-4 font-medium">By</th>
                    <th scope="col" className="py-2 font-medium">SHA-256</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {versions.map((v) => (
                    <tr key={v.number}>
                      <td className="py-2 pr-4">{v.number}</td>
                      <td className="py-2 pr-4">{shortTime(v.publishedAt)}</td>
                      <td className="py-2 pr-4">{v.publishedBy ?? '—'}</td>
                      <td className="py-2 font-mono text-xs">{v.sha256.slice(0, 16)}…</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {versions.length > 1 ? (
                <Form method="get" action={`${base}/versions`} className="mt-4 flex flex-wrap items-end gap-3">
                  <div className="w-40">
                    <SelectField label="Compare version" name="from" value={String(versions[1]!.number)} options={versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }))} />
                  </div>
                  <div className="w-40">
                    <SelectField label="with version" name="to" value={String(versions[0]!.number)} options={versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }))} />
                  </div>
                  <button type="submit" className={secondary}>
                    Compare
                  </button>
                </Form>
              ) : null}
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-600">None yet.</p>
          )}
        </section>
      </div>
    </div>
  )
}
