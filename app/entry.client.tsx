import { StrictMode, startTransition } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { HydratedRouter } from 'react-router/dom'

// Error reporting only when the server passed a DSN; the SDK is not downloaded otherwise.
const env = window.ENV
if (env?.SENTRY_DSN) {
  void import('./modules/observability/sentry.client').then((m) => m.initSentryInBrowser(env))
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <HydratedRouter />
    </StrictMode>,
  )
})
