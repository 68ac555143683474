// Reads a ZIP the way a subject's archive tool would: every entry's name and text.
import { once } from 'node:events'
import yauzl from 'yauzl'

export async function readZip(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true })
  const files = new Map<string, string>()
  for (;;) {
    zip.readEntry()
    const [entry] = (await Promise.race([once(zip, 'entry'), once(zip, 'end').then(() => [null])])) as [yauzl.Entry | null]
    if (!entry) return files
    const chunks: Buffer[] = []
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
    files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'))
  }
}
