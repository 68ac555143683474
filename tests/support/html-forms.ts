// The POST forms of a server-rendered page, read from its HTML: where each one posts, its
// fields (with the value a person would send), and the submit buttons that carry an intent.
// Enough for Candor's own markup; the fuzz test fills and mutates them.

export type FormField = {
  name: string
  kind: 'hidden' | 'text' | 'email' | 'date' | 'number' | 'url' | 'checkbox' | 'radio' | 'select' | 'textarea' | 'file' | 'honeypot'
  value: string
}

export type HtmlForm = { action: string; multipart: boolean; fields: FormField[]; buttons: { name: string; value: string }[] }

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const match of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)) {
    found[match[1]!.toLowerCase()] = decode(match[2] ?? '')
  }
  return found
}

/** Every `<form method="post">` of `html`, its action resolved against `pageUrl`. */
export function postForms(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = []
  for (const [, open, body] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const form = attributes(open!)
    if ((form.method ?? 'get').toLowerCase() !== 'post') continue
    const action = new URL(form.action || pageUrl, pageUrl)
    const fields: FormField[] = []
    const buttons: HtmlForm['buttons'] = []
    for (const [tag, name] of body!.matchAll(/<(input|textarea|select|button)\b[^>]*>/g)) {
      const field = attributes(tag)
      if (!field.name) continue
      if (name === 'button') {
        buttons.push({ name: field.name, value: field.value ?? '' })
        continue
      }
      if (name === 'select') {
        const rest = body!.slice(body!.indexOf(tag))
        const options = [...rest.slice(0, rest.indexOf('</select>')).matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((m) => decode(m[1]!))
        fields.push({ name: field.name, kind: 'select', value: options.find((option) => option !== '') ?? '' })
        continue
      }
      const type = (field.type ?? 'text').toLowerCase()
      const honeypot = field.tabindex === '-1' && type !== 'hidden'
      const kind = honeypot ? 'honeypot' : name === 'textarea' ? 'textarea' : (kindOf(type) ?? 'text')
      if (kind === 'radio' && fields.some((f) => f.name === field.name)) continue
      fields.push({ name: field.name, kind, value: field.value ?? '' })
    }
    forms.push({ action: action.pathname + action.search, multipart: (form.enctype ?? '').includes('multipart'), fields, buttons })
  }
  return forms
}

function kindOf(type: string): FormField['kind'] | undefined {
  const kinds: Record<string, FormField['kind']> = {
    hidden: 'hidden',
    email: 'email',
    date: 'date',
    number: 'number',
    url: 'url',
    checkbox: 'checkbox',
    radio: 'radio',
    file: 'file',
  }
  return kinds[type]
}
