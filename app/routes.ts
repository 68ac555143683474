// Every URL of Candor, grouped by audience.
import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  // marketing: the public site
  index('routes/marketing/home.tsx'),

  // ops: the platform's own probes
  route('healthz', 'routes/ops/healthz.ts'),
  route('readyz', 'routes/ops/readyz.ts'),

  // api: machine endpoints
  route('api/csp-report', 'routes/api/csp-report.ts'),

  // dev: tools for developers, 404 in production
  route('dev/mailbox', 'routes/dev/mailbox.tsx'),

  route('*', 'routes/marketing/not-found.tsx'),
] satisfies RouteConfig
