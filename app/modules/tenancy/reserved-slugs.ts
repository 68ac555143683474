// Workspace addresses no customer may register: the platform's own names, every first path
// segment of Candor's URLs, and names people read as official in a URL or a subdomain (a
// custom domain per trust page, or subdomains per workspace, may come later). The platform's
// own workspace (PLATFORM_WORKSPACE_SLUG) is reserved too, for the platform only.

export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  // the platform itself
  'candor', 'platform', 'official', 'root', 'system', 'staff', 'operator', 'operators',
  // Candor's own URLs (app/routes.ts; a unit test keeps this in step)
  'trust', 'docs', 'sign-in', 'sign-out', 'app', 'onboarding', 'invitations', 'account', 'w', 't', 'p',
  'ops', 'healthz', 'readyz', 'api', 'dev', 'webhooks', 'well-known', 'notifications', 'drp',
  // names of a service's pages and subdomains
  'www', 'admin', 'administrator', 'status', 'security', 'help', 'support', 'mail', 'email', 'smtp', 'imap',
  'billing', 'static', 'assets', 'cdn', 'files', 'uploads', 'login', 'logout', 'signin', 'signup', 'sign-up',
  'register', 'auth', 'oauth', 'sso', 'saml', 'scim', 'accounts', 'dashboard', 'settings', 'privacy', 'legal',
  'terms', 'pricing', 'about', 'blog', 'news', 'careers', 'contact', 'abuse', 'postmaster', 'hostmaster',
  'webmaster', 'noreply', 'no-reply', 'test', 'example', 'internal', 'localhost',
])

/**
 * Why `slug` may not be registered here, or null when it may. The platform's own address is
 * refused unless the platform itself is creating it (`platformCreating`).
 */
export function slugRefusal(slug: string, platform: { slug: string; creating: boolean }): string | null {
  const reserved = RESERVED_SLUGS.has(slug) || slug === platform.slug
  if (!reserved) return null
  if (slug === platform.slug && platform.creating) return null
  return `The address “${slug}” is reserved; choose another.`
}
