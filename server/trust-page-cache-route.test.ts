import { describe, expect, it } from 'vitest'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { trustPageOf } from './trust-page-cache-route'

describe('trustPageOf', () => {
  it.each([
    ['/t/acme', 'acme'],
    ['/t/acme/', 'acme'],
    ['/t/acme?utm_source=mail', 'acme'],
    ['/T/acme', 'acme'],
    ['/t/ac%6De', 'acme'],
  ])('reads %s as the page of %s', (url, slug) => {
    expect(trustPageOf(url)).toEqual({ slug, pagePath: `/t/${slug}` })
  })

  it('reads /trust as the platform workspace’s page', () => {
    expect(trustPageOf('/trust')).toEqual({ slug: platformWorkspaceSlug(), pagePath: '/trust' })
    expect(trustPageOf('/trust/?a=1')).toEqual({ slug: platformWorkspaceSlug(), pagePath: '/trust' })
  })

  it.each(['/t/', '/t/acme/security', '/t/acme/subprocessors/changes', '/trusted', '/t/%E0%A4%A', '/', '/w/acme/trust'])(
    'leaves %s to the app',
    (url) => {
      expect(trustPageOf(url)).toBeNull()
    },
  )
})
