// The pictures of the product on the home page, made by tests/e2e/product-screenshots.test.ts
// from the demo workspace at one fixed size (public/screenshots/<name>.png).

export const SCREENSHOT_SIZE = { width: 1100, height: 700 } as const

export const PRODUCT_SCREENSHOTS = [
  {
    name: 'trust-page',
    caption: 'The public trust page',
    alt: 'The demo company’s public trust page: its security overview, highlights with live checks, and the list of sections.',
  },
  {
    name: 'desk',
    caption: 'A privacy request on the desk',
    alt: 'A privacy request on the desk: its deadline and days left, a notice of the setup still missing, its details, and the panel of actions to answer it.',
  },
  {
    name: 'portal',
    caption: 'The privacy portal',
    alt: 'The privacy portal where a person asks the demo company for access to, or erasure of, their data.',
  },
] as const
