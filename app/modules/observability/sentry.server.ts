// Error reporting to Sentry, on only when SENTRY_DSN is set; every event is scrubbed first.
import * as Sentry from '@sentry/react-router'
import { env } from '~/modules/config/env.server'
import { scrubEvent } from './scrub'

export function initSentry(): boolean {
  const { SENTRY_DSN, SENTRY_ENVIRONMENT, NODE_ENV } = env()
  if (!SENTRY_DSN) return false
  Sentry.init({
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
  if (env().SENTRY_DSN) Sentry.captureException(error)
}
