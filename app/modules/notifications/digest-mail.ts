// The weekly digest as an e-mail, text and HTML, from its sections (digest-sections.ts). Pure.
// It holds counts, references and dates only, never a data subject's name, address or words.
// Every digest says how to stop it: the one-click link, and the preferences page.
import type { DigestSection } from './digest-sections'
import { readerDay } from './digest-sections'

export type DigestMailInput = {
  workspaceName: string
  sections: DigestSection[]
  now: Date
  timeZone: string
  unsubscribeUrl: string
  preferencesUrl: string
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** "Monday 4 January 2027, 08:00 (Europe/Berlin)". */
function asOf(now: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    timeFormats.set(timeZone, format)
  }
  return `${readerDay(now, timeZone)}, ${format.format(now)} (${timeZone})`
}

export function digestMail(input: DigestMailInput): { subject: string; text: string; html: string } {
  const when = asOf(input.now, input.timeZone)
  const intro = `${input.workspaceName} as it stands on ${when}.`
  const stop = [
    `To stop these digests from ${input.workspaceName}, open ${input.unsubscribeUrl} and press the button.`,
    `Choose which e-mails you get from each workspace: ${input.preferencesUrl}`,
  ]
  const text = [
    intro,
    ...input.sections.flatMap((section) => [
      '',
      section.heading,
      ...section.lines.map((line) => (line.startsWith('  ') ? `  - ${line.trimStart()}` : `- ${line}`)),
      ...(section.link ? [`${section.link.label}: ${section.link.url}`] : []),
    ]),
    '',
    ...stop,
  ].join('\n')

  const list = (lines: string[]) => {
    const items: string[] = []
    for (const line of lines) {
      if (line.startsWith('  ') && items.length > 0) {
        // A sub-item: listed under the line before it.
        const last = items.pop()!
        const nested = last.endsWith('</ul></li>') ? last.slice(0, -'</ul></li>'.length) : `${last.slice(0, -'</li>'.length)}<ul>`
        items.push(`${nested}<li>${escapeHtml(line.trimStart())}</li></ul></li>`)
      } else {
        items.push(`<li>${escapeHtml(line)}</li>`)
      }
    }
    return `<ul>${items.join('')}</ul>`
  }
  const html = [
    '<!doctype html><html><body style="font-family: system-ui, sans-serif; color: #0f172a; line-height: 1.5">',
    `<p>${escapeHtml(intro)}</p>`,
    ...input.sections.map(
      (section) =>
        `<h2 style="font-size: 16px; margin: 20px 0 4px">${escapeHtml(section.heading)}</h2>${list(section.lines)}` +
        (section.link ? `<p><a href="${escapeHtml(section.link.url)}">${escapeHtml(section.link.label)}</a></p>` : ''),
    ),
    `<p style="color: #475569; font-size: 13px; margin-top: 24px">To stop these digests from ${escapeHtml(input.workspaceName)}, ` +
      `<a href="${escapeHtml(input.unsubscribeUrl)}">unsubscribe</a>. ` +
      `Choose which e-mails you get from each workspace on <a href="${escapeHtml(input.preferencesUrl)}">your notification settings</a>.</p>`,
    '</body></html>',
  ].join('')

  return { subject: `${input.workspaceName}: your weekly digest`, text, html }
}
