// The setup a workspace's privacy portal needs and does not have yet: a data system besides
// Candor's own (else a request is answered only from what Candor itself holds) and a written
// privacy profile (else an access answer cannot say why and how data is used). The portal
// accepts requests either way (the law does not wait); the Overview, the privacy settings, the
// queue and each request page read the open steps from here, so they all say the same.
import type { Tx } from '~/modules/db/tenant.server'
import { PROFILE_FIELDS, type ProfileField } from '~/modules/dsar/privacy-settings.server'

export type SetupStep = {
  id: 'data_systems' | 'privacy_profile'
  /** What is missing, in one sentence computed from the workspace as it is now. */
  problem: string
  /** Why it matters to the people who file requests. */
  consequence: string
  /** Where an owner or admin fixes it. */
  href: string
  action: string
}

const PROFILE_KEYS = Object.keys(PROFILE_FIELDS) as ProfileField[]

/** The steps still open in the workspace `tx` works for (empty when its portal is set up). */
export async function openSetupSteps(tx: Tx, slug: string): Promise<SetupStep[]> {
  const [systems, profile] = await Promise.all([
    tx.dataSystem.count({ where: { archivedAt: null, kind: { not: 'built_in' } } }),
    tx.privacyProfile.findFirst(),
  ])
  const steps: SetupStep[] = []
  if (systems === 0) {
    steps.push({
      id: 'data_systems',
      problem: 'Candor’s own records are the only data system of this workspace.',
      consequence:
        'Requests are answered from what Candor holds about a person (their requests and e-mails), not from your product’s data: an export leaves that data out and an erasure does not reach it.',
      href: `/w/${slug}/privacy#systems`,
      action: 'Add the systems that hold personal data',
    })
  }
  const blank = PROFILE_KEYS.filter((field) => !profile || profile[field].trim() === '')
  if (blank.length > 0) {
    steps.push({
      id: 'privacy_profile',
      problem:
        blank.length === PROFILE_KEYS.length
          ? 'The privacy profile is not written yet.'
          : `${blank.length} of ${PROFILE_KEYS.length} sections of the privacy profile are blank: ${blank.map((field) => PROFILE_FIELDS[field].label).join(', ')}.`,
      consequence:
        'Every access answer tells the person why and how their data is used, from this profile; the topics left blank are named as not yet described.',
      href: `/w/${slug}/privacy#profile`,
      action: 'Write the privacy profile',
    })
  }
  return steps
}
