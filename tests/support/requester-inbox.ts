// Keeps every e-mail sent to one requester as it arrives. An erasure deletes the e-mails Candor
// sent to the subject from its outbox moments after they are queued, so a test that reads them
// afterwards (a follow link, or every sentence the subject was told) watches the outbox instead.
import { ownerPool } from '~/modules/db/owner.server'
import { eventually } from './eventually'

export type KeptMail = { id: string; subject: string; text: string; createdAt: Date }

export function watchInbox(email: string, everyMs = 50) {
  const kept = new Map<string, KeptMail>()
  let stopped = false
  const poll = async () => {
    while (!stopped) {
      const { rows } = await ownerPool().query<{ id: string; subject: string; text: string; created_at: Date }>(
        'SELECT id, subject, text, created_at FROM email_message WHERE "to" = $1',
        [email],
      )
      for (const row of rows) kept.set(row.id, { id: row.id, subject: row.subject, text: row.text, createdAt: row.created_at })
      await new Promise((resolve) => setTimeout(resolve, everyMs))
    }
  }
  const running = poll()
  return {
    all: () => [...kept.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    /** The newest kept e-mail whose subject matches, waiting for it to arrive. */
    newest: (subject: RegExp, after = new Date(0)) =>
      eventually(async () => [...kept.values()].filter((m) => subject.test(m.subject) && m.createdAt >= after).at(-1), {
        what: `an e-mail ${subject} to ${email}`,
      }),
    stop: async () => {
      stopped = true
      await running
    },
  }
}
