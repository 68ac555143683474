// The Overview's setup checklist (issue 18): the nine things a new workspace sets up, each DONE
// only when the rows say so at the moment of the view. Nothing is stored about the steps
// themselves; a member may only hide the list for themselves (membership.setup_checklist_hidden_at).
// Each step's `status` is one sentence computed from the same rows as its `done`.
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { loadDpaSetup } from '~/modules/dpa/settings.server'
import { readContent } from '~/modules/trust/content'
import { twoFactorCheck } from '~/modules/trust/checks.server'
import { checkFixHref } from '~/modules/trust/checks'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'

export const CHECKLIST_STEP_IDS = [
  'company_profile',
  'trust_page',
  'subprocessors',
  'dpa',
  'nda_documents',
  'privacy_profile',
  'data_systems',
  'members_2fa',
  'disclosure_policy',
] as const
export type ChecklistStepId = (typeof CHECKLIST_STEP_IDS)[number]

export type ChecklistStep = {
  id: ChecklistStepId
  title: string
  done: boolean
  /** What is true now, in one sentence computed from the rows. */
  status: string
  href: string
  action: string
}

export type SetupChecklist = { steps: ChecklistStep[]; done: number; total: number; hidden: boolean }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

type Workspace = { id: string; slug: string; name: string }

/** The trust page as the editor shows it: the draft, else the latest published version. */
async function trustContent(tx: Tx, name: string) {
  const [draft, latest] = await Promise.all([
    tx.trustPageDraft.findFirst({ select: { content: true } }),
    tx.trustPageVersion.findFirst({ orderBy: { number: 'desc' }, select: { number: true, content: true } }),
  ])
  return {
    draft: readContent(draft?.content ?? latest?.content ?? null, name),
    published: latest ? { number: latest.number, content: readContent(latest.content, name) } : null,
  }
}

/** Company profile: the trust page's overview summary and contact e-mail are written. */
function companyProfileStep(base: string, draft: ReturnType<typeof readContent>): ChecklistStep {
  const missing = [
    ...(draft.overview.summary.trim() === '' ? ['the company summary'] : []),
    ...(draft.contact.email === '' ? ['the security and privacy contact e-mail'] : []),
  ]
  return {
    id: 'company_profile',
    title: 'Company profile',
    done: missing.length === 0,
    status: missing.length === 0 ? 'The summary and the contact e-mail are written.' : `Not written yet: ${missing.join(' and ')}.`,
    // To the section still missing, the overview first.
    href: `${base}/trust/${draft.overview.summary.trim() === '' ? 'overview' : 'contact'}`,
    action: 'Write the overview and contact',
  }
}

/** Trust page: a version is published, and it has a summary and at least one control. */
function trustPageStep(base: string, published: Awaited<ReturnType<typeof trustContent>>['published'], draftControls: number): ChecklistStep {
  const step = { id: 'trust_page' as const, title: 'Trust page', href: `${base}/trust`, action: 'Review and publish the trust page' }
  if (!published) {
    const drafted = draftControls > 0 ? ` The draft has ${plural(draftControls, 'control')}.` : ''
    return { ...step, done: false, status: `Not published yet.${drafted}` }
  }
  const { number, content } = published
  const lacks = [
    ...(content.overview.summary.trim() === '' ? ['no summary'] : []),
    ...(content.controls.length === 0 ? ['no controls'] : []),
  ]
  return lacks.length === 0
    ? { ...step, done: true, status: `Version ${number} is published, with ${plural(content.controls.length, 'control')}.` }
    : { ...step, done: false, status: `Version ${number} is published, but it has ${lacks.join(' and ')}.` }
}

/** The nine steps of the workspace `tx` works for, read now. */
export async function checklistSteps(tx: Tx, workspace: Workspace): Promise<ChecklistStep[]> {
  const base = `/w/${workspace.slug}`
  const [trust, listed, drafts, dpa, nda, documents, portal, twoFactor, policy] = await Promise.all([
    trustContent(tx, workspace.name),
    tx.subprocessor.count(),
    tx.subprocessorChange.count({ where: { kind: 'add', state: 'draft' } }),
    loadDpaSetup(tx),
    tx.trustNdaVersion.count(),
    tx.trustDocument.count({ where: { removedAt: null } }),
    openSetupSteps(tx, workspace.slug),
    twoFactorCheck(tx, workspace.id),
    tx.disclosurePolicy.findFirst({ select: { securityContactEmail: true, policy: true } }),
  ])
  const portalStep = (id: 'privacy_profile' | 'data_systems') => portal.find((step) => step.id === id)
  const profile = portalStep('privacy_profile')
  const systems = portalStep('data_systems')
  const draftNote = drafts > 0 ? ` ${plural(drafts, 'suggested addition')} waiting for your review.` : ''
  const policyMissing = [
    ...(!policy?.securityContactEmail ? ['a security contact'] : []),
    ...(!policy || policy.policy.trim() === '' ? ['the policy text'] : []),
  ]
  return [
    companyProfileStep(base, trust.draft),
    trustPageStep(base, trust.published, trust.draft.controls.length),
    {
      id: 'subprocessors',
      title: 'Sub-processors',
      done: listed > 0,
      status: (listed > 0 ? `${plural(listed, 'sub-processor')} listed.` : 'None listed yet.') + draftNote,
      href: `${base}/subprocessors`,
      action: 'List your sub-processors',
    },
    {
      id: 'dpa',
      title: 'Data processing agreement',
      done: dpa !== null,
      status: dpa
        ? `Offered to sign, template version ${dpa.template.number}, naming ${dpa.settings.legalName}.`
        : 'Not set up: customers cannot sign your DPA yet.',
      href: `${base}/dpa`,
      action: 'Set up the DPA',
    },
    {
      id: 'nda_documents',
      title: 'NDA and documents',
      done: nda > 0 && documents > 0,
      status: `${nda > 0 ? 'An NDA is written' : 'No NDA yet'}; ${documents > 0 ? plural(documents, 'document') : 'no documents'} on the trust page.`,
      href: `${base}/documents`,
      action: 'Write the NDA and upload documents',
    },
    {
      id: 'privacy_profile',
      title: 'Privacy profile',
      done: !profile,
      status: profile ? profile.problem : 'Every section of the privacy profile is written.',
      href: `${base}/privacy#profile`,
      action: 'Write the privacy profile',
    },
    {
      id: 'data_systems',
      title: 'Data systems',
      done: !systems,
      status: systems ? systems.problem : 'Requests reach at least one of your own data systems.',
      href: `${base}/privacy#systems`,
      action: 'Connect the systems that hold personal data',
    },
    {
      id: 'members_2fa',
      title: 'Members and 2FA',
      done: twoFactor.passed,
      status: twoFactor.summary,
      href: checkFixHref(base, 'two_factor'),
      action: 'See who has two-factor sign-in',
    },
    {
      id: 'disclosure_policy',
      title: 'Disclosure policy',
      done: policyMissing.length === 0,
      status: policyMissing.length === 0 ? 'Saved, with a security contact and the policy text.' : `Not saved yet: it needs ${policyMissing.join(' and ')}.`,
      href: `${base}/security/settings`,
      action: 'Review the disclosure policy',
    },
  ]
}

/** The checklist as `member` sees it on the Overview. */
export async function loadChecklist(member: Pick<Member, 'tenant' | 'user' | 'workspace'>): Promise<SetupChecklist> {
  return withTenant(member.tenant, async (tx) => {
    const [steps, membership] = await Promise.all([
      checklistSteps(tx, member.workspace),
      tx.membership.findFirst({ where: { userId: member.user.id }, select: { setupChecklistHiddenAt: true } }),
    ])
    const done = steps.filter((step) => step.done).length
    return { steps, done, total: steps.length, hidden: Boolean(membership?.setupChecklistHiddenAt) }
  })
}

/** Hide the checklist for this member only, or show it again. */
export async function setChecklistHidden(member: Pick<Member, 'tenant' | 'user'>, hidden: boolean, now = new Date()): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    await tx.membership.updateMany({ where: { userId: member.user.id }, data: { setupChecklistHiddenAt: hidden ? now : null } })
  })
}
