// Every URL of Candor, grouped by audience.
import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  // marketing: the public site
  index('routes/marketing/home.tsx'),
  route('docs', 'routes/marketing/docs.tsx'),
  route('docs/:page', 'routes/marketing/docs-page.tsx'),
  route('trust', 'routes/trust/platform-trust-page.ts'),

  // auth: passwordless sign-in
  route('sign-in', 'routes/auth/sign-in.tsx'),
  route('sign-in/verify', 'routes/auth/verify.tsx'),
  route('sign-in/link', 'routes/auth/magic-link.tsx'),
  route('sign-in/two-factor', 'routes/auth/two-factor.tsx'),
  route('sign-in/two-factor/ended', 'routes/auth/two-factor-ended.tsx'),
  route('sign-out', 'routes/auth/sign-out.ts'),

  // dashboard: signed-in people
  route('app', 'routes/dashboard/app.tsx'),
  route('onboarding', 'routes/onboarding.tsx'),
  route('invitations/:id', 'routes/invitation.tsx'),
  route('account/sessions', 'routes/account/sessions.tsx'),
  route('account/security', 'routes/account/security.tsx'),
  route('account/notifications', 'routes/account/notifications.tsx'),
  route('account/confirm', 'routes/account/confirm.tsx'),
  route('w/:slug', 'routes/dashboard/workspace.tsx', [
    index('routes/dashboard/overview.tsx'),
    route('members', 'routes/dashboard/members.tsx'),
    route('api-keys', 'routes/dashboard/api-keys.tsx'),
    route('webhooks', 'routes/dashboard/webhooks.tsx'),
    route('drp-agents', 'routes/dashboard/drp-agents.tsx'),
    route('settings', 'routes/dashboard/settings.tsx'),
    route('settings/billing', 'routes/dashboard/billing.tsx'),
    route('branding', 'routes/dashboard/branding.tsx'),
    route('audit', 'routes/dashboard/audit.tsx'),
    route('audit.csv', 'routes/dashboard/audit-csv.ts'),
    route('requests', 'routes/dashboard/requests.tsx'),
    route('requests/:reference', 'routes/dashboard/request.tsx'),
    route('requests/:reference/attachments/:attachmentId', 'routes/dashboard/request-attachment.ts'),
    route('privacy', 'routes/dashboard/privacy-settings.tsx'),
    route('data-systems/new/postgres', 'routes/dashboard/data-system-new-postgres.tsx'),
    route('data-systems/new/webhook', 'routes/dashboard/data-system-new-webhook.tsx'),
    route('data-systems/:systemId', 'routes/dashboard/data-system.tsx'),
    route('subprocessors', 'routes/dashboard/subprocessors.tsx'),
    route('trust', 'routes/dashboard/trust.tsx'),
    route('trust/preview', 'routes/dashboard/trust-preview.ts'),
    route('trust/versions', 'routes/dashboard/trust-versions.tsx'),
    route('trust/:section', 'routes/dashboard/trust-section.tsx'),
    route('documents', 'routes/dashboard/documents.tsx'),
    route('documents/:documentId', 'routes/dashboard/document.tsx'),
    route('security', 'routes/dashboard/security-reports.tsx'),
    route('security/settings', 'routes/dashboard/security-settings.tsx'),
    route('security/:reportId', 'routes/dashboard/security-report.tsx'),
    route('incidents', 'routes/dashboard/incidents.tsx'),
    route('incidents.csv', 'routes/dashboard/incidents-csv.ts'),
    route('incidents/new', 'routes/dashboard/incident-new.tsx'),
    route('incidents/:incidentId', 'routes/dashboard/incident.tsx'),
    route('dpa', 'routes/dashboard/dpa.tsx'),
    route('dpa/:signatureId/pdf', 'routes/dashboard/dpa-pdf.ts'),
  ]),

  // privacy: the public privacy portal of each workspace, for data subjects
  route('p/:slug', 'routes/privacy/portal.tsx'),
  route('p/:slug/confirm/:token', 'routes/privacy/confirm-link.tsx'),
  route('p/:slug/status', 'routes/privacy/status-sign-in.tsx'),
  route('p/:slug/requests/:reference', 'routes/privacy/status.tsx'),
  route('p/:slug/requests/:reference/verify', 'routes/privacy/confirm-code.tsx'),
  route('p/:slug/requests/:reference/export', 'routes/privacy/export-download.ts'),

  // trust: sub-processor change notices of each workspace (subscribe, confirm, one-click
  // unsubscribe, object, the public changelog and its Atom feed)
  route('t/:slug/subprocessors/subscribe', 'routes/trust/subprocessors-subscribe.tsx'),
  route('t/:slug/subprocessors/confirm/:token', 'routes/trust/subprocessors-confirm.tsx'),
  route('t/:slug/subprocessors/unsubscribe/:token', 'routes/trust/subprocessors-unsubscribe.tsx'),
  route('t/:slug/subprocessors/object/:token', 'routes/trust/subprocessors-object.tsx'),
  route('t/:slug/subprocessors/changes', 'routes/trust/subprocessors-changes.tsx'),
  route('t/:slug/subprocessors/feed.atom', 'routes/trust/subprocessors-feed.ts'),

  // trust: the public trust pages of each workspace, and the platform's own security.txt
  route('t/:slug', 'routes/trust/trust-page.ts'),
  route('t/:slug/security', 'routes/trust/security.tsx'),
  route('t/:slug/security/received', 'routes/trust/security-received.tsx'),
  route('t/:slug/.well-known/security.txt', 'routes/trust/security-txt.ts'),
  // trust: each workspace's brand assets, named by their contents (decision 039)
  route('t/:slug/logo/:file', 'routes/trust/logo.ts'),
  route('t/:slug/accent/:file', 'routes/trust/accent-stylesheet.ts'),

  // trust: documents of each workspace (public downloads; gated ones asked for with the NDA,
  // then opened through a time-limited link)
  route('t/:slug/documents/:documentId/request', 'routes/trust/document-request.tsx'),
  route('t/:slug/documents/:documentId/download', 'routes/trust/document-download.ts'),
  route('t/:slug/documents/access/:token', 'routes/trust/document-access.tsx'),
  route('t/:slug/documents/access/:token/download', 'routes/trust/document-access-download.ts'),
  route('.well-known/security.txt', 'routes/trust/platform-security-txt.ts'),

  // trust: DPA click-to-sign of each workspace (the agreement and its form, the signer's copy and
// a new link to it)
  route('t/:slug/dpa', 'routes/trust/dpa-sign.tsx'),
  route('t/:slug/dpa/link', 'routes/trust/dpa-link.tsx'),
  route('t/:slug/dpa/signed/:token', 'routes/trust/dpa-signed.tsx'),
  route('t/:slug/dpa/signed/:token/pdf', 'routes/trust/dpa-signed-pdf.ts'),

  // notifications: one-click unsubscribe from a member's weekly digest (no sign-in; the token decides)
  route('notifications/:slug/unsubscribe/:token', 'routes/notifications/digest-unsubscribe.tsx'),

  // ops console: the platform's own staff
  route('ops', 'routes/ops-console/workspaces.tsx'),
  route('ops/end', 'routes/ops-console/end-impersonation.ts'),
  route('ops/queues', 'routes/ops-console/queues.tsx'),
  route('ops/backups', 'routes/ops-console/backups.tsx'),
  route('ops/incidents', 'routes/ops-console/incidents.tsx'),
  route('ops/incidents/:incidentId', 'routes/ops-console/incident.tsx'),

  // ops: the platform's own probes
  route('healthz', 'routes/ops/healthz.ts'),
  route('readyz', 'routes/ops/readyz.ts'),

  // api: machine endpoints
  route('api/csp-report', 'routes/api/csp-report.ts'),
  route('api/v1/workspace', 'routes/api/v1/workspace.ts'),
  route('api/v1/requests', 'routes/api/v1/requests.ts'),
  route('api/v1/requests/:requestId', 'routes/api/v1/request.ts'),
  route('api/v1/requests/:requestId/export', 'routes/api/v1/request-export.ts'),
  route('api/v1/data-systems', 'routes/api/v1/data-systems.ts'),
  route('api/v1/data-systems/:dataSystemId', 'routes/api/v1/data-system.ts'),
  route('api/v1/openapi.json', 'routes/api/v1/openapi.ts'),
  route('api/v1/data-system-tasks/:taskId/result', 'routes/api/v1/data-system-task-result.ts'),
  route('api/v1/data-system-tasks/:taskId/collections/:name', 'routes/api/v1/data-system-task-collection.ts'),
  route('api/v1/*', 'routes/api/v1/not-found.ts'),

  // drp: the Data Rights Protocol's endpoints of each workspace, for authorized agents (signed
  // messages and bearer tokens; decision 034)
  route('drp/:slug/v1/agent/:agentId', 'routes/drp/agent.ts'),
  route('drp/:slug/v1/data-rights-request', 'routes/drp/data-rights-requests.ts'),
  route('drp/:slug/v1/data-rights-request/:requestId', 'routes/drp/data-rights-request.ts'),

  // webhooks: signed events from vendors
  route('webhooks/stripe', 'routes/webhooks/stripe.ts'),

  // dev: tools for developers, 404 in production
  route('dev/mailbox', 'routes/dev/mailbox.tsx'),

  route('*', 'routes/marketing/not-found.tsx'),
] satisfies RouteConfig
