// The trust editor's publish step: what the page will say if published now (the checklist from
// publish-checklist.ts), what the last publish changed, and the publish form, which asks for a
// confirmation when there are warnings. It publishes the saved draft: the sections are edited on
// their own pages, whose guard keeps unsaved edits from being left behind unnoticed (decision 038).
import { Form } from 'react-router'
import type { ChecklistItem } from '~/modules/trust/publish-checklist'

export type PublishPanelProps = {
  previewHref: string
  canPublish: boolean
  latest: { number: number; publishedAt: string; publishedBy: string | null } | null
  shown: string[]
  items: ChecklistItem[]
  token: string
  sameAsVersion: number | null
  lastPublish: { number: number; added: string[]; changed: string[]; removed: string[] } | null
}

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'
const shortTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

function LastPublish({ last }: { last: NonNullable<PublishPanelProps['lastPublish']> }) {
  const parts = [
    last.added.length ? `added ${last.added.join(', ')}` : '',
    last.changed.length ? `changed ${last.changed.join(', ')}` : '',
    last.removed.length ? `emptied ${last.removed.join(', ')}` : '',
  ].filter(Boolean)
  const what = last.number === 1 ? 'The first version' : `Version ${last.number}`
  return (
    <p className="mt-2 text-sm text-slate-700" data-testid="last-publish">
      {parts.length ? `${what} ${parts.join('; ')}.` : `${what} changed nothing in the sections.`}
    </p>
  )
}

function Item({ item }: { item: ChecklistItem }) {
  const warn = item.tone === 'warn'
  return (
    <li className={`flex gap-3 rounded px-3 py-2 text-sm ${warn ? 'bg-amber-50 text-amber-950' : 'text-slate-700'}`} data-checklist={item.id} data-tone={item.tone}>
      <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${warn ? 'bg-amber-500' : 'bg-slate-400'}`} />
      <span>
        <span className="sr-only">{warn ? 'Warning: ' : 'Note: '}</span>
        {item.text}
        {item.fix ? (
          <>
            {' '}
            <a href={item.fix.href} className="font-medium text-brand-700 underline underline-offset-2">
              {item.fix.label}
            </a>
          </>
        ) : null}
      </span>
    </li>
  )
}

/** What the publisher confirms: the warnings they read. */
const confirmation = (warnings: number) => `I have read the ${warnings === 1 ? 'warning' : 'warnings'} above and want to publish the page as it is.`

export function PublishPanel(props: PublishPanelProps) {
  const warnings = props.items.filter((item) => item.tone === 'warn').length
  const { latest } = props
  return (
    <section id="publish" aria-labelledby="publish-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="publish-heading" className="text-lg font-semibold">
        {latest ? `Published: version ${latest.number}` : 'Not published yet'}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {latest ? `Published ${shortTime(latest.publishedAt)}${latest.publishedBy ? ` by ${latest.publishedBy}` : ''}. ` : 'Visitors see a “not found” page until the first publish. '}
        {props.sameAsVersion !== null
          ? `Nothing changed since the published version (version ${props.sameAsVersion}).`
          : 'The draft has changes that are not published.'}
      </p>
      {props.lastPublish ? <LastPublish last={props.lastPublish} /> : null}

      <h3 className="mt-5 text-sm font-semibold text-ink">{props.sameAsVersion !== null ? 'What the published page says now' : 'If you publish now'}</h3>
      <p className="mt-1 text-sm text-slate-700" data-testid="shown-sections">
        The page shows: {props.shown.join(', ')}.
      </p>
      <ul className="mt-3 grid gap-1.5" aria-label="Pre-publish checklist">
        {props.items.map((item) => (
          <Item key={item.id} item={item} />
        ))}
      </ul>
      <p className="mt-3 text-xs text-slate-500">Publishing uses the saved draft: what each section’s page saved.</p>

      {props.canPublish ? (
        <Form method="post" className="mt-4 grid gap-4 border-t border-slate-100 pt-4">
          <input type="hidden" name="review" value={props.token} />
          {warnings > 0 ? (
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" name="confirm" value="yes" className="mt-1" />
              <span>{confirmation(warnings)}</span>
            </label>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="publish" className={primary}>
              Publish the draft
            </button>
            <a href={props.previewHref} className={secondary}>
              Preview the draft
            </a>
          </div>
        </Form>
      ) : (
        <p className="mt-4">
          <a href={props.previewHref} className={secondary}>
            Preview the draft
          </a>
        </p>
      )}
    </section>
  )
}
