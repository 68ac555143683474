// One section of the trust page's draft: its form beside a preview of the section as visitors
// would see it (below it on a phone), what happened to the last submission (saved to the draft,
// a list changed but not saved yet, or what needs a correction), the unsaved-changes guard, and
// the previous and next sections.
import { Form, Link, useNavigation } from 'react-router'
import { useEffect, useRef } from 'react'
import { FormAlert } from '~/components/auth-card'
import type { TrustPageView } from '~/components/trust-page'
import { useHydrated } from '~/components/use-hydrated'
import type { SectionId, TrustContent } from '~/modules/trust/content'
import { sectionValues } from '~/modules/trust/editor-form'
import type { SectionAnswer } from '~/modules/trust/section-editor.server'
import { LeaveGuard } from './leave-guard'
import { SectionFields } from './section-fields'
import { SectionPreview } from './section-preview'
import { useLiveSection } from './use-live-section'

export type SectionEditorData = {
  slug: string
  section: SectionId
  label: string
  hint: string
  canEdit: boolean
  draft: TrustContent
  preview: TrustPageView
  /** The saved draft's section as the preview frame shows it (section-preview-markup.tsx). */
  previewMarkup: string
  dpaOffered: boolean
  latestVersion: number | null
  sameAsPublished: boolean
  previous: { id: SectionId; label: string } | null
  next: { id: SectionId; label: string } | null
}

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'

/** What a save did, from the state now: saved to the draft, and whether visitors see it yet (they do not). */
function savedMessage(data: SectionEditorData): string {
  if (data.latestVersion === null) return 'Saved to the draft. Nothing is published yet: visitors see no trust page until you publish.'
  if (data.sameAsPublished) return `Saved to the draft, which is now the same as the published version ${data.latestVersion}: there is nothing to publish.`
  return `Saved to the draft, not published: visitors still see version ${data.latestVersion} until you publish.`
}

/** `label` inside a sentence: "data residency", but "FAQ". */
const inSentence = (label: string) => (/^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1))

function previewCaption(hydrated: boolean, canEdit: boolean, dirty: boolean, errors: Record<string, string> | null): string {
  if (!hydrated || !canEdit) return 'Preview of the saved draft.'
  if (errors && Object.keys(errors).length) return 'Some fields need a correction: the preview shows your last valid edits, not saved.'
  if (dirty) return 'Live preview of your edits: not saved yet.'
  return 'Preview of the saved draft. It follows your edits as you type.'
}

function EditorBody({ data, answer }: { data: SectionEditorData; answer: SectionAnswer | undefined }) {
  const { section, slug } = data
  const hydrated = useHydrated()
  const saved = data.draft[section]
  const echoed = answer?.values
  const { formRef, live, changed } = useLiveSection(section, saved, echoed !== undefined)
  const content = { ...data.draft, [section]: live.value } as TrustContent
  const errors = live.errors ?? answer?.errors ?? {}
  const base = `/w/${slug}/trust`

  // Shown again after a refused save: read the form at once, so the preview and guard know what it holds.
  useEffect(() => {
    if (echoed) changed()
  }, [])
  // The form is drawn afresh after a save, the Save button with it: the focus goes to what the save did.
  const savedNote = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (answer?.saved && hydrated) savedNote.current?.focus()
  }, [hydrated])

  return (
    <>
      <FormAlert message={answer?.error} />
      {answer?.notice ? (
        <p role="status" className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {answer.notice}
        </p>
      ) : null}
      {answer?.saved && !live.dirty ? (
        <p ref={savedNote} tabIndex={-1} role="status" className="mt-4 rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="saved">
          {savedMessage(data)}{' '}
          <Link to={`${base}#publish`} className="font-medium underline underline-offset-2">
            Review and publish
          </Link>
        </p>
      ) : null}
      <div className="mt-6 grid gap-8 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Form method="post" noValidate ref={formRef} onInput={changed} onChange={changed} data-trust-section={section} aria-label={`${data.label}: edit the draft`} className="min-w-0">
          <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white/95 px-1 py-3">
            <p className="text-sm text-slate-600" data-testid="form-state">
              {hydrated && live.dirty ? <span className="badge badge-warn">Unsaved changes</span> : data.canEdit ? 'Saved sections go to the draft; publishing is a separate step.' : 'Your role can read the draft but not change it.'}
            </p>
            {data.canEdit ? (
              <button type="submit" name="intent" value="save" className={primary}>
                Save {inSentence(data.label)}
              </button>
            ) : null}
          </div>
          <fieldset disabled={!data.canEdit} className="mt-4 grid gap-4">
            <legend className="sr-only">{data.label}</legend>
            <SectionFields section={section} values={echoed ?? sectionValues(section, saved)} errors={errors} focus={answer?.focus ?? null} onListChange={changed} readOnly={!data.canEdit} />
          </fieldset>
        </Form>
        <div className="xl:sticky xl:top-4 xl:self-start">
          <SectionPreview
            section={section}
            label={data.label}
            view={data.preview}
            content={content}
            dpaOffered={data.dpaOffered}
            savedMarkup={data.previewMarkup}
            edited={live.dirty}
            caption={previewCaption(hydrated, data.canEdit, live.dirty, live.errors)}
          />
        </div>
      </div>
      <LeaveGuard when={live.dirty} what={inSentence(data.label)} />
    </>
  )
}

export function SectionEditor({ data, answer }: { data: SectionEditorData; answer: SectionAnswer | undefined }) {
  const base = `/w/${data.slug}/trust`
  // An answer arrives before the loaders have read the saved draft again: it is shown once both are in.
  const settled = useRef(answer)
  if (useNavigation().state === 'idle') settled.current = answer
  const shown = settled.current
  return (
    <div className="min-w-0">
      <p className="text-sm">
        <Link to={base} className="text-brand-700 underline underline-offset-2">
          Trust page
        </Link>{' '}
        <span aria-hidden="true" className="text-slate-400">/</span> <span className="text-slate-600">{data.label}</span>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{data.label}</h1>
      <p className="mt-1 text-slate-600">{data.hint}</p>
      {/* A new answer or a saved draft shows the form afresh, its guard and preview with it. */}
      <EditorBody key={`${data.section}:${shown?.answeredAt ?? 0}`} data={data} answer={shown} />
      <nav aria-label="Other sections" className="mt-10 flex flex-wrap justify-between gap-4 border-t border-slate-200 pt-4 text-sm">
        {data.previous ? (
          <Link to={`${base}/${data.previous.id}`} className="font-medium text-brand-700 underline underline-offset-2">
            <span aria-hidden="true">← </span>Previous: {data.previous.label}
          </Link>
        ) : (
          <span />
        )}
        {data.next ? (
          <Link to={`${base}/${data.next.id}`} className="font-medium text-brand-700 underline underline-offset-2">
            Next: {data.next.label}
            <span aria-hidden="true"> →</span>
          </Link>
        ) : null}
      </nav>
    </div>
  )
}
