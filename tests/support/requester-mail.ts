// Reads the newest e-mail sent to a requester, as they would open it: the 6-digit code at the
// end of the subject and the first portal link in the body.
import { ownerPool } from '~/modules/db/owner.server'
import { eventually } from './eventually'

export type RequesterMail = { subject: string; text: string; code: string | null; link: string | null }

export async function newestMailTo(email: string, subjectLike: string, after = new Date(0)): Promise<RequesterMail> {
  return eventually(
    async () => {
      const { rows } = await ownerPool().query<{ subject: string; text: string }>(
        `SELECT subject, text FROM email_message
          WHERE "to" = $1 AND subject LIKE $2 AND created_at >= $3
          ORDER BY created_at DESC LIMIT 1`,
        [email, subjectLike, after],
      )
      const mail = rows[0]
      if (!mail) return undefined
      return {
        ...mail,
        code: /(\d{6})$/.exec(mail.subject)?.[1] ?? null,
        link: /(https?:\/\/\S+\/p\/\S+)/.exec(mail.text)?.[1] ?? null,
      }
    },
    { what: `an e-mail "${subjectLike}" to ${email}` },
  )
}
