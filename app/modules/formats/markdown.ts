// A small Markdown reader for text that workspaces write and visitors read (a disclosure
// policy, later the trust page's sections). It returns a tree, never HTML: the page renders the
// tree with React, which escapes every character, so no markup the writer types reaches a
// visitor as markup. Links survive only with https: or mailto: addresses. Pure.
//
// What it reads: paragraphs (blank-line separated; plain text is a Markdown document too),
// headings (#, ##, ###…), bullet and numbered lists, fenced code blocks, `code`, **strong**,
// *emphasis*, [links](https://…), <https://…> and bare https:// addresses.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'code'; text: string }

/** The address of a link if it is one a visitor may follow (https: or mailto:), else null. */
export function safeHref(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (url.protocol === 'https:') return url.username || url.password ? null : url.href
  if (url.protocol === 'mailto:') return /^mailto:[^\s@/]+@[^\s@/]+$/i.test(url.href) ? url.href : null
  return null
}

const FENCE = /^\s{0,3}(```|~~~)/
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/

/** Parse a whole document into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const blocks: Block[] = []
  let paragraph: string[] = []
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) })
    paragraph = []
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const fence = FENCE.exec(line)
    if (fence) {
      endParagraph()
      const body: string[] = []
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) body.push(lines[i]!)
      blocks.push({ type: 'code', text: body.join('\n') })
      continue
    }
    if (line.trim() === '') {
      endParagraph()
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      endParagraph()
      const level = Math.min(heading[1]!.length, 3) as 1 | 2 | 3
      blocks.push({ type: 'heading', level, children: parseInline(heading[2]!) })
      continue
    }
    const bullet = BULLET.exec(line)
    const numbered = bullet ? null : NUMBERED.exec(line)
    if (bullet || numbered) {
      endParagraph()
      const ordered = numbered !== null
      const pattern = ordered ? NUMBERED : BULLET
      const items: string[] = [(bullet ?? numbered)![1]!]
      // Following items of the same kind, and indented lines that continue the last item.
      while (i + 1 < lines.length) {
        const next = lines[i + 1]!
        const item = pattern.exec(next)
        if (item) items.push(item[1]!)
        else if (/^\s+\S/.test(next) && !FENCE.test(next)) items[items.length - 1] += ` ${next.trim()}`
        else break
        i++
      }
      blocks.push({ type: 'list', ordered, items: items.map(parseInline) })
      continue
    }
    paragraph.push(line.trim())
  }
  endParagraph()
  return blocks
}

// One alternative per inline construct; the first that matches at a position wins.
const INLINE =
  /`([^`]+)`|\[([^\]]+)\]\(\s*((?:[^\s()]+|\([^\s()]*\))+)\s*\)|<((?:https:\/\/|mailto:)[^>\s]+)>|(https:\/\/[^\s<>]*[^\s<>.,;:!?'")\]])|\*\*(?=\S)(.+?)\*\*|(?<![\w*])\*(?=\S)([^*]+?)\*(?![\w*])|(?<![\w_])_(?=\S)([^_]+?)_(?![\w_])/g

/** Parse the text of one paragraph, heading or list item. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = []
  const pushText = (value: string) => {
    if (!value) return
    const last = out.at(-1)
    if (last?.type === 'text') last.text += value
    else out.push({ type: 'text', text: value })
  }
  let at = 0
  for (const match of text.matchAll(INLINE)) {
    pushText(text.slice(at, match.index))
    at = match.index + match[0].length
    const [whole, code, label, target, angled, bare, strong, star, underscore] = match
    if (code !== undefined) out.push({ type: 'code', text: code })
    else if (label !== undefined) {
      const href = safeHref(target!)
      // An unsafe address leaves only its words: the reader sees the label, nothing to click.
      if (href) out.push({ type: 'link', href, children: parseInline(label) })
      else parseInline(label).forEach((node) => (node.type === 'text' ? pushText(node.text) : out.push(node)))
    } else if (angled !== undefined || bare !== undefined) {
      const address = (angled ?? bare)!
      const href = safeHref(address)
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: address.replace(/^mailto:/, '') }] })
      else pushText(whole)
    } else if (strong !== undefined) out.push({ type: 'strong', children: parseInline(strong) })
    else out.push({ type: 'em', children: parseInline((star ?? underscore)!) })
  }
  pushText(text.slice(at))
  return out
}

/** The words of a tree without any markup, for e-mails and summaries. */
export function plainText(blocks: Block[]): string {
  const inline = (nodes: Inline[]): string =>
    nodes.map((node) => ('children' in node ? inline(node.children) : node.text)).join('')
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'code':
          return block.text
        case 'list':
          return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inline(item)}`).join('\n')
        default:
          return inline(block.children)
      }
    })
    .join('\n\n')
}
