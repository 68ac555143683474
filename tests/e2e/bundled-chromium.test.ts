// A fresh machine has no system Chromium: the browser tests must bring their own from the npm
// registry. With CHROMIUM_PATH unset and every system path hidden, the bundled Chromium is
// unpacked into an empty cache folder and renders a page; a second call reuses it.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { launchBrowser } from '../support/browser'
import { findChromium } from '../support/chromium-executable'

const cacheDir = await mkdtemp(join(tmpdir(), 'candor-chromium-test-'))
afterAll(() => rm(cacheDir, { recursive: true, force: true }))

test('without CHROMIUM_PATH or a system Chromium, the bundled one is unpacked and drives a page', async () => {
  const hidden = { env: {}, systemPaths: ['/nonexistent/chromium'], cacheDir }
  const first = await findChromium(hidden)
  expect(first.source).toBe('bundled')
  expect(first.path.startsWith(cacheDir)).toBe(true)
  // Only the finished folder is left: no half-unpacked staging folder.
  expect((await readdir(cacheDir)).filter((name) => name.includes('unpacking'))).toEqual([])

  const browser = await launchBrowser(first.path)
  try {
    const page = await browser.newPage()
    await page.setContent('<main><h1>Trust, checked</h1></main>')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Trust, checked')
  } finally {
    await browser.close()
  }

  const second = await findChromium(hidden)
  expect(second.path).toBe(first.path)
})

test('CHROMIUM_PATH wins when set, and a wrong one is a clear error', async () => {
  const bundled = await findChromium({ env: {}, systemPaths: [], cacheDir })
  expect(await findChromium({ env: { CHROMIUM_PATH: bundled.path }, cacheDir })).toEqual({
    path: bundled.path,
    source: 'CHROMIUM_PATH',
  })
  await expect(findChromium({ env: { CHROMIUM_PATH: '/nope/chromium' } })).rejects.toThrow(/CHROMIUM_PATH .* does not exist/)
})
