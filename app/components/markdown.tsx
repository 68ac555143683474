// Text a workspace wrote in Markdown, shown to visitors. The tree comes from
// app/modules/formats/markdown.ts and React escapes every character of it, so nothing the
// writer typed becomes markup; links are only https: or mailto:.
import { type Block, type Inline, parseMarkdown } from '~/modules/formats/markdown'

function Inlines({ nodes }: { nodes: Inline[] }) {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text
      case 'code':
        return (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">
            {node.text}
          </code>
        )
      case 'strong':
        return (
          <strong key={i}>
            <Inlines nodes={node.children} />
          </strong>
        )
      case 'em':
        return (
          <em key={i}>
            <Inlines nodes={node.children} />
          </em>
        )
      case 'link':
        return (
          <a key={i} href={node.href} rel="nofollow noopener noreferrer" className="text-brand-700 underline">
            <Inlines nodes={node.children} />
          </a>
        )
    }
  })
}

const HEADINGS = {
  1: 'mt-6 text-lg font-semibold',
  2: 'mt-5 font-semibold',
  3: 'mt-4 font-medium',
} as const

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'heading': {
      // The page has its own h1 and section h2s: the writer's headings start below them.
      const Tag = (['h3', 'h4', 'h5'] as const)[block.level - 1]!
      return (
        <Tag className={HEADINGS[block.level]}>
          <Inlines nodes={block.children} />
        </Tag>
      )
    }
    case 'paragraph':
      return (
        <p className="mt-3">
          <Inlines nodes={block.children} />
        </p>
      )
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul'
      return (
        <Tag className={`mt-3 grid gap-1 pl-6 ${block.ordered ? 'list-decimal' : 'list-disc'}`}>
          {block.items.map((item, i) => (
            <li key={i}>
              <Inlines nodes={item} />
            </li>
          ))}
        </Tag>
      )
    }
    case 'code':
      return <pre className="mt-3 overflow-x-auto rounded bg-slate-100 p-3 font-mono text-sm">{block.text}</pre>
  }
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      {parseMarkdown(source).map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
  )
}
