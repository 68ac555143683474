// The DPA template language: the template is text in the notation of document.ts (# title,
// ## heading, - item, paragraphs) with {{placeholders}} filled from the workspace and, at
// signing, from the signer. Nothing in it runs: a placeholder names a value, the value is
// inserted as text after the template's structure has been read, and inserted text is never
// read again for placeholders or structure. {{subprocessors}} alone on a line is the table of
// the sub-processors engaged on the day of signing.
import { oneLine } from '~/modules/formats/one-line'
import type { DpaBlock } from './document'

/** Every placeholder a template may use, and what it is filled with. */
export const PLACEHOLDERS = {
  'processor.name': 'your legal entity’s name',
  'processor.address': 'your registered address',
  'processor.registration': 'your registration (company number and register)',
  'processor.contact': 'your privacy contact e-mail',
  'governing_law': 'the governing law, e.g. “the laws of Ireland”',
  'workspace.name': 'your workspace’s name',
  'notice_days': 'your sub-processor notice period in days',
  'trust_page_url': 'your public trust page',
  'subprocessor_changes_url': 'your public list of sub-processor changes',
  'customer.company': 'the customer’s legal name (typed by the signer)',
  'customer.address': 'the customer’s address (typed by the signer, optional)',
  'signer.name': 'the signer’s name',
  'signer.title': 'the signer’s title',
  'signer.email': 'the signer’s work e-mail',
  'date': 'the day of signing (UTC, YYYY-MM-DD)',
  'subprocessors': 'the table of sub-processors on the day of signing (alone on its line)',
} as const

export type Placeholder = keyof typeof PLACEHOLDERS

/** The placeholders the signer fills; before signing the page shows their labels instead. */
export const SIGNING_FIELDS = {
  'customer.company': '[Customer’s legal name]',
  'customer.address': '[Customer’s address]',
  'signer.name': '[Signer’s name]',
  'signer.title': '[Signer’s title]',
  'signer.email': '[Signer’s e-mail]',
  'date': '[Date of signing]',
} as const satisfies Partial<Record<Placeholder, string>>

export type SigningField = keyof typeof SIGNING_FIELDS

export type DpaSubprocessor = { name: string; purpose: string; dataCategories: string; region: string }

/** The values of every placeholder but the table. */
export type DpaValues = Record<Exclude<Placeholder, 'subprocessors'>, string>

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g
const TABLE_LINE = /^\s*\{\{\s*subprocessors\s*\}\}\s*$/

const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(PLACEHOLDERS, name)

/** What is wrong with a template, in plain words (empty: nothing). */
export function templateProblems(template: string): string[] {
  const problems: string[] = []
  const unknown = new Set<string>()
  for (const line of template.split(/\r?\n/)) {
    for (const match of line.matchAll(PLACEHOLDER)) {
      const name = match[1]!
      if (!isPlaceholder(name)) unknown.add(name)
      else if (name === 'subprocessors' && !TABLE_LINE.test(line)) {
        problems.push('Put {{subprocessors}} on a line of its own: it becomes a table.')
      }
    }
  }
  if (unknown.size) {
    problems.push(`Unknown placeholder${unknown.size > 1 ? 's' : ''}: ${[...unknown].map((n) => `{{${n}}}`).join(', ')}.`)
  }
  if (!/^#\s/m.test(template)) problems.push('Start the template with a title line, such as “# Data Processing Agreement”.')
  return problems
}

/**
 * The blocks of `template` with every placeholder filled: its structure is read first, then the
 * values are put into the text of each block. An unknown placeholder is left as written (a saved
 * template has none: templateProblems refuses it).
 */
export function renderTemplate(template: string, values: DpaValues, subprocessors: readonly DpaSubprocessor[]): DpaBlock[] {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) && name !== 'subprocessors' ? oneLine(values[name]) : whole))
  const blocks: DpaBlock[] = []
  let paragraph: string[] = []
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: fill(paragraph.join(' ')) })
    paragraph = []
  }
  for (const line of template.split(/\r?\n/)) {
    const trimmed = line.trim()
    const marker = /^(##?|-)\s+(.*)$/.exec(trimmed)
    if (!trimmed || marker || TABLE_LINE.test(line)) endParagraph()
    if (!trimmed) continue
    if (TABLE_LINE.test(line)) blocks.push(subprocessorTable(subprocessors))
    else if (marker) {
      const kind = marker[1] === '#' ? 'title' : marker[1] === '##' ? 'heading' : 'item'
      blocks.push({ kind, text: fill(marker[2]!) })
    } else paragraph.push(trimmed)
  }
  endParagraph()
  return blocks.filter((block) => block.kind === 'table' || oneLine(block.text) !== '')
}

function subprocessorTable(subprocessors: readonly DpaSubprocessor[]): DpaBlock {
  const header = ['Sub-processor', 'Purpose', 'Personal data', 'Location']
  if (!subprocessors.length) return { kind: 'paragraph', text: 'No sub-processors are engaged on the day of signing.' }
  return {
    kind: 'table',
    header,
    rows: subprocessors.map((s) => [s.name, s.purpose, s.dataCategories || '—', s.region || '—'].map(oneLine)),
  }
}
