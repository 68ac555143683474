// Markdown a workspace wrote, shown to visitors: the HTML comes from renderMarkdown
// (app/modules/formats/markdown.ts) in a loader, so the renderer stays on the server and nothing
// the writer typed becomes markup; links are only https: or mailto:.
export function Markdown({ html, className = '' }: { html: string; className?: string }) {
  return <div className={`md ${className}`} dangerouslySetInnerHTML={{ __html: html }} />
}
