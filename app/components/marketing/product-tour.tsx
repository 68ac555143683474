// The home page's pictures of the product: screenshots of the demo workspace made by the browser
// tests (tests/e2e/product-screenshots.test.ts), each with its caption and alt text.
import { PRODUCT_SCREENSHOTS, SCREENSHOT_SIZE } from '~/modules/marketing/product-screenshots'

export function ProductTour() {
  return (
    <section aria-labelledby="product-tour" className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-6xl px-6 py-16">
        <h2 id="product-tour" className="text-2xl font-semibold tracking-tight text-ink">
          What it looks like
        </h2>
        <p className="mt-2 max-w-3xl text-slate-600">
          Pictures of the demo workspace that <code className="text-sm">npm start</code> creates, taken by Candor’s own browser
          tests.
        </p>
        <ul className="mt-8 grid gap-8 md:grid-cols-3">
          {PRODUCT_SCREENSHOTS.map((shot) => (
            <li key={shot.name}>
              <figure>
                <a href={`/screenshots/${shot.name}.png`} className="block overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm hover:border-brand-600">
                  <img
                    src={`/screenshots/${shot.name}.png`}
                    alt={shot.alt}
                    width={SCREENSHOT_SIZE.width}
                    height={SCREENSHOT_SIZE.height}
                    loading="lazy"
                    className="h-auto w-full"
                  />
                </a>
                <figcaption className="mt-3 text-sm font-medium text-ink">{shot.caption}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
