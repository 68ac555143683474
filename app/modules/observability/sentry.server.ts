// Error reporting to Sentry, on only when SENTRY_DSN is set; every event is scrubbed first.
// The SDK is loaded only then: without a DSN it costs nothing at start-up.
import type * as SentrySdk from '@sentry/react-router'
import { env } from '~/modules/config/env.server'
import { scrubEvent } from './scrub'

let sentry: typeof SentrySdk | undefined

export async function initSentry(): Promise<boolean> {
  const { SENTRY_DSN, SENTRY_ENVIRONMENT, NODE_ENV } = env()
  if (!SENTRY_DSN) return false
  sentry = await import('@sentry/react-router')
  sentry.init({
    dsn: SENTRY_DSN,
    environment: SENTRY_ENVIRONMENT ?? NODE_ENV,
    sendDefaultPii: false,
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => (crumb.category === 'console' ? null : crumb),
  })
  return true
}

export function reportError(error: unknown): void {
  sentry?.captureException(error)
}
