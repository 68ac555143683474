// Counts what a person does on a page (clicks, fills, selects) and what the browser loads for
// it (whole documents, and loader or action calls made by the client), for figures like "the
// erasure case takes 6 interactions and 2 page loads".
import type { Locator, Page } from 'playwright-core'

/** `interactions` counts every click, fill and selection; `typed` the fills among them. */
export type InteractionCounts = { interactions: number; typed: number; pageLoads: number; dataRequests: number }

export function countInteractions(page: Page) {
  const counts: InteractionCounts = { interactions: 0, typed: 0, pageLoads: 0, dataRequests: 0 }
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && request.frame() === page.mainFrame()) counts.pageLoads++
    else if (new URL(request.url()).pathname.endsWith('.data')) counts.dataRequests++
  })
  return {
    counts,
    async click(locator: Locator) {
      counts.interactions++
      await locator.click()
    },
    async fill(locator: Locator, value: string) {
      counts.interactions++
      counts.typed++
      await locator.fill(value)
    },
    async select(locator: Locator, option: string | { label: string }) {
      counts.interactions++
      await locator.selectOption(option)
    },
  }
}
