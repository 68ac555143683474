// /w/:slug/branding — the workspace's logo and accent colour, as the trust page, the privacy
// portal and the e-mails to requesters and visitors show them (decision 039). Owners and admins
// only. Works without JavaScript (plain forms, a multipart upload); with it, the preview follows
// the colour as it is typed.
import { useEffect, useState } from 'react'
import { data } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { AccentSection, LogoSection } from '~/components/branding/branding-forms'
import { BrandPreview } from '~/components/branding/brand-preview'
import { requireMember } from '~/modules/auth/member.server'
import { brandingAction } from '~/modules/branding/branding-actions.server'
import { loadBrandingPage } from '~/modules/branding/branding.server'
import { CANDOR_ACCENT } from '~/modules/branding/accent-colour'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/branding'

export const meta: Route.MetaFunction = () => [{ title: 'Branding — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'branding.manage')
  const page = await loadBrandingPage(member)
  return { ...page, workspaceName: member.workspace.name, slug: member.workspace.slug, candorAccent: CANDOR_ACCENT }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'branding.manage')
  const outcome = await brandingAction(member, request, requestOrigin(request, context))
  return outcome.ok ? { notice: outcome.notice } : data(outcome, { status: outcome.status })
}

const FIELD_OF: Record<string, string> = { logo: 'The logo', accent: 'The colour' }

export default function Branding({ loaderData, actionData }: Route.ComponentProps) {
  const refusal = actionData && 'error' in actionData ? actionData : null
  const notice = actionData && 'notice' in actionData ? actionData.notice : null
  const { brand } = loaderData
  const [liveColour, setLiveColour] = useState<string | null>(null)
  // A saved colour ends the preview of a typed one.
  useEffect(() => setLiveColour(null), [brand.accentColour])
  return (
    <>
      <h1 className="text-2xl font-semibold">Branding</h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        Your logo and accent colour appear on your trust page, your privacy portal and the e-mails Candor sends to requesters and
        trust-page visitors on your behalf. E-mails to your team stay Candor’s.
      </p>
      {/* A field's refusal is said beside the field; the alert only points to it. */}
      <FormAlert message={refusal ? (FIELD_OF[refusal.intent ?? ''] ? `${FIELD_OF[refusal.intent ?? '']} was not saved: see below.` : refusal.error) : undefined} />
      {notice ? (
        <p role="status" className="mt-4 rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {notice}
        </p>
      ) : null}
      <div className="mt-8 grid gap-10 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div>
          <LogoSection brand={brand} workspaceName={loaderData.workspaceName} error={refusal?.intent === 'logo' ? refusal.error : undefined} />
          <AccentSection
            key={brand.accentColour ?? 'candor'}
            brand={brand}
            candorAccent={loaderData.candorAccent}
            error={refusal?.intent === 'accent' ? refusal.error : undefined}
            suggestion={refusal?.intent === 'accent' ? refusal.suggestion : undefined}
            typed={refusal?.intent === 'accent' ? refusal.values.accentColor : undefined}
            onColour={setLiveColour}
          />
        </div>
        <BrandPreview brand={brand} workspaceName={loaderData.workspaceName} slug={loaderData.slug} liveColour={liveColour} />
      </div>
    </>
  )
}
