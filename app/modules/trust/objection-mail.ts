// The e-mail that tells a workspace's members a subscriber objected to an announced
// sub-processor change. Pure. It names the change (written by the workspace's own members) and
// how many objections it has, never the objector's address or reason: those were typed on a
// public page by someone outside the workspace (a reason could carry any link or claim), and
// members' copies of e-mails stay in mailboxes after the objection's data is gone. Members read
// both on the sub-processors page after signing in.
import type { ComposedMail } from './subprocessor-mail'
import { type DescribedChange, changeTitle } from './subprocessor-text'

export function objectionMail(input: {
  workspaceName: string
  change: Pick<DescribedChange, 'kind' | 'name' | 'effectiveOn'>
  /** Objections to the change, this one included, when the e-mail was written. */
  objections: number
  subprocessorsUrl: string
}): ComposedMail {
  return {
    subject: `${input.workspaceName}: an objection to the sub-processor change “${input.change.name}”`,
    text: [
      `A subscriber to ${input.workspaceName}’s sub-processor notices objected to an announced change.`,
      '',
      `Change: ${changeTitle(input.change)}`,
      `Objections to this change: ${input.objections} (counted when this e-mail was written)`,
      '',
      `Read the objection on the sub-processors page (you may need to sign in): ${input.subprocessorsUrl}`,
      'Who objected and why are shown there, not in e-mails.',
    ].join('\n'),
  }
}
