// The usual frame of a browser test file: one built Candor server (NODE_ENV=test plus `env`)
// and one Chromium, started before the file's tests and stopped after them.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser'
import { type RunningCandor, startCandor } from './candor-server'

export function serveCandorWithBrowser(env: Record<string, string> = {}) {
  let candor: RunningCandor | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    ;[candor, browser] = await Promise.all([startCandor({ NODE_ENV: 'test', ...env }), launchBrowser()])
  })
  afterAll(async () => {
    await browser?.close()
    await candor?.stop()
  })
  return {
    get candor(): RunningCandor {
      if (!candor) throw new Error('Candor is not started yet (use it inside tests)')
      return candor
    },
    get browser(): Browser {
      if (!browser) throw new Error('the browser is not started yet (use it inside tests)')
      return browser
    },
  }
}
