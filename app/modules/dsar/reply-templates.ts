// Reply templates: a workspace's stock answers to privacy requests, with {{variables}} filled
// in from the request. Pure, so the dashboard can render one and the settings page can check
// one before saving. A variable Candor does not know is left as written and reported, so a
// typo shows up in the message instead of vanishing from it.

export const TEMPLATE_VARIABLES = {
  name: 'the requester’s name',
  reference: 'the request’s reference, e.g. R-7KQ2M9XD',
  due_date: 'the date the answer is due',
  company: 'your workspace’s name',
  request_type: 'what the requester asked for, e.g. “Delete my data”',
} as const

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES
export type TemplateValues = Record<TemplateVariable, string>

/** {{name}}, with spaces allowed inside the braces: {{ name }}. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]*)\s*\}\}/g

function isKnown(name: string): name is TemplateVariable {
  return Object.hasOwn(TEMPLATE_VARIABLES, name)
}

/** The template with every known variable replaced; unknown ones stay as written. */
export function renderTemplate(body: string, values: TemplateValues): { text: string; unknown: string[] } {
  const unknown = new Set<string>()
  const text = body.replace(PLACEHOLDER, (placeholder, name: string) => {
    if (isKnown(name)) return values[name]
    unknown.add(name === '' ? placeholder : name)
    return placeholder
  })
  return { text, unknown: [...unknown] }
}

/** The variables of `body` that Candor does not know, in order of first use. */
export function unknownVariables(body: string): string[] {
  const empty = Object.fromEntries(Object.keys(TEMPLATE_VARIABLES).map((name) => [name, ''])) as TemplateValues
  return renderTemplate(body, empty).unknown
}
