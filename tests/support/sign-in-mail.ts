// Reads the newest sign-in e-mail sent to an address, as the person would open it: the 6-digit
// code from the subject and the magic link from the body.
import { ownerPool } from '~/modules/db/owner.server'
import { eventually } from './eventually'

export type SignInMail = { code: string; link: string; sentAt: Date }

export async function newestSignInMail(email: string, after = new Date(0)): Promise<SignInMail> {
  return eventually(
    async () => {
      const { rows } = await ownerPool().query<{ subject: string; text: string; created_at: Date }>(
        `SELECT subject, text, created_at FROM email_message
          WHERE "to" = $1 AND subject LIKE 'Your Candor sign-in code:%' AND created_at >= $2
          ORDER BY created_at DESC LIMIT 1`,
        [email, after],
      )
      const mail = rows[0]
      if (!mail) return undefined
      const code = /(\d{6})$/.exec(mail.subject)?.[1]
      const link = /(https?:\/\/\S+\/sign-in\/link\?t=\S+)/.exec(mail.text)?.[1]
      if (!code || !link) throw new Error(`unexpected sign-in e-mail: ${mail.subject}\n${mail.text}`)
      return { code, link, sentAt: mail.created_at }
    },
    { what: `a sign-in e-mail to ${email}` },
  )
}
