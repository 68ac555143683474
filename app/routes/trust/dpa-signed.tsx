// /t/:slug/dpa/signed/:token — the signer's page after signing (and the link in their e-mail):
// what was signed, by whom, when, its hash, and the PDF. The token is the only key; it is stored
// as a hash and works for 30 days (then a page says how to get a new one, status 410).
import { data } from 'react-router'
import { TrustShell } from '~/components/trust-shell'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { SIGNER_LINK_DAYS, dpaPaths, signatureByToken } from '~/modules/dpa/signer-links.server'
import type { Route } from './+types/dpa-signed'

export const meta: Route.MetaFunction = () => [{ title: 'Signed data processing agreement' }, { name: 'robots', content: 'noindex' }]

export const headers: Route.HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ params }: Route.LoaderArgs) {
  const found = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const signature = await signatureByToken(tx, params.token)
    return signature ? { workspace, signature } : null
  })
  if (!found) throw data('There is no signed agreement at this address. Use the link from your e-mail.', { status: 404 })
  const { workspace, signature } = found
  const links = { newLink: dpaPaths(workspace.slug).newLink, linkDays: SIGNER_LINK_DAYS }
  if (signature === 'expired') {
    return data({ workspace: { name: workspace.name, slug: workspace.slug }, signature: null, pdf: null, ...links }, { status: 410 })
  }
  return {
    workspace: { name: workspace.name, slug: workspace.slug },
    signature: {
      signerName: signature.signerName,
      signerTitle: signature.signerTitle,
      companyName: signature.companyName,
      signerEmail: signature.signerEmail,
      signedAt: `${signature.signedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
      documentSha256: signature.documentSha256,
      version: signature.templateVersion.number,
    },
    pdf: dpaPaths(workspace.slug).pdf(params.token),
    ...links,
  }
}

export default function SignedDpa({ loaderData }: Route.ComponentProps) {
  const { workspace, signature, pdf, newLink, linkDays } = loaderData
  if (!signature || !pdf) {
    return (
      <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Data processing agreement">
        <h1 className="text-2xl font-semibold">This link has expired</h1>
        <p className="mt-2 text-slate-600">
          Links to a signed agreement work for {linkDays} days. The agreement itself is kept: ask for a new link and we
          e-mail it to the address that signed.
        </p>
        <p className="mt-6">
          <a href={newLink} className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Ask for a new link
          </a>
        </p>
      </TrustShell>
    )
  }
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Data processing agreement">
      <h1 className="text-2xl font-semibold">The agreement is signed</h1>
      <p className="mt-2 text-slate-600">
        We sent a link to this page to {signature.signerEmail}. It opens your copy for {linkDays} days; after that,{' '}
        <a href={newLink} className="text-brand-700 underline">
          ask for a new link
        </a>
        .
      </p>
      <dl className="mt-6 grid gap-2 rounded-lg border border-slate-200 bg-white p-6 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium">Signed by</dt>
        <dd>
          {signature.signerName}, {signature.signerTitle}
        </dd>
        <dt className="font-medium">For</dt>
        <dd>{signature.companyName}</dd>
        <dt className="font-medium">Signed at</dt>
        <dd>{signature.signedAt}</dd>
        <dt className="font-medium">Template version</dt>
        <dd>{signature.version}</dd>
        <dt className="font-medium">SHA-256</dt>
        <dd className="break-all font-mono text-xs">{signature.documentSha256}</dd>
      </dl>
      <p className="mt-6">
        <a href={pdf} className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700" download>
          Download the signed agreement (PDF)
        </a>
      </p>
    </TrustShell>
  )
}
