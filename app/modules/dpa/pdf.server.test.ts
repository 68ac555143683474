// Reads the produced PDF back with pdf.js, as a reader would: the text, the signature block,
// the hash, page breaks, and the attached exact text.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DPA_TEMPLATE } from './default-template'
import { documentText } from './document'
import { type PdfSignature, signedDpaPdf } from './pdf.server'
import { renderTemplate } from './template'
import { readPdf } from '../../../tests/support/pdf-text'

function signatureOf(overrides: Partial<PdfSignature> & { subprocessorCount?: number } = {}): PdfSignature {
  const { subprocessorCount = 3, ...rest } = overrides
  const signer = { name: rest.signerName ?? 'Zoë Łukasiewicz', company: rest.companyName ?? 'Example GmbH' }
  const blocks = renderTemplate(
    DEFAULT_DPA_TEMPLATE,
    {
      'processor.name': 'Acme Analytics Ltd',
      'processor.address': '1 High Street, London',
      'processor.registration': 'Company number 01234567',
      'processor.contact': 'privacy@acme.example',
      governing_law: 'the laws of England and Wales',
      'workspace.name': 'Acme',
      notice_days: '30',
      trust_page_url: 'https://candor.example/t/acme',
      subprocessor_changes_url: 'https://candor.example/t/acme/subprocessors/changes',
      'customer.company': signer.company,
      'customer.address': 'Hauptstraße 1, Berlin',
      'signer.name': signer.name,
      'signer.title': 'General Counsel',
      'signer.email': 'zoe@example.de',
      date: '2026-11-26',
    },
    Array.from({ length: subprocessorCount }, (_, i) => ({
      name: `Vendor ${i + 1}`,
      purpose: `Purpose ${i + 1}: a long description of what this vendor does with the data, to wrap within its cell`,
      dataCategories: 'Names, e-mail addresses',
      region: i % 2 ? 'US' : 'EU',
    })),
  )
  const document = documentText(blocks)
  return {
    document,
    documentSha256: createHash('sha256').update(document, 'utf8').digest('hex'),
    signerName: signer.name,
    signerTitle: 'General Counsel',
    signerEmail: 'zoe@example.de',
    companyName: signer.company,
    companyAddress: 'Hauptstraße 1, Berlin',
    signedAt: new Date('2026-11-26T09:15:30Z'),
    ip: '203.0.113.7',
    templateVersion: { number: 2 },
    ...rest,
  }
}

describe('signedDpaPdf', () => {
  it('holds the document, the signature block and the hash of the signed text', async () => {
    const signature = signatureOf()
    const bytes = await signedDpaPdf(signature, 'Acme')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const { text, pages } = await readPdf(bytes)
    expect(pages.length).toBeGreaterThan(1)
    expect(text).toContain('Data Processing Agreement')
    expect(text).toContain('Sub-processors')
    expect(text).toContain('Vendor 3')
    // The signer's name in the standard fonts' encoding: Ł has no glyph there, so it loses its stroke.
    expect(text).toContain('Zoë Lukasiewicz')
    expect(text).toContain('General Counsel')
    expect(text).toContain('Example GmbH')
    expect(text).toContain('2026-11-26 09:15:30 UTC')
    expect(text).toContain('203.0.113.7')
    expect(text).toContain(signature.documentSha256)
    expect(text).toContain(`Page ${pages.length} of ${pages.length}`)
  })

  it('attaches the exact signed text, whose SHA-256 is the one printed', async () => {
    const signature = signatureOf({ signerName: '山田 太郎', companyName: '株式会社 山田' })
    const { text, attachments } = await readPdf(await signedDpaPdf(signature, 'Acme'))
    expect(text).toContain('[U+5C71][U+7530] [U+592A][U+90CE]')
    const attached = attachments?.['dpa.txt']
    expect(attached).toBeDefined()
    const exact = Buffer.from(attached!.content).toString('utf8')
    expect(exact).toBe(signature.document)
    expect(exact).toContain('山田 太郎')
    expect(createHash('sha256').update(attached!.content).digest('hex')).toBe(signature.documentSha256)
  })

  it('breaks a long table across pages without losing a row', async () => {
    const signature = signatureOf({ subprocessorCount: 80 })
    const { text, pages } = await readPdf(await signedDpaPdf(signature, 'Acme'))
    expect(pages.length).toBeGreaterThan(4)
    for (const n of [1, 40, 79, 80]) expect(text).toContain(`Vendor ${n} `)
    expect(text).toContain(signature.documentSha256)
  })
})
