// The public list of sub-processor changes as an Atom feed (RFC 4287), for feed readers and for
// customers who watch the list automatically. Pure: the caller gives absolute URLs and times.
import { type DescribedChange, changeSummary, changeTitle } from './subprocessor-text'

export type FeedChange = DescribedChange & {
  id: string
  state: 'announced' | 'applied' | 'cancelled'
  announcedAt: Date | null
  appliedAt: Date | null
  cancelledAt: Date | null
}

export type FeedInput = {
  workspaceName: string
  /** The feed's own address (rel="self"). */
  feedUrl: string
  /** The public changelog page (rel="alternate"), also the feed's permanent id. */
  changesUrl: string
  changes: readonly FeedChange[]
  /** The feed's <updated> when it has no entries (e.g. when the workspace was created). */
  emptyUpdated: Date
}

// XML 1.0 allows tab, LF and CR but no other control character, even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Text or attribute content, escaped; characters XML cannot carry are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** RFC 3339 in UTC, to the second (Atom's date construct). */
export function atomDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

const STATE_NOTE: Record<FeedChange['state'], (change: FeedChange) => string> = {
  announced: () => 'Announced; not yet in effect.',
  applied: () => 'In effect.',
  cancelled: () => 'Withdrawn: this change will not happen.',
}

/** When an entry last changed: announced, then applied or withdrawn. */
export function entryUpdated(change: FeedChange): Date {
  const times = [change.announcedAt, change.appliedAt, change.cancelledAt].filter((t): t is Date => t !== null)
  if (times.length === 0) throw new Error(`change ${change.id} was never made public`)
  return new Date(Math.max(...times.map((t) => t.getTime())))
}

function entryPublished(change: FeedChange): Date {
  return change.announcedAt ?? change.appliedAt ?? entryUpdated(change)
}

export function atomFeed(input: FeedInput): string {
  const entries = [...input.changes].sort((a, b) => entryUpdated(b).getTime() - entryUpdated(a).getTime())
  const updated = entries.length > 0 ? entryUpdated(entries[0]!) : input.emptyUpdated
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(input.changesUrl)}</id>`,
    `  <title>${escapeXml(`${input.workspaceName}: sub-processor changes`)}</title>`,
    `  <subtitle>${escapeXml(`Additions, removals and changes of the companies that process personal data for ${input.workspaceName}.`)}</subtitle>`,
    `  <updated>${atomDate(updated)}</updated>`,
    `  <author><name>${escapeXml(input.workspaceName)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(input.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(input.changesUrl)}"/>`,
    '  <generator>Candor</generator>',
  ]
  for (const change of entries) {
    const title = change.state === 'cancelled' ? `Withdrawn — ${changeTitle(change)}` : changeTitle(change)
    const content = [...changeSummary(change), STATE_NOTE[change.state](change)].join('\n')
    lines.push(
      '  <entry>',
      `    <id>urn:uuid:${escapeXml(change.id)}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <updated>${atomDate(entryUpdated(change))}</updated>`,
      `    <published>${atomDate(entryPublished(change))}</published>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(`${input.changesUrl}#change-${change.id}`)}"/>`,
      `    <category term="${change.kind}" label="${escapeXml(change.kind === 'add' ? 'addition' : change.kind === 'remove' ? 'removal' : 'change')}"/>`,
      `    <content type="text">${escapeXml(content)}</content>`,
      '  </entry>',
    )
  }
  lines.push('</feed>', '')
  return lines.join('\n')
}
