// Browser tests run against the production build: build it first if the sources changed, and
// choose the Chromium they drive (unpacking the bundled one on a machine without Chromium).
import type { TestProject } from 'vitest/node'
import { buildIfStale } from '../../server/build.js'
import { findChromium } from '../support/chromium-executable'

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string
  }
}

export async function setup(project: TestProject) {
  if (!buildIfStale()) throw new Error('The build failed; the browser tests need it.')
  const chromium = await findChromium()
  console.log(`Browser tests use Chromium at ${chromium.path} (${chromium.source}).`)
  project.provide('chromiumPath', chromium.path)
}
