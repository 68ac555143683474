// Who acted, as the audit page names them, computed when the page is read from the rows that
// exist now: a member by name (or e-mail), someone who left as a former member, an API key by
// its label, Candor's own jobs by what they are, operators as Candor operators. (The CSV keeps
// its own raw actor column: list.server.ts.)
import type { Tx } from '~/modules/db/tenant.server'
import { isUuid } from '~/modules/formats/uuid'
import type { ActorType } from './filters'

/** What each of Candor's own jobs and automatic paths is, by the reason it records. */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  'backup.age-out': 'Candor (backup age-out)',
  'backup.drill': 'Candor (restore drill)',
  'backup.restore': 'Candor (backup restore)',
  'billing notices': 'Candor (billing e-mails)',
  'demo seed': 'Candor (demo data)',
  'dev mailbox': 'Candor (development mailbox)',
  'document auto-approval': 'Candor (automatic document approval)',
  'document requester': 'A visitor of the trust page',
  dpa_signer: 'A DPA signer',
  'drp.callback': 'Candor (Data Rights Protocol callback)',
  'dsar.expire': 'Candor (request expiry)',
  'dsar.export': 'Candor (export builder)',
  'dsar.remind': 'Candor (deadline reminders)',
  'dsar.task': 'Candor (request tasks)',
  'data_system.callback': 'A data system’s callback',
  'email delivery': 'Candor (e-mail delivery)',
  'incident reminders': 'Candor (incident clock reminders)',
  'keys:rotate': 'Candor (key rotation)',
  'platform incident': 'Candor (platform incidents)',
  'retention.purge': 'Candor (retention policy)',
  stripe: 'Candor (Stripe sync)',
  'subprocessor subscriber': 'A subscriber to sub-processor changes',
  'subprocessor.apply': 'Candor (sub-processor changes)',
  'subprocessor.notice': 'Candor (sub-processor notices)',
  'trust page visitor': 'A visitor of the trust page',
  'trust.checks': 'Candor (live checks)',
  vulnerability_reporter: 'A vulnerability reporter',
  'webhook.deliver': 'Candor (webhook delivery)',
  'weekly digest': 'Candor (weekly digest e-mail)',
  'weekly digest unsubscribe link': 'A member, through the digest’s unsubscribe link',
}

/** The name of a system actor from the reason it recorded; one this list does not know, as Candor (reason). */
export function systemActorName(reason: string): string {
  if (Object.hasOwn(SYSTEM_ACTORS, reason)) return SYSTEM_ACTORS[reason]!
  const agent = /^drp agent (.+)$/.exec(reason)
  if (agent) return `The Data Rights Protocol agent ${agent[1]}`
  const drill = /^backup\.drill \((.+)\)$/.exec(reason)
  if (drill) return `Candor (restore drill, ${drill[1]})`
  return `Candor (${reason})`
}

type ActorRef = { actorType: ActorType; actorId: string | null }

/** A function naming each entry's actor, after one query per kind of actor. */
export async function actorLabels(tx: Tx, workspaceId: string, entries: ActorRef[]): Promise<(entry: ActorRef) => string> {
  const idsOf = (...types: ActorType[]) => [
    ...new Set(entries.filter((e) => types.includes(e.actorType) && isUuid(e.actorId ?? '')).map((e) => e.actorId!)),
  ]
  const people = idsOf('user', 'operator')
  const [users, members, apiKeys, requests] = await Promise.all([
    tx.user.findMany({ where: { id: { in: people } }, select: { id: true, email: true, name: true } }),
    tx.membership.findMany({ where: { workspaceId, userId: { in: people } }, select: { userId: true } }),
    tx.apiKey.findMany({ where: { id: { in: idsOf('api_key') } }, select: { id: true, name: true } }),
    tx.privacyRequest.findMany({ where: { id: { in: idsOf('subject') } }, select: { id: true, reference: true } }),
  ])
  const user = new Map(users.map((row) => [row.id, row]))
  const member = new Set(members.map((row) => row.userId))
  const keyName = new Map(apiKeys.map((key) => [key.id, key.name]))
  const reference = new Map(requests.map((row) => [row.id, row.reference]))
  return ({ actorType, actorId }) => {
    const id = actorId ?? ''
    const person = user.get(id)
    switch (actorType) {
      case 'user':
        if (!person) return 'A person no longer on Candor'
        return member.has(id) ? (person.name?.trim() || person.email) : `A former member (${person.email})`
      case 'operator':
        return `Candor operator ${person ? person.name?.trim() || person.email : '(no longer on Candor)'}`
      case 'api_key':
        return keyName.has(id) ? `The API key “${keyName.get(id)}”` : 'An API key that was deleted'
      case 'system':
        return systemActorName(id)
      case 'subject':
        return reference.has(id) ? `The requester of ${reference.get(id)}` : 'A requester'
    }
  }
}
