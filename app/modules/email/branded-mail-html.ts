// The HTML part of an e-mail sent on a workspace's behalf to a requester or a trust-page
// visitor: its logo (or name) on top, then the plain text's own words, paragraph by paragraph,
// with Candor's own links in the workspace's accent colour; a paragraph that is one such link
// becomes a button. Any other address (one a visitor typed into a name, say) stays plain text, so
// the workspace's brand never dresses up a link Candor did not write. The plain-text part stays
// as it was written: this is made from it, adds no claim.
import { CANDOR_ACCENT } from '~/modules/branding/accent-colour'

export type MailBrand = {
  name: string
  /** Absolute URL of the logo, with its size; null: the name in text. */
  logo: { url: string; width: number; height: number } | null
  accentColour: string | null
  /** Candor's own origin: only its addresses become links or buttons. */
  linkOrigin: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g

/** Whether `url` is an address of Candor's own (`origin` followed by a path, query or nothing). */
const isOwn = (url: string, origin: string) => url === origin || (url.startsWith(origin) && ['/', '?', '#'].includes(url.charAt(origin.length)))

function linked(line: string, accent: string, origin: string): string {
  let html = ''
  let last = 0
  for (const match of line.matchAll(URL_PATTERN)) {
    if (!isOwn(match[0], origin)) continue
    html += escapeHtml(line.slice(last, match.index))
    const url = escapeHtml(match[0])
    html += `<a href="${url}" style="color:${accent};text-decoration:underline">${url}</a>`
    last = match.index + match[0].length
  }
  return html + escapeHtml(line.slice(last))
}

function button(url: string, accent: string): string {
  const href = escapeHtml(url)
  return (
    `<p style="margin:0 0 16px"><a href="${href}" style="display:inline-block;background:${accent};color:#ffffff;` +
    `text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px">Open the link</a></p>` +
    `<p style="margin:0 0 16px;font-size:13px;color:#475569">Or copy this address: <a href="${href}" style="color:${accent};word-break:break-all">${href}</a></p>`
  )
}

/** The HTML part for `text`, in `brand`'s logo and colour (Candor's colour when it has none). */
export function brandedMailHtml(text: string, subject: string, brand: MailBrand): string {
  const accent = brand.accentColour ?? CANDOR_ACCENT
  const name = escapeHtml(brand.name)
  const header = brand.logo
    ? `<img src="${escapeHtml(brand.logo.url)}" alt="${name}" width="${brand.logo.width}" height="${brand.logo.height}" style="display:block;height:40px;width:auto;max-width:200px;border:0">`
    : `<span style="font-size:18px;font-weight:600;color:#14213d">${name}</span>`
  const body = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) =>
      /^https?:\/\/\S+$/.test(paragraph) && isOwn(paragraph, brand.linkOrigin)
        ? button(paragraph, accent)
        : `<p style="margin:0 0 16px">${paragraph.split('\n').map((line) => linked(line, accent, brand.linkOrigin)).join('<br>')}</p>`,
    )
    .join('')
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f8fafc;font-family:-apple-system,'Segoe UI',Roboto,sans-serif;color:#334155;font-size:15px;line-height:1.55">` +
    `<div style="max-width:600px;margin:0 auto;padding:24px 16px">` +
    `<div style="padding:0 0 16px;border-bottom:3px solid ${accent}">${header}</div>` +
    `<div style="background:#ffffff;padding:24px;border:1px solid #e2e8f0;border-top:0">${body}</div>` +
    `<p style="margin:16px 0 0;font-size:12px;color:#64748b">Sent by Candor on behalf of ${name}.</p>` +
    `</div></body></html>`
  )
}
