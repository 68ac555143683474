// What /w/:slug/privacy shows: the deadline settings, the privacy profile (or, with ?outline=,
// the profile with Candor's outline filled in, not saved), the data systems, reply templates and
// sub-processors, each as the page's forms need them.
import { z } from 'zod'
import { env } from '~/modules/config/env.server'
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { isUuid } from '~/modules/formats/uuid'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'
import { AUTO_RELEASE_TYPES } from './export-review.server'
import { HOLIDAY_COUNTRIES } from './holidays'
import { buildProfileOutline } from './privacy-profile-outline'
import { outlineFacts } from './privacy-profile-outline.server'
import { DEADLINE_SETTINGS_SELECT, PROFILE_FIELDS, type ProfileField, timeZones } from './privacy-settings.server'
import { TEMPLATE_VARIABLES } from './reply-templates'
import { reminderDaysText } from './reminder-settings.server'
import { JURISDICTIONS, REQUEST_TYPES } from './request-kinds'
import { typesWithoutTemplate } from './stock-reply-templates.server'

/** `blank`: the outline fills the fields without text; `all`: it replaces every field. */
const pageQuery = z.object({
  outline: z.enum(['blank', 'all'], 'Choose “Start from an outline” on the page: this outline is not one Candor offers.').optional(),
  template: z.string().max(100, 'Choose a reply template from the list.').optional(),
})
export type OutlineMode = 'blank' | 'all'

export function parsePrivacySettingsQuery(search: URLSearchParams) {
  const parsed = pageQuery.safeParse({ outline: search.get('outline') ?? undefined, template: search.get('template') ?? undefined })
  return parsed.success
    ? { outline: parsed.data.outline ?? null, templateId: parsed.data.template ?? null, error: null }
    : { outline: null, templateId: null, error: parsed.error.issues[0]?.message ?? 'Unknown address.' }
}

/** What the profile form shows, and what the outline notice says about it. */
function profileForm(saved: Record<ProfileField, string>, outline: Record<ProfileField, string> | null, mode: OutlineMode | null) {
  const fields = Object.keys(PROFILE_FIELDS) as ProfileField[]
  if (!outline || !mode) return { values: saved, outline: null }
  const filled = fields.filter((field) => mode === 'all' || saved[field].trim() === '')
  const values = Object.fromEntries(fields.map((field) => [field, filled.includes(field) ? outline[field] : saved[field]])) as Record<ProfileField, string>
  return {
    values,
    outline: {
      mode,
      filled: filled.map((field) => PROFILE_FIELDS[field].label),
      kept: fields.filter((field) => !filled.includes(field)).map((field) => PROFILE_FIELDS[field].label),
    },
  }
}

export async function privacySettingsPage(member: Member, query: ReturnType<typeof parsePrivacySettingsQuery>) {
  const found = await withTenant(member.tenant, async (tx) => ({
    workspace: await tx.workspace.findUniqueOrThrow({
      where: { id: member.workspace.id },
      select: {
        ...DEADLINE_SETTINGS_SELECT,
        exportAutoRelease: true,
        requestReminderDays: true,
      },
    }),
    profile: await tx.privacyProfile.findUnique({ where: { workspaceId: member.workspace.id } }),
    systems: await tx.dataSystem.findMany({ orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }] }),
    templates: await tx.replyTemplate.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] }),
    subprocessors: await tx.subprocessor.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] }),
    setup: await openSetupSteps(tx, member.workspace.slug),
    withoutTemplate: await typesWithoutTemplate(tx),
    outline: query.outline ? buildProfileOutline(await outlineFacts(tx, member.workspace.id)) : null,
  }))
  const { workspace, profile } = found
  const editing = query.templateId && isUuid(query.templateId) ? (found.templates.find((t) => t.id === query.templateId) ?? null) : null
  const saved = Object.fromEntries(
    (Object.keys(PROFILE_FIELDS) as ProfileField[]).map((field) => [field, profile ? profile[field] : '']),
  ) as Record<ProfileField, string>
  const form = profileForm(saved, found.outline, query.outline)
  return {
    base: `/w/${member.workspace.slug}/privacy`,
    setup: found.setup,
    slug: member.workspace.slug,
    queryError: query.error,
    deadlines: {
      timeZone: workspace.timeZone,
      holidayCountry: workspace.holidayCountry ?? '',
      customHolidays: workspace.customHolidays.join('\n'),
      internalTargetDays: workspace.internalTargetDays?.toString() ?? '',
      deadlineBasis: workspace.deadlineBasis,
      backupRetentionDays: String(workspace.backupRetentionDays),
      closedRequestRetentionMonths: String(workspace.closedRequestRetentionMonths),
      defaultJurisdiction: workspace.defaultJurisdiction,
    },
    reminderDays: reminderDaysText(workspace.requestReminderDays),
    profile: form.values,
    /** How many fields hold saved text (the outline leaves those alone unless asked). */
    profileWritten: Object.values(saved).filter((text) => text.trim() !== '').length,
    outline: form.outline,
    autoRelease: AUTO_RELEASE_TYPES.map((type) => ({
      type,
      label: REQUEST_TYPES[type].label,
      on: workspace.exportAutoRelease.includes(type),
    })),
    ownSystems: found.systems.filter((s) => s.kind !== 'built_in' && !s.archivedAt).length,
    profileFields: Object.entries(PROFILE_FIELDS).map(([name, { label, hint }]) => ({ name: name as ProfileField, label, hint })),
    systems: found.systems.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      instructions: s.instructions,
      // Candor's own backups are counted from its catalogue; the others' are what was declared.
      backups:
        s.kind === 'built_in'
          ? `backups: Candor’s own, ${env().BACKUP_RETENTION_DAYS} days, tracked from its catalogue`
          : `backups kept ${s.backupRetentionDays ?? workspace.backupRetentionDays} days (declared${s.backupRetentionDays === null ? ', the workspace’s setting' : ''})`,
      archived: s.archivedAt ? s.archivedAt.toISOString().slice(0, 10) : null,
    })),
    templates: found.templates.map((t) => ({
      id: t.id,
      name: t.name,
      type: t.requestType ? REQUEST_TYPES[t.requestType].label : 'Any type',
      language: t.language,
      body: t.body,
    })),
    editing: editing
      ? {
          templateId: editing.id,
          templateName: editing.name,
          requestType: editing.requestType ?? '',
          language: editing.language,
          body: editing.body,
        }
      : null,
    subprocessors: found.subprocessors.map(({ id, name, purpose, dataCategories, region }) => ({ id, name, purpose, dataCategories, region })),
    timeZones: timeZones(),
    holidayCountries: Object.entries(HOLIDAY_COUNTRIES).map(([code, label]) => ({ code, label })),
    jurisdictions: Object.entries(JURISDICTIONS).map(([code, label]) => ({ code, label })),
    variables: Object.entries(TEMPLATE_VARIABLES).map(([name, description]) => ({ name, description })),
    withoutTemplate: found.withoutTemplate.map((type) => REQUEST_TYPES[type].label),
  }
}

export type PrivacySettingsView = Awaited<ReturnType<typeof privacySettingsPage>>
