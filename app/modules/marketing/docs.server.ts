// The project's own documentation (README and docs/*.md, bundled at build time), rendered for
// /docs. These files are ours, not a customer's: headings and tables stay; raw HTML is still
// off, and links between the files point at their /docs pages.
import MarkdownIt from 'markdown-it'
import readme from '../../../README.md?raw'
import architecture from '../../../docs/architecture.md?raw'
import deploy from '../../../docs/deploy.md?raw'
import permissions from '../../../docs/permissions.md?raw'

export const DOC_PAGES = {
  readme: { title: 'Getting started', source: readme, file: 'README.md' },
  architecture: { title: 'Architecture', source: architecture, file: 'docs/architecture.md' },
  permissions: { title: 'Permissions', source: permissions, file: 'docs/permissions.md' },
  deploy: { title: 'Deploying', source: deploy, file: 'docs/deploy.md' },
} as const
export type DocPage = keyof typeof DOC_PAGES

const md = new MarkdownIt({ html: false, linkify: false })
md.validateLink = (url) => /^(https:|mailto:|#|\/|[\w.-]+\.md(#.*)?$|docs\/[\w.-]+\.md(#.*)?$|\.\.\/)/i.test(url)
md.normalizeLink = (url) => {
  const file = Object.entries(DOC_PAGES).find(([, page]) => url.replace(/^(\.\.\/|docs\/)/, '').split('#')[0] === page.file.replace(/^docs\//, ''))
  return file ? `/docs?page=${file[0]}` : url
}

export function renderDoc(page: DocPage): string {
  return md.render(DOC_PAGES[page].source)
}
