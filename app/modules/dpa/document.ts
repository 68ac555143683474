// A DPA as signed: a short list of blocks (title, headings, paragraphs, list items, one table),
// and its canonical text, the form that is stored, hashed and drawn into the PDF. The text is a
// small Markdown-like notation that parses back to exactly the same blocks: a value typed by a
// signer can never turn into a heading, a list item or a table row.
import { oneLine } from '~/modules/formats/one-line'

export type DpaBlock =
  | { kind: 'title' | 'heading' | 'paragraph' | 'item'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] }

const MARKERS = { title: '# ', heading: '## ', item: '- ' } as const

/** Backslash and pipe escaped, so a cell's text cannot end the cell. */
const escapeCell = (cell: string) => cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')

/**
 * The canonical text of `blocks`: blocks separated by blank lines, every text on one line
 * (oneLine). A block left without text is dropped.
 */
export function documentText(blocks: readonly DpaBlock[]): string {
  return blocks
    .map((block) => {
      if (block.kind === 'table') {
        return [block.header, ...block.rows].map((row) => `| ${row.map((cell) => escapeCell(oneLine(cell))).join(' | ')} |`).join('\n')
      }
      const text = oneLine(block.text)
      if (!text) return ''
      if (block.kind === 'paragraph') return /^[#\-|\\]/.test(text) ? `\\${text}` : text
      return `${MARKERS[block.kind]}${text}`
    })
    .filter(Boolean)
    .join('\n\n')
}

/** The blocks of a canonical text (the inverse of documentText). */
export function documentBlocks(text: string): DpaBlock[] {
  if (text === '') return []
  return text.split('\n\n').map((chunk): DpaBlock => {
    if (chunk.startsWith('| ')) {
      const [header = [], ...rows] = chunk.split('\n').map(tableRow)
      return { kind: 'table', header, rows }
    }
    if (chunk.startsWith(MARKERS.heading)) return { kind: 'heading', text: chunk.slice(MARKERS.heading.length) }
    if (chunk.startsWith(MARKERS.title)) return { kind: 'title', text: chunk.slice(MARKERS.title.length) }
    if (chunk.startsWith(MARKERS.item)) return { kind: 'item', text: chunk.slice(MARKERS.item.length) }
    return { kind: 'paragraph', text: chunk.startsWith('\\') ? chunk.slice(1) : chunk }
  })
}

/** The cells of one `| a | b |` line, unescaped. */
function tableRow(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  // Between the leading "| " and the trailing " |".
  const inner = line.slice(2, -2)
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!
    if (char === '\\' && i + 1 < inner.length) {
      cell += inner[++i]
    } else if (char === '|' && inner[i - 1] === ' ' && inner[i + 1] === ' ') {
      cells.push(cell.slice(0, -1))
      cell = ''
      i++
    } else {
      cell += char
    }
  }
  cells.push(cell)
  return cells
}
