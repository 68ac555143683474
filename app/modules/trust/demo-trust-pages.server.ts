// Demo trust pages for a fresh development database (never in production): Candor's own page
// for the platform's workspace, with the sub-processors a Fly deployment really has and only
// claims that are true of Candor today, and a customer's page for the demo workspace when that
// is another one. Made through the same
// domain functions as the dashboard: drafts saved, then published, checks computed.
import { recordAudit } from '~/modules/audit/record.server'
import { withTenant } from '~/modules/db/tenant.server'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { DEVELOPMENT_PLATFORM_SLUG } from '~/modules/config/env.server'
import { createWorkspace } from '~/modules/tenancy/workspaces.server'
import { runTrustChecks } from './checks.server'
import type { TrustContent } from './content'
import { publishDraft, replaceDraft } from './trust-page.server'

/** The platform's own workspace in development (PLATFORM_WORKSPACE_SLUG's default): /trust. */
export const PLATFORM_DEMO_WORKSPACE = {
  name: 'Candor',
  slug: DEVELOPMENT_PLATFORM_SLUG,
  owner: { email: 'security@candor.localhost', name: 'Candor Security' },
}

// What a Fly deployment of Candor (fly.toml: primary region ams) really sends where. Only what
// Candor does today; backups are claimed only with the live checks that show whether they hold.
const CANDOR_SUBPROCESSORS = [
  { name: 'Fly.io', purpose: 'Application hosting (web and worker machines)', dataCategories: 'All customer data', region: 'EU (Amsterdam)' },
  { name: 'Stripe', purpose: 'Subscription billing and payments', dataCategories: 'Billing contact, company name, payment details', region: 'United States, EU' },
  { name: 'Resend', purpose: 'Transactional e-mail (sign-in codes, notices)', dataCategories: 'E-mail addresses, message content', region: 'United States' },
  { name: 'Sentry', purpose: 'Error monitoring, scrubbed of personal data before sending', dataCategories: 'Technical error reports', region: 'Where the Sentry project is kept (EU or United States)' },
]

const ACME_SUBPROCESSORS = [
  { name: 'Amazon Web Services', purpose: 'Cloud hosting', dataCategories: 'Customer account and usage data', region: 'EU (Ireland)' },
  { name: 'Postmark', purpose: 'Transactional e-mail', dataCategories: 'E-mail addresses', region: 'United States' },
  { name: 'Intercom', purpose: 'Customer support chat', dataCategories: 'Name, e-mail, support conversations', region: 'EU' },
]

function candorContent(name: string): TrustContent {
  return {
    overview: {
      headline: `How ${name} protects the data you trust it with`,
      summary:
        `${name} runs Candor: the trust centers and privacy-rights desks of software companies, so it holds their customers’ requests and their audit trails. ` +
        'This page says what we do to protect them — and where a claim can be checked, Candor checks it and shows you the result.',
    },
    highlights: [
      { title: '2FA for every member', body: 'Every person who can open our workspace must use an authenticator app.', check: 'two_factor' },
      { title: 'Privacy requests on time', body: 'Requests to us are answered within the legal deadline.', check: 'requests_on_time' },
      { title: 'Tamper-evident audit log', body: 'Every change is recorded in an append-only, hash-chained log.', check: 'audit_chain' },
      {
        title: '72-hour breach notification',
        body: 'A personal-data breach is notified to the supervisory authority within 72 hours of our becoming aware of it, or recorded as not reportable with the reason.',
        check: 'breaches_notified',
      },
      { title: 'Encrypted secrets', body: 'Secrets are encrypted with AES-256-GCM under per-workspace keys wrapped by a key held only in memory.', check: '' },
      {
        title: 'Daily encrypted backups',
        body: 'Our whole database — every workspace’s data and the audit log — is backed up every day, compressed and encrypted (X25519 and AES-256-GCM) before it leaves the process.',
        check: 'backups_daily',
      },
      {
        title: 'Restores tested',
        body: 'Every week the latest backup is restored into a scratch database and checked: each table’s row count and every audit hash chain.',
        check: 'restores_tested',
      },
    ],
    residency: {
      summary: 'Candor’s application runs in the European Union, on Fly.io machines in Amsterdam.',
      locations: [{ label: 'Application', place: 'Amsterdam, Netherlands (EU)' }],
    },
    controls: [
      { group: 'identity', title: 'Passwordless sign-in', description: 'Single-use e-mailed codes and links, 10 minutes, 5 attempts.' },
      { group: 'identity', title: 'Two-factor authentication', description: 'TOTP with hashed recovery codes; step-up before sensitive actions.' },
      { group: 'identity', title: 'Roles and least privilege', description: 'Owner, admin, agent and viewer roles; operators read-only and audited.' },
      { group: 'network', title: 'TLS everywhere', description: 'HTTPS only, with HSTS; strict Content Security Policy with nonces.' },
      { group: 'network', title: 'Rate limits', description: 'Per-route limits kept in the database, shared by every instance.' },
      { group: 'data', title: 'Tenant isolation in the database', description: 'Forced row-level security on every table with customer data.' },
      { group: 'data', title: 'Encryption at rest', description: 'AES-256-GCM for secrets (each bound to its table, column and row), privacy-request exports and trust documents.' },
      { group: 'monitoring', title: 'Append-only audit log', description: 'Hash-chained per workspace; verified hourly.' },
      { group: 'monitoring', title: 'Error monitoring without personal data', description: 'Reports are scrubbed of e-mail and IP addresses before they leave.' },
      { group: 'process', title: 'Open source', description: 'The code that makes these claims is public under the AGPL.' },
    ],
    // No audit or certification has been done: none is listed.
    certifications: [],
    rights: {
      text: 'You may ask us for a copy of your personal data, to correct or erase it, to take it elsewhere, or to stop processing it. We answer within the time the law sets.',
    },
    faq: [
      { question: 'Where is our data stored?', answer: 'In the EU: Fly.io’s Amsterdam region. See *Data residency* above.' },
      { question: 'Can Candor staff read our data?', answer: 'Only an operator who uses 2FA can look in, read-only, for at most 30 minutes, with a reason recorded in your audit log.' },
    ],
    disclosure: { text: 'We welcome reports from security researchers and will not take legal action against good-faith research.' },
    contact: { email: 'security@candor.localhost', text: `Questions about security or privacy at ${name}? Write to us.` },
    lastReviewed: new Date().toISOString().slice(0, 10),
  }
}

function acmeContent(): TrustContent {
  return {
    overview: {
      headline: 'Security at Acme Analytics',
      summary: 'Acme Analytics helps product teams understand their users. We keep their data safe and answer every privacy request on time.',
    },
    highlights: [
      { title: 'Privacy requests answered on time', body: 'Every request, within its legal deadline.', check: 'requests_on_time' },
      { title: 'Audit log you can trust', body: 'Every change recorded in a tamper-evident log.', check: 'audit_chain' },
      { title: 'Single sign-on', body: 'SAML and OIDC for every customer on the Business plan.', check: '' },
    ],
    residency: { summary: 'Customer data is stored in the EU (Ireland).', locations: [{ label: 'Primary database', place: 'Dublin, Ireland (EU)' }] },
    controls: [
      { group: 'identity', title: 'SSO for employees', description: 'Every internal tool behind our identity provider.' },
      { group: 'data', title: 'Encryption at rest and in transit', description: 'AES-256 at rest, TLS 1.2+ in transit.' },
      { group: 'monitoring', title: 'Centralised logging', description: 'Security events kept for one year.' },
      { group: 'process', title: 'Annual penetration test', description: 'By an independent firm; summary on request.' },
    ],
    certifications: [
      { name: 'ISO/IEC 27001', status: 'in_progress', date: '2027-03-31', note: 'Stage 1 audit completed.' },
      { name: 'SOC 2 Type II', status: 'planned', date: '', note: '' },
    ],
    rights: { text: 'You can ask Acme Analytics for access to your data, its correction or erasure, and more.' },
    faq: [{ question: 'Do you sell personal data?', answer: 'No. Never.' }],
    disclosure: { text: 'Found a vulnerability? Please tell us privately first.' },
    contact: { email: 'security@acme.example', text: 'Our security team answers within two business days.' },
    lastReviewed: new Date().toISOString().slice(0, 10),
  }
}

/** Seed and publish the demo trust page of one workspace, with its sub-processors. */
export async function seedDemoTrustPage(workspace: { id: string; name: string; slug: string }, kind: 'platform' | 'customer'): Promise<void> {
  const actor = { type: 'system', reason: 'demo seed' } as const
  const tenant = { workspaceId: workspace.id, actor }
  const subprocessors = kind === 'platform' ? CANDOR_SUBPROCESSORS : ACME_SUBPROCESSORS
  await withTenant(tenant, async (tx) => {
    for (const subprocessor of subprocessors) {
      const row = await tx.subprocessor.create({ data: { workspaceId: workspace.id, ...subprocessor } })
      await recordAudit(tx, tenant, { action: 'subprocessor.add', target: { type: 'subprocessor', id: row.id }, after: subprocessor })
    }
  })
  const acting = { tenant, userId: null, workspaceName: workspace.name }
  const content = kind === 'platform' ? candorContent(workspace.name) : acmeContent()
  await replaceDraft(acting, content, {})
  await publishDraft(acting, {}, { queueChecks: false })
  await runTrustChecks(workspace.id)
}

/**
 * The demo's trust pages: Candor's own for the platform's workspace (PLATFORM_WORKSPACE_SLUG,
 * created if it is not the demo workspace), and the demo customer's when that is another one.
 */
export async function seedDemoTrustPages(demo: { id: string; name: string; slug: string }): Promise<void> {
  const platformSlug = platformWorkspaceSlug()
  if (platformSlug === demo.slug) {
    await seedDemoTrustPage(demo, 'platform')
    return
  }
  const platform = await createWorkspace({ ...PLATFORM_DEMO_WORKSPACE, slug: platformSlug }, { type: 'system', reason: 'demo seed' })
  await seedDemoTrustPage(platform.workspace, 'platform')
  await seedDemoTrustPage(demo, 'customer')
}
