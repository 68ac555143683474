// The dashboard's side navigation: Overview, then the pages grouped by what they are for, each
// entry only for a role that may open its page (the same permissions the pages' loaders ask for).
import { type Permission, type Role, can } from '~/modules/auth/permissions'

export type NavEntry = {
  label: string
  href: string
  /** Other paths that belong to this entry's page (a data system's own page is part of the privacy settings). */
  also?: string[]
}
export type NavGroup = { label: string; entries: NavEntry[] }

type Page = { label: string; path: string; permission: Permission; also?: string[] }

const GROUPS: { label: string; pages: Page[] }[] = [
  {
    label: 'Privacy desk',
    pages: [
      { label: 'Requests', path: 'requests', permission: 'requests.view' },
      { label: 'Privacy settings', path: 'privacy', permission: 'privacy.manage', also: ['data-systems'] },
      { label: 'DRP agents', path: 'drp-agents', permission: 'api_keys.manage' },
    ],
  },
  {
    label: 'Trust center',
    pages: [
      { label: 'Trust page', path: 'trust', permission: 'workspace.view' },
      { label: 'Sub-processors', path: 'subprocessors', permission: 'trust.edit' },
      { label: 'Documents', path: 'documents', permission: 'trust.documents' },
      { label: 'DPA', path: 'dpa', permission: 'dpa.manage' },
    ],
  },
  {
    label: 'Security',
    pages: [
      { label: 'Security reports', path: 'security', permission: 'security.reports' },
      { label: 'Incidents', path: 'incidents', permission: 'incidents.view' },
      { label: 'Audit log', path: 'audit', permission: 'audit.view' },
    ],
  },
  {
    label: 'Workspace',
    pages: [
      { label: 'Members', path: 'members', permission: 'members.view' },
      { label: 'API keys', path: 'api-keys', permission: 'api_keys.manage' },
      { label: 'Webhooks', path: 'webhooks', permission: 'api_keys.manage' },
      { label: 'Branding', path: 'branding', permission: 'branding.manage' },
      { label: 'Settings', path: 'settings', permission: 'security.require_2fa' },
      { label: 'Billing', path: 'settings/billing', permission: 'billing.manage' },
    ],
  },
]

/** Overview on top, then each group with the entries `role` may open (a group left empty is left out). */
export function dashboardNav(role: Role, slug: string): { overview: NavEntry; groups: NavGroup[] } {
  const base = `/w/${slug}`
  const groups = GROUPS.map((group) => ({
    label: group.label,
    entries: group.pages
      .filter((page) => can(role, page.permission))
      .map((page) => ({ label: page.label, href: `${base}/${page.path}`, ...(page.also ? { also: page.also.map((p) => `${base}/${p}`) } : {}) })),
  })).filter((group) => group.entries.length > 0)
  return { overview: { label: 'Overview', href: base }, groups }
}

/**
 * Whether `role` may open the dashboard page `href` leads to (`/w/<slug>/<path>`, a query or an
 * anchor aside): the permission of the navigation entry it is, or is beneath; pages outside the
 * navigation (a request, a section of the trust page) are those of their entry.
 */
export function mayOpen(role: Role, href: string): boolean {
  const path = /^\/w\/[^/]+\/([^?#]*)/.exec(href)?.[1]?.replace(/\/+$/, '')
  if (path === undefined || path === '') return true
  const pages = GROUPS.flatMap((group) => group.pages)
  const page = pages
    .filter((p) => [p.path, ...(p.also ?? [])].some((candidate) => path === candidate || path.startsWith(`${candidate}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]
  return page ? can(role, page.permission) : true
}

const within = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`)

/**
 * The href of the entry whose page `pathname` is, or null: the longest match wins (Billing at
 * /settings/billing, not Settings); Overview only at the workspace's own address.
 */
export function currentHref(nav: { overview: NavEntry; groups: NavGroup[] }, pathname: string): string | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (path === nav.overview.href) return nav.overview.href
  let best: { href: string; length: number } | null = null
  for (const entry of nav.groups.flatMap((group) => group.entries)) {
    for (const candidate of [entry.href, ...(entry.also ?? [])]) {
      if (within(path, candidate) && (!best || candidate.length > best.length)) best = { href: entry.href, length: candidate.length }
    }
  }
  return best?.href ?? null
}
