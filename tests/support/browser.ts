// Chromium driven by playwright-core (no browser download), with the flags this closed network
// needs. The e2e global setup chooses the binary (chromium-executable.ts) and provides its path.
// One browser per test file; one context per test.
import { type Browser, chromium } from 'playwright-core'
import { inject } from 'vitest'

export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export function launchBrowser(executablePath: string = inject('chromiumPath')): Promise<Browser> {
  return chromium.launch({ executablePath, args: BROWSER_ARGS })
}
