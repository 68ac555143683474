import { describe, expect, it } from 'vitest'
import { parseInline, parseMarkdown, plainText, safeHref } from './markdown'

const text = (value: string) => ({ type: 'text', text: value })

describe('parseMarkdown', () => {
  it('reads plain text as paragraphs', () => {
    expect(parseMarkdown('We fix things.\nQuickly.\n\nThank you.')).toEqual([
      { type: 'paragraph', children: [text('We fix things. Quickly.')] },
      { type: 'paragraph', children: [text('Thank you.')] },
    ])
  })

  it('reads headings, lists and code blocks', () => {
    expect(parseMarkdown('# Scope\n## In scope\n#### Deep\n- app.example.com\n- the API\n  and its docs\n\n1. first\n2) second\n\n```\n<b>x</b>\n```')).toEqual([
      { type: 'heading', level: 1, children: [text('Scope')] },
      { type: 'heading', level: 2, children: [text('In scope')] },
      { type: 'heading', level: 3, children: [text('Deep')] },
      { type: 'list', ordered: false, items: [[text('app.example.com')], [text('the API and its docs')]] },
      { type: 'list', ordered: true, items: [[text('first')], [text('second')]] },
      { type: 'code', text: '<b>x</b>' },
    ])
  })

  it('keeps HTML as text: a script is words on the page, never markup', () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>')
    expect(blocks).toEqual([
      { type: 'paragraph', children: [text('<script>alert(1)</script>')] },
      { type: 'paragraph', children: [text('<img src=x onerror=alert(1)>')] },
    ])
  })
})

describe('parseInline', () => {
  it('reads code, strong, emphasis and links', () => {
    expect(parseInline('Use `curl`, **never** *ever* _guess_; see [our **docs**](https://docs.example/a?b=1).')).toEqual([
      text('Use '),
      { type: 'code', text: 'curl' },
      text(', '),
      { type: 'strong', children: [text('never')] },
      text(' '),
      { type: 'em', children: [text('ever')] },
      text(' '),
      { type: 'em', children: [text('guess')] },
      text('; see '),
      { type: 'link', href: 'https://docs.example/a?b=1', children: [text('our '), { type: 'strong', children: [text('docs')] }] },
      text('.'),
    ])
  })

  it('links bare https addresses and <mailto:> without the trailing full stop', () => {
    expect(parseInline('Write to <mailto:security@acme.example> or see https://acme.example/security.')).toEqual([
      text('Write to '),
      { type: 'link', href: 'mailto:security@acme.example', children: [text('security@acme.example')] },
      text(' or see '),
      { type: 'link', href: 'https://acme.example/security', children: [text('https://acme.example/security')] },
      text('.'),
    ])
  })

  it.each([
    '[click](javascript:alert(1))',
    '[click](JavaScript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD4=)',
    '[click](http://plain.example)',
    '[click](vbscript:msgbox)',
    '[click](//evil.example)',
    '[click](https://user:pass@evil.example)',
  ])('drops the address of %s, keeping its words', (source) => {
    const nodes = parseInline(source)
    expect(nodes.some((node) => node.type === 'link')).toBe(false)
    expect(nodes).toEqual([text('click')])
  })

  it('leaves snake_case words and lone asterisks alone', () => {
    expect(parseInline('set max_retry_count to 3 * 4')).toEqual([text('set max_retry_count to 3 * 4')])
  })
})

describe('safeHref', () => {
  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['mailto:security@example.com', 'mailto:security@example.com'],
    ['mailto:a@b.example?subject=Report', 'mailto:a@b.example?subject=Report'],
    ['mailto:', null],
    ['http://example.com', null],
    ['javascript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['ftp://example.com', null],
    ['not a url', null],
  ])('%s → %s', (raw, href) => {
    expect(safeHref(raw)).toBe(href)
  })
})

describe('plainText', () => {
  it('gives the words without markup', () => {
    expect(plainText(parseMarkdown('# Hi\n- **a**\n- [b](https://x.example)'))).toBe('Hi\n\n- a\n- b')
  })
})
