// A DPA's blocks (app/modules/dpa/document.ts) as HTML: the same blocks the PDF draws. Every
// text is a React text node, so nothing a workspace or signer typed becomes markup.
import type { DpaBlock } from '~/modules/dpa/document'

export function DpaDocument(props: { blocks: readonly DpaBlock[] }) {
  return (
    <article className="grid gap-3 leading-relaxed text-slate-800">
      {props.blocks.map((block, i) => {
        switch (block.kind) {
          case 'title':
            return (
              <h2 key={i} className="text-xl font-semibold text-ink">
                {block.text}
              </h2>
            )
          case 'heading':
            return (
              <h3 key={i} className="mt-3 font-semibold text-ink">
                {block.text}
              </h3>
            )
          case 'item':
            return (
              <p key={i} className="pl-5 -indent-3">
                • {block.text}
              </p>
            )
          case 'paragraph':
            return <p key={i}>{block.text}</p>
          case 'table':
            return (
              <div key={i} className="overflow-x-auto">
                <table className="w-full border-collapse text-left text-sm">
                  <thead>
                    <tr>
                      {block.header.map((cell) => (
                        <th key={cell} scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1 font-semibold">
                          {cell}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) => (
                          <td key={c} className="border border-slate-300 px-2 py-1 align-top">
                            {cell}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
        }
      })}
    </article>
  )
}
