// A person's own choices of the e-mails they get about work (/account/notifications): per
// workspace, the kinds their role there can get, and their time zone. Read and written through
// withUser, so row-level security (notification_preference_own) keeps every query to the
// person's own rows in workspaces they belong to. Only departures from the role's default are
// stored: a choice equal to the default deletes the row, so a later change of defaults reaches
// everyone who never chose. Not audited (decision 029).
import { z } from 'zod'
import type { Role } from '~/modules/auth/permissions'
import { type Tx, withUser } from '~/modules/db/tenant.server'
import { isTimeZone } from '~/modules/dsar/privacy-settings.server'
import { KINDS, type NotificationKind, NOTIFICATION_KINDS, isNotificationKind, kindsFor, receives } from './kinds'

export type KindChoice = {
  kind: NotificationKind
  label: string
  explains: string
  /** Sent whatever the person chose (no checkbox). */
  required: boolean
  /** What the person's role gets until they choose. */
  byDefault: boolean
  /** Whether they get it now. */
  on: boolean
}

export type WorkspaceChoices = { id: string; name: string; role: Role; timeZone: string; kinds: KindChoice[] }

export type Preferences = {
  /** The person's IANA time zone; null: each workspace's own. */
  timeZone: string | null
  workspaces: WorkspaceChoices[]
}

const CHOICE_LIMIT = NOTIFICATION_KINDS.length
const RELOAD = 'Reload the page and choose again.'

const UNKNOWN_KIND = `The form names an e-mail Candor does not send. ${RELOAD}`
/** A kind's name as a form sends it (a file or an overlong value is no kind). */
const kindField = z.string(UNKNOWN_KIND).max(64, UNKNOWN_KIND)

/** One workspace's form: the kinds it showed (`shown`) and, of those, the ones ticked (`on`). */
export const kindChoicesInput = z
  .object({
    workspaceId: z.uuid(`That is not one of your workspaces. ${RELOAD}`),
    shown: z
      .array(kindField)
      .min(1, `The form names no e-mails to choose. ${RELOAD}`)
      .max(CHOICE_LIMIT, `The form names more e-mails than Candor sends. ${RELOAD}`),
    on: z.array(kindField).max(CHOICE_LIMIT, `The form names more e-mails than Candor sends. ${RELOAD}`),
  })
  .refine((input) => input.shown.every(isNotificationKind), UNKNOWN_KIND)
  .refine((input) => input.on.every((kind) => input.shown.includes(kind)), `The form ticks an e-mail it does not show. ${RELOAD}`)
  .transform((input) => ({
    workspaceId: input.workspaceId,
    shown: [...new Set(input.shown)] as NotificationKind[],
    on: new Set(input.on),
  }))

export type KindChoicesInput = z.output<typeof kindChoicesInput>

/** The time zone form: a zone Intl knows, or empty for "the workspace's time zone". */
export const timeZoneInput = z.object({
  timeZone: z
    .string()
    .trim()
    .max(64, 'Choose a time zone from the list, e.g. Europe/Berlin.')
    .refine((zone) => zone === '' || isTimeZone(zone), 'Choose a time zone from the list, e.g. Europe/Berlin.')
    .transform((zone) => zone || null),
})

export async function loadPreferences(userId: string): Promise<Preferences> {
  return withUser(userId, async (tx) => {
    const [user, memberships, stored] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } }),
      tx.membership.findMany({
        where: { userId, workspace: { deletedAt: null } },
        select: { role: true, workspace: { select: { id: true, name: true, timeZone: true } } },
        orderBy: [{ workspace: { name: 'asc' } }, { createdAt: 'asc' }],
      }),
      tx.notificationPreference.findMany({ where: { userId }, select: { workspaceId: true, kind: true, enabled: true } }),
    ])
    return {
      timeZone: user.timeZone,
      workspaces: memberships.map(({ role, workspace }) => ({
        ...workspace,
        role,
        kinds: kindsFor(role).map((kind) => {
          const chosen = stored.find((row) => row.workspaceId === workspace.id && row.kind === kind)?.enabled
          return {
            kind,
            label: KINDS[kind].label,
            explains: KINDS[kind].explains,
            required: KINDS[kind].required === true,
            byDefault: receives(kind, role, undefined),
            on: receives(kind, role, chosen),
          }
        }),
      })),
    }
  })
}

export type KindChoicesResult =
  | { outcome: 'saved'; workspaceName: string; nowOn: NotificationKind[]; nowOff: NotificationKind[] }
  | { outcome: 'refused'; message: string }

/**
 * Save one workspace's choices for the kinds its form showed; kinds it did not show (a role
 * changed since the page was loaded) keep what they were. Everything is checked before the first
 * write, so a refusal changes nothing.
 */
export async function saveKindChoices(userId: string, input: KindChoicesInput): Promise<KindChoicesResult> {
  return withUser(userId, async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { userId, workspaceId: input.workspaceId, workspace: { deletedAt: null } },
      select: { role: true, workspace: { select: { name: true } } },
    })
    // A workspace that does not exist and one the person is not in get the same answer.
    if (!membership) return { outcome: 'refused', message: `That is not one of your workspaces. ${RELOAD}` }
    const { role } = membership
    const workspaceName = membership.workspace.name
    const notTheirs = input.shown.find((kind) => !kindsFor(role).includes(kind))
    if (notTheirs) {
      return {
        outcome: 'refused',
        message: `As ${role} of ${workspaceName} you do not get “${KINDS[notTheirs].label}”. Your role may have changed: ${RELOAD.toLowerCase()}`,
      }
    }
    const required = input.shown.find((kind) => KINDS[kind].required)
    if (required) return { outcome: 'refused', message: `“${KINDS[required].label}” is always sent; it cannot be turned off. ${RELOAD}` }
    const stored = await tx.notificationPreference.findMany({
      where: { userId, workspaceId: input.workspaceId, kind: { in: input.shown } },
      select: { kind: true, enabled: true },
    })
    const nowOn: NotificationKind[] = []
    const nowOff: NotificationKind[] = []
    for (const kind of input.shown) {
      const wanted = input.on.has(kind)
      const before = receives(kind, role, stored.find((row) => row.kind === kind)?.enabled)
      await storeChoice(tx, { workspaceId: input.workspaceId, userId, kind }, wanted === receives(kind, role, undefined) ? null : wanted)
      if (wanted !== before) (wanted ? nowOn : nowOff).push(kind)
    }
    return { outcome: 'saved', workspaceName, nowOn, nowOff }
  })
}

/** Store a departure from the default, or (null) forget the choice. */
async function storeChoice(tx: Tx, key: { workspaceId: string; userId: string; kind: NotificationKind }, enabled: boolean | null) {
  if (enabled === null) {
    await tx.notificationPreference.deleteMany({ where: key })
    return
  }
  await tx.notificationPreference.upsert({
    where: { workspaceId_userId_kind: key },
    create: { ...key, enabled },
    update: { enabled, updatedAt: new Date() },
  })
}

/** Set the person's time zone (null: each workspace's own). */
export async function saveTimeZone(userId: string, timeZone: string | null): Promise<void> {
  await withUser(userId, (tx) => tx.user.update({ where: { id: userId }, data: { timeZone } }))
}

const listed = (kinds: NotificationKind[]) => {
  const labels = kinds.map((kind) => `“${KINDS[kind].label}”`)
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
}

/** What a save did, in the words the page shows. */
export function savedMessage(result: Extract<KindChoicesResult, { outcome: 'saved' }>): string {
  const { workspaceName, nowOn, nowOff } = result
  if (nowOn.length === 0 && nowOff.length === 0) return `Nothing changed for ${workspaceName}: these were already your choices.`
  const parts = [
    ...(nowOn.length > 0 ? [`you now get ${listed(nowOn)}`] : []),
    ...(nowOff.length > 0 ? [`you no longer get ${listed(nowOff)}`] : []),
  ]
  return `Saved for ${workspaceName}: ${parts.join('; ')}.`
}
