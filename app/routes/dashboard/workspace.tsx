// /w/:slug — the dashboard frame of one workspace. Its loader is the membership gate for
// every page beneath it; each page's own loader and action still call requireMember with the
// permission it needs (loaders of nested routes run in parallel, so this one cannot guard them).
import type { ReactNode } from 'react'
import { Form, Link, Outlet, useRouteLoaderData } from 'react-router'
import { AccountBar } from '~/components/account-bar'
import { DashboardNav } from '~/components/dashboard-nav'
import { PlatformIncidentBanners } from '~/components/platform-incident-banner'
import { requireMember } from '~/modules/auth/member.server'
import { planBanners } from '~/modules/billing/plan-banners.server'
import { withTenant } from '~/modules/db/tenant.server'
import { incidentsHere } from '~/modules/platform-incidents/dashboard.server'
import { dashboardNav } from '~/modules/workspace/dashboard-nav'
import { ErrorBoundary as PageErrorBoundary, errorWords } from '~/root'
import type { Route } from './+types/workspace'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  return {
    workspace: member.workspace,
    role: member.role,
    email: member.user.email,
    nav: dashboardNav(member.role, member.workspace.slug),
    banners: await planBanners(member),
    platformIncidents: await withTenant(member.tenant, (tx) => incidentsHere(tx)),
    impersonation: member.impersonation
      ? { endsAt: member.impersonation.endsAt.toISOString().slice(11, 16), reason: member.impersonation.reason }
      : null,
  }
}

type Frame = Awaited<ReturnType<typeof loader>>

export default function Workspace({ loaderData }: Route.ComponentProps) {
  return (
    <WorkspaceFrame frame={loaderData}>
      <Outlet />
    </WorkspaceFrame>
  )
}

/**
 * A page of the workspace that failed (a role that may not open it, a request not found): its
 * message inside the workspace's frame, so the navigation stays; the whole-page error when the
 * frame itself could not load.
 */
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
  const frame = useRouteLoaderData<Frame>('routes/dashboard/workspace')
  if (!frame) return <PageErrorBoundary error={error} params={params} />
  const { title, detail } = errorWords(error)
  return (
    <WorkspaceFrame frame={frame}>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 max-w-2xl text-slate-600">{detail}</p>
      <p className="mt-6">
        <Link to={frame.nav.overview.href} className="text-brand-700 underline">
          Back to the overview
        </Link>
      </p>
    </WorkspaceFrame>
  )
}

function WorkspaceFrame({ frame: loaderData, children }: { frame: Frame; children: ReactNode }) {
  const { workspace, role, email, impersonation } = loaderData
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-4 focus:left-4 focus:z-30 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to the content
      </a>
      {impersonation ? (
        <div role="status" className="bg-amber-100 px-6 py-2 text-sm text-amber-900">
          <div className="mx-auto flex max-w-7xl items-center justify-between gap-4">
            <span>
              <strong>Operator view of {workspace.name}</strong> — read-only, until {impersonation.endsAt} UTC. Reason:{' '}
              {impersonation.reason}
            </span>
            <Form method="post" action="/ops/end">
              <button type="submit" className="rounded border border-amber-700 px-2 py-0.5 hover:bg-amber-200">
                End
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      <AccountBar email={email} wide>
        <span className="hidden text-slate-300 sm:inline" aria-hidden="true">
          /
        </span>
        <span className="min-w-0 truncate font-medium text-ink" title={workspace.name}>
          {workspace.name}
        </span>
        <span className="badge badge-neutral shrink-0">{role}</span>
      </AccountBar>
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:grid lg:grid-cols-[12.5rem_minmax(0,1fr)] lg:gap-6 lg:px-8">
        <DashboardNav nav={loaderData.nav} />
        <main id="main" className="min-w-0 py-4 lg:py-8">
          <PlatformIncidentBanners incidents={loaderData.platformIncidents} />
          {loaderData.banners.map((banner) => (
            <p
              key={banner.text}
              role="status"
              className={`mb-4 rounded-xl border px-4 py-2.5 text-sm ${banner.tone === 'warning' ? 'border-amber-200 bg-amber-50 text-amber-900' : 'border-sky-200 bg-sky-50 text-sky-900'}`}
            >
              {banner.text}
              {banner.link ? (
                <>
                  {' '}
                  <a className="font-medium underline" href={banner.link.href}>
                    {banner.link.label}
                  </a>
                </>
              ) : null}
            </p>
          ))}
          <div className="dash-panel">{children}</div>
        </main>
      </div>
    </div>
  )
}
