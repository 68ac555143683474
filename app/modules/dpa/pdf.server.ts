// The signed DPA as a PDF, drawn from the frozen text of the signature (never from current
// data): the document, then the signature block (name, title, company, time in UTC, IP) and the
// SHA-256 of the signed text. pdfkit wraps lines and breaks pages; the standard Helvetica fonts
// are built into every PDF reader, so nothing is embedded but the exact signed text, attached
// as dpa.txt (UTF-8) for anyone to hash. Characters the fonts lack follow win-ansi.ts.
import PDFDocument from 'pdfkit'
import { documentBlocks } from './document'
import { toWinAnsi } from './win-ansi'

export type PdfSignature = {
  document: string
  documentSha256: string
  signerName: string
  signerTitle: string
  signerEmail: string
  companyName: string
  companyAddress: string
  signedAt: Date
  ip: string
  templateVersion: { number: number }
}

const FONT = 'Helvetica'
const BOLD = 'Helvetica-Bold'
const MONO = 'Courier'

/** The PDF of a signed DPA, for `processorName` (the processor's workspace). */
export async function signedDpaPdf(signature: PdfSignature, processorName: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 60, right: 60 },
    info: {
      Title: toWinAnsi(`Data Processing Agreement — ${signature.companyName} and ${processorName}`),
      Subject: `SHA-256 ${signature.documentSha256}`,
      Producer: 'Candor',
      CreationDate: signature.signedAt,
    },
    bufferPages: true,
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const text = (value: string, font: string, size: number, gap: number, options: PDFKit.Mixins.TextOptions = {}) => {
    doc.font(font).fontSize(size).fillColor('#111111').text(toWinAnsi(value), { width, ...options })
    doc.moveDown(gap)
  }

  for (const block of documentBlocks(signature.document)) {
    switch (block.kind) {
      case 'title':
        text(block.text, BOLD, 18, 0.6)
        break
      case 'heading':
        doc.moveDown(0.3)
        text(block.text, BOLD, 12, 0.3)
        break
      case 'paragraph':
        text(block.text, FONT, 10, 0.5, { align: 'left', lineGap: 1.5 })
        break
      case 'item':
        text(`•  ${block.text}`, FONT, 10, 0.3, { indent: 0, lineGap: 1.5 })
        break
      case 'table':
        doc.font(FONT).fontSize(9)
        doc.table({
          columnStyles: ['22%', '34%', '26%', '18%'].slice(0, block.header.length) as unknown as number[],
          rowStyles: (i: number) => (i === 0 ? { font: { src: BOLD }, backgroundColor: '#eeeeee' } : {}),
          data: [block.header, ...block.rows].map((row) => row.map(toWinAnsi)),
        })
        doc.font(FONT).fontSize(10).moveDown(0.8)
        break
    }
  }

  // The signature block stays on one page.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 230) doc.addPage()
  else doc.moveDown(1)
  text('Signature', BOLD, 12, 0.4)
  const signedAt = `${signature.signedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`
  for (const [label, value] of [
    ['Signed by', signature.signerName],
    ['Title', signature.signerTitle],
    ['Company', signature.companyName],
    ['Company address', signature.companyAddress || '—'],
    ['E-mail', signature.signerEmail],
    ['Signed at', signedAt],
    ['IP address', signature.ip],
    ['DPA template', `version ${signature.templateVersion.number}`],
  ] as const) {
    doc.font(BOLD).fontSize(10).text(`${label}: `, { continued: true, width }).font(FONT).text(toWinAnsi(value))
  }
  doc.moveDown(0.6)
  text('SHA-256 of the signed text (UTF-8, attached to this PDF as dpa.txt):', FONT, 9, 0.2)
  text(signature.documentSha256, MONO, 9, 0.6)
  text(
    'Signed electronically on the processor’s trust page by ticking “I have authority to sign for the company and accept this DPA”. ' +
      'Characters the PDF’s standard fonts cannot show are written without their accents, or as [U+code point]; the attached text is exact.',
    FONT,
    8,
    0,
    { lineGap: 1 },
  )

  doc.file(Buffer.from(signature.document, 'utf8'), {
    name: 'dpa.txt',
    type: 'text/plain; charset=utf-8',
    description: `The signed text; SHA-256 ${signature.documentSha256}`,
    creationDate: signature.signedAt,
  })

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#666666')
      .text(`Page ${i + 1} of ${range.count} · SHA-256 ${signature.documentSha256.slice(0, 16)}…`, doc.page.margins.left, doc.page.height - 36, {
        width,
        align: 'center',
        lineBreak: false,
      })
    doc.page.margins.bottom = bottom
  }
  doc.end()
  return done
}
