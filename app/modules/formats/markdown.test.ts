import { describe, expect, it } from 'vitest'
import { renderInlineMarkdown, renderMarkdown } from './markdown'

/** Nothing in the output can run a script or reach another scheme than https: or mailto:. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/<img/i)
  expect(html).not.toMatch(/<iframe|<object|<embed|<svg|<style|<form|<input/i)
  // An event handler attribute in a tag (quoted values, escaped by the renderer, left out).
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+\s*=/i)
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https:\/\/|mailto:)/)
}

describe('Markdown written by a workspace', () => {
  it('renders the usual text formatting', () => {
    expect(renderMarkdown('We **encrypt** data _at rest_.\n\n- one\n- two')).toBe(
      '<p>We <strong>encrypt</strong> data <em>at rest</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    )
    expect(renderInlineMarkdown('SOC 2 `Type II`')).toBe('SOC 2 <code>Type II</code>')
    expect(renderMarkdown('   ')).toBe('')
  })

  it('keeps https: and mailto: links, marked nofollow', () => {
    expect(renderMarkdown('[DPA](https://example.com/dpa)')).toBe(
      '<p><a href="https://example.com/dpa" rel="nofollow noopener noreferrer">DPA</a></p>\n',
    )
    expect(renderMarkdown('Write to [us](mailto:security@example.com).')).toContain('href="mailto:security@example.com"')
    expect(renderMarkdown('See https://example.com/status')).toContain('<a href="https://example.com/status"')
  })

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](http://plain.example)',
    '[x](/relative/path)',
    '[x](//evil.example)',
    '<javascript:alert(1)>',
    '![tracker](https://evil.example/pixel.png)',
    '[ok](https://example.com "title\\" onmouseover=\\"alert(1)")',
    '[ok](https://example.com/" onmouseover="alert(1))',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '<style>body{display:none}</style>',
    '"><script>alert(1)</script>',
    '`<script>alert(1)</script>`',
    '<<script>script>alert(1)<</script>/script>',
  ])('renders hostile input %j as inert text', (input) => {
    expectInert(renderMarkdown(input))
    expectInert(renderInlineMarkdown(input))
  })

  it('shows a refused link as the text that was typed', () => {
    expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p>[click](javascript:alert(1))</p>\n')
    expect(renderMarkdown('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>\n')
  })

  it('leaves headings and images out of a field', () => {
    expect(renderMarkdown('# Big')).toBe('<p># Big</p>\n')
    expect(renderMarkdown('![alt](https://example.com/a.png)')).not.toContain('<img')
  })

  it('places a document\'s headings below the page\'s h1 and section h2s', () => {
    expect(renderMarkdown('# Scope\n## In scope\n### Deep\n#### Deeper', { headings: true })).toBe(
      '<h3>Scope</h3>\n<h4>In scope</h4>\n<h5>Deep</h5>\n<h5>Deeper</h5>\n',
    )
    expect(renderMarkdown('Scope\n=====', { headings: true })).toBe('<h3>Scope</h3>\n')
  })

  it('skips no heading level when the writer starts below #', () => {
    expect(renderMarkdown('## Scope\n### In scope\n## Out of scope', { headings: true })).toBe(
      '<h3>Scope</h3>\n<h4>In scope</h4>\n<h3>Out of scope</h3>\n',
    )
  })

  it('keeps a document as inert as a field', () => {
    const html = renderMarkdown('# <script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n![t](https://evil.example/p.png)', {
      headings: true,
    })
    expectInert(html)
    expect(html).toContain('<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>')
  })
})
