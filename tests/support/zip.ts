// Reads a ZIP the way a subject's archive tool would: every entry's name and text.
import { once } from 'node:events'
import yauzl from 'yauzl'

export async function readZip(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true })
  const files = new Map<string, string>()
  for (;;) {
    zip.readEntry()
    // The waits that lose the race are cancelled, or each entry leaves listeners behind.
    const lost = new AbortController()
    const { signal } = lost
    const [entry] = (await Promise.race([once(zip, 'entry', { signal }), once(zip, 'end', { signal }).then(() => [null])]).finally(() =>
      lost.abort(),
    )) as [yauzl.Entry | null]
    if (!entry) return files
    const chunks: Buffer[] = []
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
    files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'))
  }
}
