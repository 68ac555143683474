// A workspace's DPA, offered and signed on its public page by "Beatriz Secret": for tests that
// must hold another workspace's signature (its id and the signer's link token).
import { randomUUID } from 'node:crypto'
import { withTenant } from '~/modules/db/tenant.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { signInput } from '~/modules/dpa/forms'
import { sha256Hex } from '~/modules/dpa/settings.server'
import { publicOffer, signDpa } from '~/modules/dpa/signing.server'
import { ownerPool } from '~/modules/db/owner.server'

export async function signedDpaOf(workspace: { id: string; slug: string }): Promise<{ id: string; token: string }> {
  await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, async (tx) => {
    await tx.dpaSettings.create({
      data: { workspaceId: workspace.id, legalName: 'Processor Ltd', address: '1 High St', contactEmail: 'dpa@processor.example', governingLaw: 'the laws of Ireland' },
    })
    await tx.dpaTemplateVersion.create({
      data: { id: randomUUID(), workspaceId: workspace.id, number: 1, body: DEFAULT_DPA_TEMPLATE, bodySha256: sha256Hex(DEFAULT_DPA_TEMPLATE) },
    })
  })
  const shown = await publicOffer(workspace.slug, 'https://candor.example')
  const input = signInput.parse({
    signerName: 'Beatriz Secret',
    signerTitle: 'Beatriz Secret Counsel',
    companyName: 'Beatriz Secret GmbH',
    signerEmail: `beatriz-${randomUUID()}@example.com`,
    authority: 'yes',
    offer: shown?.offer?.sha256,
  })
  const signed = await signDpa(workspace.slug, input, { ip: randomUUID(), appOrigin: 'https://candor.example' })
  if (signed.outcome !== 'signed') throw new Error(`the DPA was not signed (${signed.outcome})`)
  const { rows } = await ownerPool().query('SELECT signature_id FROM dpa_signature_link WHERE token_hash = $1', [sha256Hex(signed.token)])
  return { id: rows[0].signature_id as string, token: signed.token }
}
