// The forms of /w/:slug/privacy: each is an `intent`, validated with its own schema and done by
// one domain function (one transaction with its audit entry). The answer is the page section to
// go back to, or the form's values with what to correct.
import { z } from 'zod'
import type { RequestOrigin } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { AUTO_RELEASE_TYPES, setExportAutoRelease } from './export-review.server'
import {
  PrivacySettingsError,
  addManualSystem,
  archiveSystem,
  deadlineSettingsInput,
  deleteReplyTemplate,
  manualSystemInput,
  profileInput,
  replyTemplateInput,
  saveDeadlineSettings,
  saveProfile,
  saveReplyTemplate,
} from './privacy-settings.server'
import { reminderDaysInput, saveReminderDays } from './reminder-settings.server'
import { addStockReplyTemplates } from './stock-reply-templates.server'

const INTENTS = ['deadlines', 'reminders', 'profile', 'add_system', 'archive_system', 'save_template', 'delete_template', 'stock_templates', 'auto_release'] as const
export type PrivacySettingsIntent = (typeof INTENTS)[number]
const intentForm = z.object({ intent: z.enum(INTENTS, 'Choose what to change.') })

/** The page section each form comes back to. */
const SECTION_OF: Record<PrivacySettingsIntent, string> = {
  deadlines: 'deadlines',
  reminders: 'reminders',
  profile: 'profile',
  add_system: 'systems',
  archive_system: 'systems',
  save_template: 'templates',
  delete_template: 'templates',
  stock_templates: 'templates',
  auto_release: 'review',
}

const idOf = (what: string) => z.object({ id: z.uuid(`Choose a ${what} from the list.`) })

type Values = Record<string, string>
export type PrivacySettingsRefusal = {
  intent: PrivacySettingsIntent | undefined
  error: string
  fieldErrors: Record<string, string>
  values: Values
  status: 400 | 409
}
export type PrivacySettingsOutcome = { done: true; section: string } | ({ done: false } & PrivacySettingsRefusal)

function invalid(intent: PrivacySettingsIntent | undefined, error: z.ZodError, values: Values, rename: Record<string, string> = {}): PrivacySettingsOutcome {
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    fieldErrors[rename[field] ?? field] ??= issue.message
  }
  return { done: false, intent, error: 'Some fields need a correction.', fieldErrors, values, status: 400 }
}

/** Run the form `values` sent by `member`; nothing is written when the answer is a refusal. */
export async function runPrivacySettingsForm(member: Member, values: Values, origin: RequestOrigin): Promise<PrivacySettingsOutcome> {
  const chosen = intentForm.safeParse(values)
  if (!chosen.success) return invalid(undefined, chosen.error, values)
  const { intent } = chosen.data
  try {
    const refusal = await run(member, intent, values, origin)
    if (refusal) return refusal
  } catch (error) {
    if (error instanceof PrivacySettingsError) return { done: false, intent, error: error.message, fieldErrors: {}, values, status: 409 }
    throw error
  }
  return { done: true, section: SECTION_OF[intent] }
}

async function run(member: Member, intent: PrivacySettingsIntent, values: Values, origin: RequestOrigin): Promise<PrivacySettingsOutcome | null> {
  switch (intent) {
    case 'deadlines': {
      const parsed = deadlineSettingsInput.safeParse(values)
      if (!parsed.success) return invalid(intent, parsed.error, values)
      await saveDeadlineSettings(member, parsed.data, origin)
      return null
    }
    case 'reminders': {
      const parsed = reminderDaysInput.safeParse(values)
      if (!parsed.success) return invalid(intent, parsed.error, values)
      await saveReminderDays(member, parsed.data.reminderDays, origin)
      return null
    }
    case 'profile': {
      const parsed = profileInput.safeParse(values)
      if (!parsed.success) return invalid(intent, parsed.error, values)
      await saveProfile(member, parsed.data, origin)
      return null
    }
    case 'add_system': {
      const parsed = manualSystemInput.safeParse({
        name: values.systemName,
        instructions: values.systemInstructions,
        backupRetentionDays: values.systemBackupRetentionDays,
      })
      if (!parsed.success) {
        return invalid(intent, parsed.error, values, {
          name: 'systemName',
          instructions: 'systemInstructions',
          backupRetentionDays: 'systemBackupRetentionDays',
        })
      }
      await addManualSystem(member, parsed.data, origin)
      return null
    }
    case 'archive_system': {
      const parsed = idOf('data system').safeParse(values)
      if (!parsed.success) return invalid(intent, parsed.error, values)
      await archiveSystem(member, parsed.data.id, origin)
      return null
    }
    case 'save_template': {
      const parsed = replyTemplateInput.safeParse({ ...values, name: values.templateName })
      if (!parsed.success) return invalid(intent, parsed.error, values, { name: 'templateName' })
      await saveReplyTemplate(member, parsed.data, origin)
      return null
    }
    case 'stock_templates':
      await addStockReplyTemplates(member, origin)
      return null
    case 'auto_release':
      // One checkbox per request type: `autoRelease.<type>` is sent only when ticked.
      await setExportAutoRelease(member, AUTO_RELEASE_TYPES.filter((type) => values[`autoRelease.${type}`] === 'on'), origin)
      return null
    case 'delete_template': {
      const parsed = idOf('reply template').safeParse(values)
      if (!parsed.success) return invalid(intent, parsed.error, values)
      await deleteReplyTemplate(member, parsed.data.id, origin)
      return null
    }
  }
}
