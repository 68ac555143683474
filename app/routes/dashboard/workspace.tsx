// /w/:slug — the dashboard frame of one workspace. Its loader is the membership gate for
// every page beneath it; each page's own loader and action still call requireMember with the
// permission it needs (loaders of nested routes run in parallel, so this one cannot guard them).
import { Form, NavLink, Outlet } from 'react-router'
import { AccountBar } from '~/components/account-bar'
import { PlatformIncidentBanners } from '~/components/platform-incident-banner'
import { requireMember } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { planBanners } from '~/modules/billing/plan-banners.server'
import { withTenant } from '~/modules/db/tenant.server'
import { incidentsHere } from '~/modules/platform-incidents/dashboard.server'
import type { Route } from './+types/workspace'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  return {
    workspace: member.workspace,
    role: member.role,
    email: member.user.email,
    canSettings: can(member.role, 'security.require_2fa'),
    canApiKeys: can(member.role, 'api_keys.manage'),
    canAudit: can(member.role, 'audit.view'),
    canRequests: can(member.role, 'requests.view'),
    canPrivacy: can(member.role, 'privacy.manage'),
    canSubprocessors: can(member.role, 'trust.edit'),
    canDocuments: can(member.role, 'trust.documents'),
    canSecurity: can(member.role, 'security.reports'),
    canDpa: can(member.role, 'dpa.manage'),
    canIncidents: can(member.role, 'incidents.view'),
    banners: await planBanners(member),
    platformIncidents: await withTenant(member.tenant, (tx) => incidentsHere(tx)),
    canBilling: can(member.role, 'billing.manage'),
    impersonation: member.impersonation
      ? { endsAt: member.impersonation.endsAt.toISOString().slice(11, 16), reason: member.impersonation.reason }
      : null,
  }
}

export default function Workspace({ loaderData }: Route.ComponentProps) {
  const { workspace, role, email, canSettings, canApiKeys, canAudit, canRequests, canPrivacy, canSecurity, impersonation } =
    loaderData
  const base = `/w/${workspace.slug}`
  const tab = ({ isActive }: { isActive: boolean }) =>
    `border-b-2 px-1 pb-2 ${isActive ? 'border-brand-600 font-medium text-ink' : 'border-transparent text-slate-600 hover:text-ink'}`
  return (
    <>
      {impersonation ? (
        <div role="status" className="bg-amber-100 px-6 py-2 text-sm text-amber-900">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4">
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
      <AccountBar email={email}>
        <span className="text-slate-400" aria-hidden="true">
          /
        </span>
        <span className="font-medium">{workspace.name}</span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{role}</span>
      </AccountBar>
      <nav aria-label="Workspace" className="border-b border-slate-200 bg-white">
        {/* On a phone the tabs scroll sideways within the bar, not the whole page; on a wider
            screen they wrap, so that every tab stays in sight. */}
        <div className="mx-auto flex max-w-6xl gap-x-6 gap-y-1 overflow-x-auto whitespace-nowrap px-4 pt-3 text-sm sm:flex-wrap sm:overflow-visible sm:px-6">
          <NavLink to={base} end className={tab}>
            Overview
          </NavLink>
          {canRequests ? (
            <NavLink to={`${base}/requests`} className={tab}>
              Requests
            </NavLink>
          ) : null}
          <NavLink to={`${base}/trust`} className={tab}>
            Trust page
          </NavLink>
          <NavLink to={`${base}/members`} className={tab}>
            Members
          </NavLink>
          {canApiKeys ? (
            <NavLink to={`${base}/api-keys`} className={tab}>
              API keys
            </NavLink>
          ) : null}
          {canApiKeys ? (
            <NavLink to={`${base}/webhooks`} className={tab}>
              Webhooks
            </NavLink>
          ) : null}
          {canApiKeys ? (
            <NavLink to={`${base}/drp-agents`} className={tab}>
              DRP agents
            </NavLink>
          ) : null}
          {canAudit ? (
            <NavLink to={`${base}/audit`} className={tab}>
              Audit log
            </NavLink>
          ) : null}
          {loaderData.canSubprocessors ? (
            <NavLink to={`${base}/subprocessors`} className={tab}>
              Sub-processors
            </NavLink>
          ) : null}
          {loaderData.canDocuments ? (
            <NavLink to={`${base}/documents`} className={tab}>
              Documents
            </NavLink>
          ) : null}
          {canPrivacy ? (
            <NavLink to={`${base}/privacy`} className={tab}>
              Privacy
            </NavLink>
          ) : null}
          {canSecurity ? (
            <NavLink to={`${base}/security`} className={tab}>
              Security
            </NavLink>
          ) : null}
          {loaderData.canIncidents ? (
            <NavLink to={`${base}/incidents`} className={tab}>
              Incidents
            </NavLink>
          ) : null}
          {loaderData.canDpa ? (
            <NavLink to={`${base}/dpa`} className={tab}>
              DPA
            </NavLink>
          ) : null}
          {canSettings ? (
            <NavLink to={`${base}/settings`} className={tab}>
              Settings
            </NavLink>
          ) : null}
          {loaderData.canBilling ? (
            <NavLink to={`${base}/settings/billing`} className={tab}>
              Billing
            </NavLink>
          ) : null}
        </div>
      </nav>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <PlatformIncidentBanners incidents={loaderData.platformIncidents} />
        {loaderData.banners.map((banner) => (
          <p
            key={banner.text}
            role="status"
            className={`mb-6 rounded border px-3 py-2 text-sm ${banner.tone === 'warning' ? 'border-amber-200 bg-amber-50 text-amber-900' : 'border-sky-200 bg-sky-50 text-sky-900'}`}
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
        <Outlet />
      </main>
    </>
  )
}
