// A page of a heading and a sentence, for answers given outside the React tree: refusals
// before React Router is reached, and "temporarily unavailable" when the database is down.
export function plainHtml(title: string, message: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return (
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(title)}</title>` +
    `<main><h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="/">Home</a></p></main></html>`
  )
}
