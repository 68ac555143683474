// A workspace's privacy settings, edited by owners and admins: how deadlines are counted, the
// privacy profile (what GDPR Art. 15(1) makes every access answer say), the data systems a
// request fans out to and reply templates (sub-processors change through notices:
// app/modules/trust/subprocessor-changes.server.ts). Each change is one transaction with
// its audit entry. The forms' schemas live here too, so the page validates with exactly them.
import { z } from 'zod'
import { type AuditScope, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { HOLIDAY_COUNTRY_KEYS } from './holidays'
import { unfilledPrompt } from './privacy-profile-outline'
import { refreshDueAt } from './request-deadline.server'
import { CLOSED_STATES, JURISDICTION_KEYS, REQUEST_TYPE_KEYS } from './request-kinds'
import { TEMPLATE_VARIABLES, unknownVariables } from './reply-templates'

/** A change the settings' rules refuse; its message is shown as is. */
export class PrivacySettingsError extends Error {}

/** Intl's list leaves out the plain "UTC" (every workspace's default) on some Node versions. */
export function isTimeZone(value: string): boolean {
  return value === 'UTC' || Intl.supportedValuesOf('timeZone').includes(value)
}

export function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')]
}

function isCalendarDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text
}

const trimmed = (max: number, tooLong: string) => z.string().trim().max(max, tooLong)
const emptyAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value)

const customHolidays = z
  .string()
  .max(20_000, 'The list of extra days off is too long.')
  .transform((text, ctx) => {
    const lines = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
    const wrong = lines.filter((line) => !/^\d{4}-\d{2}-\d{2}$/.test(line) || !isCalendarDay(line))
    if (wrong.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Write each extra day off as YYYY-MM-DD on its own line, e.g. 2026-12-24. Not a day: ${wrong.slice(0, 3).join(', ')}.`,
      })
      return z.NEVER
    }
    if (lines.length > 500) {
      ctx.addIssue({ code: 'custom', message: 'Keep the extra days off to 500 at most.' })
      return z.NEVER
    }
    return [...new Set(lines)].sort()
  })

const wholeNumber = (min: number, max: number, message: string) =>
  z.string().trim().regex(/^\d{1,5}$/, message).transform(Number).refine((n) => n >= min && n <= max, message)

export const deadlineSettingsInput = z.object({
  timeZone: z.string().trim().refine(isTimeZone, 'Choose a time zone from the list, e.g. Europe/Berlin.'),
  holidayCountry: z.preprocess(
    emptyAsNull,
    z.enum(HOLIDAY_COUNTRY_KEYS, 'Choose a country from the list, or no public holidays.').nullable(),
  ),
  customHolidays,
  // The column's range (1 to 90): a wider one here would end in its check constraint, a 500.
  internalTargetDays: z.preprocess(
    emptyAsNull,
    wholeNumber(1, 90, 'The internal target must be a whole number of days from 1 to 90, or left empty.').nullable(),
  ),
  deadlineBasis: z.enum(['statutory', 'adjusted'], 'Choose which date drives the deadline badge.'),
  backupRetentionDays: wholeNumber(1, 365, 'Backups must be kept a whole number of days from 1 to 365.'),
  // The column's range too (retention.purge minimises a closed request this long after it closed).
  closedRequestRetentionMonths: wholeNumber(1, 120, 'Keep closed requests a whole number of months from 1 to 120.'),
  defaultJurisdiction: z.enum(JURISDICTION_KEYS, 'Choose the law the portal suggests first.'),
})
export type DeadlineSettings = z.output<typeof deadlineSettingsInput>

/** The deadline settings as stored, read to show them and to compare a save against them. */
export const DEADLINE_SETTINGS_SELECT = {
  timeZone: true,
  holidayCountry: true,
  customHolidays: true,
  internalTargetDays: true,
  deadlineBasis: true,
  backupRetentionDays: true,
  closedRequestRetentionMonths: true,
  defaultJurisdiction: true,
} as const

/** The settings that move a deadline: changing one recomputes every open request's due date. */
const CLOCK_FIELDS = ['timeZone', 'holidayCountry', 'customHolidays', 'internalTargetDays', 'deadlineBasis'] as const

export async function saveDeadlineSettings(member: Member, input: DeadlineSettings, origin: RequestOrigin): Promise<void> {
  await withTenant(
    member.tenant,
    async (tx) => {
      const before = await tx.workspace.findUniqueOrThrow({
        where: { id: member.workspace.id },
        select: DEADLINE_SETTINGS_SELECT,
      })
      const changed = (Object.keys(input) as (keyof DeadlineSettings)[]).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(input[key]),
      )
      if (changed.length === 0) return
      await tx.workspace.update({ where: { id: member.workspace.id }, data: input })
      // The inbox sorts and filters on the stored due date: keep it true to the new calendar.
      if (changed.some((key) => (CLOCK_FIELDS as readonly string[]).includes(key))) await refreshOpenDeadlines(tx)
      await recordAudit(tx, { ...member.tenant, origin }, {
        action: 'privacy.deadline_settings',
        target: { type: 'workspace', id: member.workspace.id },
        before,
        after: input,
      })
    },
    { timeoutMs: 60_000 },
  )
}

async function refreshOpenDeadlines(tx: Tx): Promise<void> {
  const open = await tx.privacyRequest.findMany({
    where: { state: { notIn: ['unverified', ...CLOSED_STATES] }, receivedAt: { not: null } },
    select: { id: true },
  })
  for (const request of open) await refreshDueAt(tx, request.id)
}

/**
 * The privacy profile: what every access answer tells the subject (GDPR Art. 15(1)-(2)). `max`
 * is the column's limit: names and contacts are short, descriptions long.
 */
export const PROFILE_FIELDS = {
  controller: { label: 'Controller', max: 500, hint: 'Who is responsible for the data: legal name and address.' },
  contact: { label: 'Privacy contact', max: 500, hint: 'How to reach you (or your data protection officer) about personal data.' },
  purposes: { label: 'Purposes of processing', max: 5000, hint: 'Art. 15(1)(a): why you process personal data, and on what legal basis.' },
  dataCategories: { label: 'Categories of personal data', max: 5000, hint: 'Art. 15(1)(b): e.g. contact details, usage data, billing data.' },
  retention: { label: 'Retention period', max: 5000, hint: 'Art. 15(1)(d): how long each kind of data is kept, or how that is decided.' },
  sources: { label: 'Sources of the data', max: 5000, hint: 'Art. 15(1)(g): where data not collected from the person comes from.' },
  automatedDecisions: {
    label: 'Automated decision-making',
    max: 5000,
    hint: 'Art. 15(1)(h): any automated decisions or profiling, their logic and consequences; or say there are none.',
  },
  transfers: {
    label: 'Transfers outside the EEA',
    max: 5000,
    hint: 'Art. 15(2): countries data goes to and the safeguards (e.g. standard contractual clauses).',
  },
  supervisoryAuthority: {
    label: 'Supervisory authority',
    max: 500,
    hint: 'Art. 15(1)(f): the authority a person can complain to; named in every refusal.',
  },
} as const
export type ProfileField = keyof typeof PROFILE_FIELDS

export const profileInput = z.object(
  Object.fromEntries(
    Object.entries(PROFILE_FIELDS).map(([field, { label, max }]) => [
      field,
      trimmed(max, `Keep “${label}” under ${max.toLocaleString('en')} characters.`)
        .superRefine((text, ctx) => {
          const prompt = unfilledPrompt(text)
          // The prompt's first words are enough to find it in the field.
          const quoted = prompt && prompt.length > 50 ? `${prompt.slice(0, 46).replace(/\s+\S*$/, '')}…]` : prompt
          if (prompt) ctx.addIssue({ code: 'custom', message: `“${label}” still holds a prompt of the outline, ${quoted}: write your own text in its place, or delete it.` })
        })
        .default(''),
    ]),
  ) as Record<ProfileField, z.ZodDefault<z.ZodString>>,
)
export type ProfileInput = z.output<typeof profileInput>

export async function saveProfile(member: Member, input: ProfileInput, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const existing = await tx.privacyProfile.findUnique({ where: { workspaceId: member.workspace.id } })
    const before = existing
      ? (Object.fromEntries(Object.keys(PROFILE_FIELDS).map((key) => [key, existing[key as ProfileField]])) as ProfileInput)
      : null
    if (before && Object.keys(input).every((key) => before[key as ProfileField] === input[key as ProfileField])) return
    await tx.privacyProfile.upsert({
      where: { workspaceId: member.workspace.id },
      create: { workspaceId: member.workspace.id, ...input },
      update: input,
    })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'privacy.profile',
      target: { type: 'privacy_profile', id: member.workspace.id },
      before,
      after: input,
    })
  })
}

export const manualSystemInput = z.object({
  name: trimmed(100, 'Keep the name under 100 characters.').min(1, 'Name the system, e.g. “Zendesk” or “Paper files”.'),
  instructions: trimmed(5000, 'Keep the instructions under 5,000 characters.').min(
    1,
    'Say what a member does to find or erase a person’s data in this system.',
  ),
  // How long the company keeps this system's backups; empty: the workspace's setting. Shown to
  // requesters as declared: Candor cannot see these backups.
  backupRetentionDays: z.preprocess(
    emptyAsNull,
    wholeNumber(1, 365, 'Backups must be kept a whole number of days from 1 to 365, or left empty for the workspace’s setting.').nullable(),
  ),
})

/** A new manual system; without a backup retention of its own, the workspace's setting applies. */
export type ManualSystem = Omit<z.output<typeof manualSystemInput>, 'backupRetentionDays'> & { backupRetentionDays?: number | null }

export async function addManualSystem(member: Member, input: ManualSystem, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, (tx) => createManualSystem(tx, { ...member.tenant, origin }, input))
}

type Scope = AuditScope & { workspaceId: string }

/** The dashboard's and the API's way to add a manual system, inside the caller's transaction. */
export async function createManualSystem(tx: Tx, scope: Scope, input: ManualSystem): Promise<{ id: string }> {
  await refuseNameClash(tx, input.name)
  const system = await tx.dataSystem.create({
    data: {
      workspaceId: scope.workspaceId,
      name: input.name,
      kind: 'manual',
      instructions: input.instructions,
      backupRetentionDays: input.backupRetentionDays ?? null,
    },
  })
  await recordAudit(tx, scope, {
    action: 'data_system.add',
    target: { type: 'data_system', id: system.id },
    after: { name: system.name, kind: system.kind, instructions: system.instructions, backupRetentionDays: system.backupRetentionDays },
  })
  return { id: system.id }
}

async function refuseNameClash(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.dataSystem.count({
    where: { archivedAt: null, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  })
  if (clash > 0) throw new PrivacySettingsError(`There is already a data system named “${name}”.`)
}

/**
 * Change a manual system's name, instructions or declared backup retention (the API's PATCH).
 * Returns false when there is no such active manual system here; a change to nothing writes nothing.
 */
export async function changeManualSystem(
  tx: Tx,
  scope: Scope,
  id: string,
  change: { name?: string; instructions?: string; backupRetentionDays?: number | null },
): Promise<boolean> {
  const system = await tx.dataSystem.findFirst({ where: { id, archivedAt: null, kind: 'manual' } })
  if (!system) return false
  const before = { name: system.name, instructions: system.instructions, backupRetentionDays: system.backupRetentionDays }
  const after = {
    name: change.name ?? before.name,
    instructions: change.instructions ?? before.instructions,
    backupRetentionDays: change.backupRetentionDays === undefined ? before.backupRetentionDays : change.backupRetentionDays,
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return true
  if (after.name !== before.name) await refuseNameClash(tx, after.name, id)
  await tx.dataSystem.update({ where: { id }, data: after })
  await recordAudit(tx, scope, { action: 'data_system.change', target: { type: 'data_system', id }, before, after })
  return true
}

/** Requests received from now on no longer get a task in this system; running ones keep theirs. */
export async function archiveSystem(member: Member, systemId: string, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, (tx) => archiveDataSystem(tx, { ...member.tenant, origin }, systemId))
}

/** The dashboard's and the API's way to archive a system, inside the caller's transaction. */
export async function archiveDataSystem(tx: Tx, scope: Scope, systemId: string): Promise<void> {
  const system = await tx.dataSystem.findUnique({ where: { id: systemId } })
  if (!system) throw new PrivacySettingsError('There is no such data system in this workspace.')
  if (system.kind === 'built_in') {
    throw new PrivacySettingsError('Candor’s own data system cannot be archived: it holds what Candor knows about each requester.')
  }
  if (system.archivedAt) throw new PrivacySettingsError(`“${system.name}” is already archived.`)
  const archivedAt = new Date()
  await tx.dataSystem.update({ where: { id: system.id }, data: { archivedAt } })
  await recordAudit(tx, scope, {
    action: 'data_system.archive',
    target: { type: 'data_system', id: system.id },
    before: { archivedAt: null },
    after: { archivedAt: archivedAt.toISOString() },
  })
}

export const replyTemplateInput = z.object({
  templateId: z.preprocess(emptyAsNull, z.uuid('Choose a template from the list.').nullable()),
  name: trimmed(100, 'Keep the name under 100 characters.').min(1, 'Name the template, e.g. “Identity check”.'),
  requestType: z.preprocess(
    emptyAsNull,
    z.enum(REQUEST_TYPE_KEYS, 'Choose a request type from the list, or any type.').nullable(),
  ),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'Write the language as a code such as en, de or pt-BR.'),
  body: z
    .string()
    .trim()
    .min(1, 'Write the text of the reply.')
    .max(10_000, 'Keep the text under 10,000 characters.')
    .superRefine((body, ctx) => {
      const unknown = unknownVariables(body)
      if (unknown.length > 0) {
        const known = Object.keys(TEMPLATE_VARIABLES).map((name) => `{{${name}}}`).join(', ')
        ctx.addIssue({
          code: 'custom',
          message: `Candor does not know ${unknown.map((name) => (name.startsWith('{{') ? name : `{{${name}}}`)).join(', ')}. Use ${known}.`,
        })
      }
    }),
})
export type ReplyTemplateInput = z.output<typeof replyTemplateInput>

export async function saveReplyTemplate(member: Member, input: ReplyTemplateInput, origin: RequestOrigin): Promise<void> {
  const { templateId, ...fields } = input
  await withTenant(member.tenant, async (tx) => {
    if (!templateId) {
      const template = await tx.replyTemplate.create({ data: { workspaceId: member.workspace.id, ...fields } })
      await recordAudit(tx, { ...member.tenant, origin }, {
        action: 'reply_template.create',
        target: { type: 'reply_template', id: template.id },
        after: fields,
      })
      return
    }
    const existing = await tx.replyTemplate.findUnique({ where: { id: templateId } })
    if (!existing) throw new PrivacySettingsError('There is no such reply template in this workspace.')
    await tx.replyTemplate.update({ where: { id: templateId }, data: fields })
    const { name, requestType, language, body } = existing
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'reply_template.update',
      target: { type: 'reply_template', id: templateId },
      before: { name, requestType, language, body },
      after: fields,
    })
  })
}

export async function deleteReplyTemplate(member: Member, templateId: string, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const existing = await tx.replyTemplate.findUnique({ where: { id: templateId } })
    if (!existing) throw new PrivacySettingsError('There is no such reply template in this workspace.')
    await tx.replyTemplate.delete({ where: { id: templateId } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'reply_template.delete',
      target: { type: 'reply_template', id: templateId },
      before: { name: existing.name, requestType: existing.requestType, language: existing.language },
    })
  })
}
