import { describe, expect, it } from 'vitest'
import type { Role } from '~/modules/auth/permissions'
import { currentHref, dashboardNav, mayOpen } from './dashboard-nav'

const labels = (role: Role) =>
  Object.fromEntries(dashboardNav(role, 'acme').groups.map((group) => [group.label, group.entries.map((entry) => entry.label)]))

describe('dashboardNav', () => {
  it('gives an owner every page, grouped by what it is for', () => {
    expect(labels('owner')).toEqual({
      'Privacy desk': ['Requests', 'Privacy settings', 'DRP agents'],
      'Trust center': ['Trust page', 'Sub-processors', 'Documents', 'DPA'],
      Security: ['Security reports', 'Incidents', 'Audit log'],
      Workspace: ['Members', 'API keys', 'Webhooks', 'Branding', 'Settings', 'Billing'],
    })
    expect(dashboardNav('owner', 'acme').overview).toEqual({ label: 'Overview', href: '/w/acme' })
  })

  it('shows an agent and a viewer only the pages their role opens', () => {
    expect(labels('admin').Workspace).toEqual(['Members', 'API keys', 'Webhooks', 'Branding', 'Settings'])
    expect(labels('agent')).toEqual({
      'Privacy desk': ['Requests'],
      'Trust center': ['Trust page'],
      Security: ['Incidents'],
      Workspace: ['Members'],
    })
    expect(labels('viewer').Security).toEqual(['Incidents', 'Audit log'])
  })
})

describe('currentHref', () => {
  const nav = dashboardNav('owner', 'acme')
  it.each([
    ['/w/acme', '/w/acme'],
    ['/w/acme/', '/w/acme'],
    ['/w/acme/requests/R-123', '/w/acme/requests'],
    ['/w/acme/settings', '/w/acme/settings'],
    ['/w/acme/settings/billing', '/w/acme/settings/billing'],
    ['/w/acme/data-systems/new/postgres', '/w/acme/privacy'],
    ['/w/acme/security/settings', '/w/acme/security'],
    ['/w/acme/trust/versions', '/w/acme/trust'],
    ['/w/acme/trustworthy', null],
    ['/w/other/requests', null],
  ])('%s is the page of %s', (pathname, href) => {
    expect(currentHref(nav, pathname)).toBe(href)
  })

  it('marks nothing for a page the role has no entry for', () => {
    expect(currentHref(dashboardNav('agent', 'acme'), '/w/acme/settings/billing')).toBeNull()
  })
})

describe('mayOpen', () => {
  it('answers with the permission of the page a link leads to, its query and anchor aside', () => {
    expect(mayOpen('viewer', '/w/acme/dpa')).toBe(false)
    expect(mayOpen('viewer', '/w/acme/privacy#profile')).toBe(false)
    expect(mayOpen('viewer', '/w/acme/members?twoFactor=off')).toBe(true)
    expect(mayOpen('viewer', '/w/acme/trust/contact')).toBe(true)
    expect(mayOpen('admin', '/w/acme/settings/billing')).toBe(false)
    expect(mayOpen('owner', '/w/acme/settings/billing')).toBe(true)
    expect(mayOpen('agent', '/w/acme/data-systems/0b7d5d5e')).toBe(false)
    expect(mayOpen('viewer', '/w/acme')).toBe(true)
  })
})
