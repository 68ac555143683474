// Browser error reporting, loaded only when the server passed a SENTRY_DSN; the same scrubber
// as on the server removes personal data before anything is sent.
import * as Sentry from '@sentry/react-router'
import type { PublicEnv } from '~/modules/config/public-env'
import { scrubEvent } from './scrub'

export function initSentryInBrowser({ SENTRY_DSN, SENTRY_ENVIRONMENT }: PublicEnv): void {
  Sentry.init({
    dsn: SENTRY_DSN,
    environment: SENTRY_ENVIRONMENT,
    sendDefaultPii: false,
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => (crumb.category === 'console' ? null : crumb),
  })
}
