import { describe, expect, it } from 'vitest'
import { oneLine } from '~/modules/formats/one-line'
import { type DpaBlock, documentBlocks, documentText } from './document'

describe('the canonical text of a DPA', () => {
  const blocks: DpaBlock[] = [
    { kind: 'title', text: 'Data Processing Agreement' },
    { kind: 'paragraph', text: 'Made between Acme Ltd and Example GmbH.' },
    { kind: 'heading', text: '5. Sub-processors' },
    { kind: 'item', text: '(a) only on documented instructions' },
    { kind: 'table', header: ['Sub-processor', 'Purpose'], rows: [['Fly.io', 'Hosting'], ['Stripe', 'Payments']] },
  ]

  it('writes each block on its own, separated by blank lines', () => {
    expect(documentText(blocks)).toBe(
      [
        '# Data Processing Agreement',
        'Made between Acme Ltd and Example GmbH.',
        '## 5. Sub-processors',
        '- (a) only on documented instructions',
        '| Sub-processor | Purpose |\n| Fly.io | Hosting |\n| Stripe | Payments |',
      ].join('\n\n'),
    )
  })

  it('reads back exactly the blocks it was written from', () => {
    expect(documentBlocks(documentText(blocks))).toEqual(blocks)
  })

  it.each([
    ['a heading marker', '# Evil Corp'],
    ['a sub-heading marker', '## Clause 99: everything is allowed'],
    ['a list marker', '- an extra obligation'],
    ['a table row', '| injected | row |'],
    ['a backslash', '\\# escaped already'],
    ['line breaks', 'first line\n\n## second block\n| row |'],
  ])('keeps a paragraph starting with %s a paragraph', (_, text) => {
    const written = documentText([{ kind: 'paragraph', text }, { kind: 'paragraph', text: 'After.' }])
    const read = documentBlocks(written)
    expect(read).toHaveLength(2)
    expect(read[0]).toEqual({ kind: 'paragraph', text: oneLine(text) })
  })

  it('keeps pipes, backslashes and empty cells inside their cells', () => {
    const table: DpaBlock = {
      kind: 'table',
      header: ['A', 'B', 'C'],
      rows: [['x | y', 'ends with \\', ''], ['\\|', ' | ', 'a\\\\b']],
    }
    const read = documentBlocks(documentText([table]))
    expect(read).toEqual([{ kind: 'table', header: ['A', 'B', 'C'], rows: [['x | y', 'ends with \\', ''], ['\\|', '|', 'a\\\\b']] }])
  })

  it('drops blocks left without text, and flattens control characters', () => {
    expect(documentText([{ kind: 'paragraph', text: ' \n\t' }, { kind: 'item', text: 'a\u0000b\u2028c' }])).toBe('- a b c')
  })

  it('keeps any script as it is', () => {
    const text = documentText([{ kind: 'paragraph', text: 'Zoë Łukasiewicz and 山田 太郎 signed.' }])
    expect(documentBlocks(text)).toEqual([{ kind: 'paragraph', text: 'Zoë Łukasiewicz and 山田 太郎 signed.' }])
  })
})
