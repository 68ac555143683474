import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { precompressAssets } from './precompress-assets'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'candor-precompress-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const css = '.card { padding: 1rem; border: 1px solid #ccc; }\n'.repeat(200)

describe('precompressAssets', () => {
  it('writes brotli and gzip copies next to each compressible file, which decode to the same bytes', async () => {
    await mkdir(path.join(dir, 'assets'))
    await writeFile(path.join(dir, 'assets/app-abc123.css'), css)
    await writeFile(path.join(dir, 'assets/app-abc123.js'), `console.log(${JSON.stringify(css)})`)

    const written = await precompressAssets(dir)

    const cssFile = path.join(dir, 'assets/app-abc123.css')
    const br = await readFile(`${cssFile}.br`)
    const gz = await readFile(`${cssFile}.gz`)
    expect(brotliDecompressSync(br).toString()).toBe(css)
    expect(gunzipSync(gz).toString()).toBe(css)
    expect(br.length).toBeLessThan(gz.length)
    expect(gz.length).toBeLessThan(css.length / 10)
    expect(written.map((file) => file.path).sort()).toEqual(['assets/app-abc123.css', 'assets/app-abc123.js'])
    expect(written[0]).toMatchObject({ bytes: expect.any(Number), br: expect.any(Number), gzip: expect.any(Number) })
  })

  it('leaves alone files that are compressed already, and copies that would not be smaller', async () => {
    await writeFile(path.join(dir, 'logo.png'), Buffer.alloc(4096, 7))
    await writeFile(path.join(dir, 'report.pdf'), Buffer.alloc(4096, 7))
    await writeFile(path.join(dir, 'tiny.txt'), 'ok')

    expect(await precompressAssets(dir)).toEqual([])
    expect((await readdir(dir)).sort()).toEqual(['logo.png', 'report.pdf', 'tiny.txt'])
  })
})
