// What a member can do on the request page, one handler per `intent`, each with its own zod
// schema. The workflow functions write the timeline, the e-mail and the audit entry together;
// a handler only reads its fields and calls one. Extend, reject and complete bind the workspace
// towards the requester and cannot be undone, so their forms carry a confirmation.
import { z } from 'zod'
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { retryExport } from '~/modules/dsar/export.server'
import { assembleExportAgain, sendExportToRequester } from '~/modules/dsar/export-review.server'
import { completeManualTask } from '~/modules/dsar/manual-tasks.server'
import { retryTask } from '~/modules/dsar/tasks.server'
import { confirmBackupsErased } from '~/modules/dsar/backups-stage.server'
import {
  REJECTION_GROUNDS,
  RequestRuleError,
  addNote,
  askSubject,
  assignRequest,
  completeRequest,
  extendRequest,
  rejectRequest,
  replyToSubject,
} from '~/modules/dsar/workflow.server'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { CONFIRMATIONS } from './confirmations'

const text = (max: number, empty: string, tooLong: string) => z.string().trim().min(1, empty).max(max, tooLong)
const confirmed = (what: string) => z.literal('yes', `Tick “I understand” to confirm: ${what}`)
const taskId = z.uuid('Choose a task of this request.')

/** Who acts on which request; `files` are those a manual task's form carried (none otherwise). */
type Act = { member: Member; requestId: string; origin: RequestOrigin; files: File[] }

function handler<S extends z.ZodType>(schema: S, run: (form: z.output<S>, act: Act) => Promise<void>) {
  return { schema, run }
}

export const REQUEST_ACTIONS = {
  assign: handler(
    z.object({ assigneeId: z.union([z.literal(''), z.uuid('Choose a member from the list.')], 'Choose a member from the list.') }),
    (form, { member, requestId, origin }) => assignRequest(member, requestId, form.assigneeId || null, origin),
  ),
  note: handler(
    z.object({ note: text(10_000, 'Write the note first.', 'Keep the note under 10,000 characters.') }),
    (form, { member, requestId, origin }) => addNote(member, requestId, form.note, origin),
  ),
  reply: handler(
    z.object({ message: text(10_000, 'Write the reply first.', 'Keep the reply under 10,000 characters.') }),
    (form, { member, requestId, origin }) => replyToSubject(member, requestId, form.message, origin),
  ),
  ask: handler(
    z.object({
      reason: z.enum(['identity', 'clarification'], 'Choose whether you need identity information or a clarification.'),
      question: text(10_000, 'Say what you need from the requester.', 'Keep the question under 10,000 characters.'),
    }),
    (form, { member, requestId, origin }) => askSubject(member, requestId, { reason: form.reason, message: form.question }, origin),
  ),
  extend: handler(
    z.object({
      extensionReason: text(5_000, 'Give the reason for the extension: the requester is told it.', 'Keep the reason under 5,000 characters.'),
      confirm: confirmed(CONFIRMATIONS.extend),
    }),
    (form, { member, requestId, origin }) => extendRequest(member, requestId, form.extensionReason, origin),
  ),
  reject: handler(
    z.object({
      ground: z.enum(Object.keys(REJECTION_GROUNDS) as [keyof typeof REJECTION_GROUNDS], 'Choose the legal ground for the refusal.'),
      explanation: text(5_000, 'Explain the refusal: the requester is told it with the ground.', 'Keep the explanation under 5,000 characters.'),
      confirm: confirmed(CONFIRMATIONS.reject),
    }),
    (form, { member, requestId, origin }) => rejectRequest(member, requestId, { ground: form.ground, explanation: form.explanation }, origin),
  ),
  complete: handler(
    z.object({
      completionMessage: text(10_000, 'Write the message the requester gets with the completion.', 'Keep the message under 10,000 characters.'),
      confirm: confirmed(CONFIRMATIONS.complete),
    }),
    (form, { member, requestId, origin }) => completeRequest(member, requestId, form.completionMessage, origin),
  ),
  retry_task: handler(z.object({ taskId }), async (form, { member, origin }) => {
    const retried = await withTenant(member.tenant, (tx) => retryTask(tx, { ...member.tenant, origin }, form.taskId))
    if (!retried) throw new RequestRuleError('Only a failed task can be retried.')
  }),
  retry_export: handler(z.object({}), async (_form, { member, requestId, origin }) => {
    const retried = await withTenant(member.tenant, (tx) => retryExport(tx, { ...member.tenant, origin }, requestId))
    if (!retried) throw new RequestRuleError('Only a failed export, with every task done, can be built again.')
  }),
  release_export: handler(z.object({}), (_form, { member, requestId, origin }) => sendExportToRequester(member, requestId, origin)),
  assemble_again: handler(
    z.object({ sendBackReason: text(2_000, 'Say what is missing, for the timeline.', 'Keep it under 2,000 characters.') }),
    (form, { member, requestId, origin }) => assembleExportAgain(member, requestId, form.sendBackReason, origin),
  ),
  complete_task: handler(
    z.object({ taskId, taskNote: text(5_000, 'Say what you did in this system.', 'Keep the note under 5,000 characters.') }),
    (form, { member, origin, files }) => completeManualTask(member, form.taskId, form.taskNote, origin, files),
  ),
  confirm_backups: handler(z.object({ taskId, confirm: confirmed(CONFIRMATIONS.confirm_backups) }), (form, { member, origin }) =>
    confirmBackupsErased(member, form.taskId, origin),
  ),
}

export type Intent = keyof typeof REQUEST_ACTIONS

export type ActionResult =
  | { ok: true; intent: Intent }
  | { ok: false; status: 400 | 409; intent: string | undefined; error?: string; fieldErrors: Record<string, string>; values: Record<string, string> }

const isIntent = (value: string | undefined): value is Intent => value !== undefined && Object.hasOwn(REQUEST_ACTIONS, value)

/** Validate the posted fields for their intent and run it; a broken rule is a 409 with its sentence. */
export async function runRequestAction(values: Record<string, string>, act: Act): Promise<ActionResult> {
  const intent = values.intent
  if (!isIntent(intent)) {
    return { ok: false, status: 400, intent, error: 'Choose what to do with the request.', fieldErrors: {}, values }
  }
  const { schema, run } = REQUEST_ACTIONS[intent] as { schema: z.ZodType; run: (form: unknown, act: Act) => Promise<void> }
  const parsed = schema.safeParse(values)
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message
    return { ok: false, status: 400, intent, fieldErrors, values }
  }
  const form = parsed.data as Record<string, string>
  // A task named in the form must be this request's (the route found the request in this workspace).
  if (form.taskId && !(await withTenant(act.member.tenant, (tx) => tx.requestTask.count({ where: { id: form.taskId, requestId: act.requestId } })))) {
    return { ok: false, status: 409, intent, error: 'There is no such task in this request.', fieldErrors: {}, values }
  }
  try {
    await run(form, act)
  } catch (error) {
    if (error instanceof RequestRuleError) return { ok: false, status: 409, intent, error: error.message, fieldErrors: {}, values }
    throw error
  }
  return { ok: true, intent }
}
