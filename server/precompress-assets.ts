// Brotli and gzip copies of the client build's text files (`app.css` → `app.css.br`,
// `app.css.gz`), made once when the app is built, at the highest quality: too slow to spend on
// each request, free once. server/static-files.ts serves them per Accept-Encoding. Runs from
// react-router.config.ts's buildEnd, after React Router has moved the server build's assets
// (the trust page's stylesheet) into build/client.
import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
// Relative, not ~/: React Router loads its config (which imports this) without our aliases.
import { compressBrotli, compressGzip } from '../app/modules/http/compress.server'

/** Text formats. Images, fonts (woff2 is brotli inside), PDF and ZIP are compressed already. */
const COMPRESSIBLE = /\.(?:css|js|mjs|html|svg|json|txt|xml|ico|webmanifest)$/i

export type PrecompressedFile = { path: string; bytes: number; br: number; gzip: number }

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir` whose copies
 * are smaller than the file itself; returns what it wrote (paths relative to `dir`).
 */
export async function precompressAssets(dir: string): Promise<PrecompressedFile[]> {
  const written: PrecompressedFile[] = []
  for (const file of (await filesUnder(dir)).filter((name) => COMPRESSIBLE.test(name))) {
    const bytes = await readFile(file)
    const [br, gz] = await Promise.all([compressBrotli(bytes), compressGzip(bytes)])
    // Both copies or none, so a file is either served in every coding or only as itself.
    if (br.length >= bytes.length || gz.length >= bytes.length) continue
    await writeFile(`${file}.br`, br)
    await writeFile(`${file}.gz`, gz)
    written.push({ path: path.relative(dir, file), bytes: bytes.length, br: br.length, gzip: gz.length })
  }
  return written
}
