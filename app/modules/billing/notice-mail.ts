// The e-mails of billing notices to a workspace's owners: a trial ending, a failed payment's
// grace period running and ending. Every date and plan in them is computed by effectivePlan
// (notice-schedule.ts), so the e-mail says what will happen, on which day. Pure.
import type { ComposedMail } from '~/modules/trust/subprocessor-mail'
import type { DueNotice } from './notice-schedule'
import { PLANS } from './plans'

const formatUtc = (date: Date) =>
  `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(date)} UTC`

/** "the workspace moves to Free", or to the plan a grant or trial still gives, until its end. */
const nextPlanLine = ({ next }: DueNotice) =>
  `the workspace moves to ${PLANS[next.plan].name}${next.until ? ` (until ${formatUtc(next.until)})` : ''}`

// What stays true whatever the plan (DESIGN.md, Billing): said in every notice, so nobody
// fears for their data or their data subjects.
const REASSURANCE = [
  'Nothing is deleted when a workspace moves to a smaller plan, and your privacy portal keeps working for data subjects whatever the plan.',
]

export function billingNoticeMail(input: { workspaceName: string; notice: DueNotice; billingUrl: string }): ComposedMail {
  const { notice, workspaceName } = input
  const plan = PLANS[notice.current.plan].name
  const ends = formatUtc(notice.current.until)
  const billing = ['', `Billing page: ${input.billingUrl}`]
  switch (notice.kind) {
    case 'trial_ends_in_3_days':
    case 'trial_ends_tomorrow':
      return {
        subject: `${workspaceName}: your ${plan} trial ends on ${ends}`,
        text: [
          `The ${plan} trial of ${workspaceName} ends on ${ends}. From then on ${nextPlanLine(notice)}.`,
          '',
          `To keep ${plan}, choose a plan on the billing page before then.`,
          '',
          ...REASSURANCE,
          ...billing,
        ].join('\n'),
      }
    case 'grace_started':
    case 'grace_ends_in_3_days':
      return {
        subject:
          notice.kind === 'grace_started'
            ? `${workspaceName}: a payment failed; ${plan} is kept until ${ends}`
            : `${workspaceName}: still unpaid; ${plan} ends on ${ends}`,
        text: [
          `The last payment for the ${plan} subscription of ${workspaceName} did not go through, so the subscription is past due. The workspace keeps ${plan} until ${ends}.`,
          '',
          `If the subscription is still unpaid then, ${nextPlanLine(notice)}. To keep ${plan}, pay the open invoice or update the payment method from the billing page.`,
          '',
          ...REASSURANCE,
          ...billing,
        ].join('\n'),
      }
  }
}
