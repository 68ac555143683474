// What an erasure request may truthfully say, per data system and overall, computed from its
// tasks at this moment. Every place that tells someone about an erasure (status page, e-mails,
// dashboard, API, webhooks) words it from here, so none can claim more than the tasks prove.
import type { Prisma } from '~/generated/prisma/client'
import type { DataSystemKind, TaskState } from '~/generated/prisma/enums'
import { type RequestState, type RequestType, taskModeOf } from './request-kinds'

export type ErasureTaskFacts = {
  /** The data system's name as the workspace registered it. */
  system: string
  kind: DataSystemKind
  state: TaskState
  /** When the task finished: the day the data left this system's primary storage. */
  completedAt: Date | null
  /** A manual system's: what the member who erased it said was erased. */
  erased?: string | null
  /**
   * Days this system's backups are kept: Candor's own backup retention for the built-in system
   * (its backups are Candor's, in the catalogue), the retention the workspace declared for the others.
   */
  backupRetentionDays: number
  /**
   * When the data left this system's backups too: computed from Candor's backup catalogue for
   * the built-in system; for the others the declared retention's end, or a member's earlier word.
   */
  backupsErasedAt?: Date | null
  /** A member confirmed the backups stage before the declared date. */
  backupsConfirmed?: boolean
}

export type ErasureFacts = {
  requestState: RequestState
  /** The request's erasure tasks, one per data system listed when it was received. */
  tasks: ErasureTaskFacts[]
  /** Days are written in this zone (the workspace's). */
  timeZone: string
}

/** Where one system stands: erased (with the day), still to do, failed, or never to be done. */
export type SystemErasureState = 'erased' | 'pending' | 'failed' | 'not_erased'

export type ErasureLine = {
  /** What the subject and staff read as the system's name: "Candor's own records", "Billing (manual)". */
  label: string
  system: string
  kind: ErasureTaskFacts['kind']
  state: SystemErasureState
  erasedAt: Date | null
  /** The end of the system's backup retention after `erasedAt`: expected, not confirmed. */
  backupsExpectedBy: Date | null
  /** When the data left the system's backups too; null while older backups may still hold it. */
  backupsErasedAt: Date | null
  /** Whether the backups stage is computed from Candor's backup catalogue or declared by the company. */
  backupsBasis: BackupsBasis
  text: string
}

export type BackupsBasis = 'computed' | 'declared'

/**
 * `candor_only`: every system listed is Candor's own, so nothing may be said about "every
 * system". `registered_systems`: the statement covers the systems named in `lines`.
 */
export type ErasureCoverage = 'candor_only' | 'registered_systems'

export type ErasureStatement = {
  /** True only when every listed system has erased the data. */
  complete: boolean
  coverage: ErasureCoverage
  lines: ErasureLine[]
  /** The overall sentence for the subject (and staff). */
  summary: string
  /** What the backups stage is based on; null until a system has erased anything. */
  backups: string | null
  /** Said to staff only: what this erasure does not cover. */
  staffWarning: string | null
}

export const BUILT_IN_LABEL = 'Candor’s own records'

const DAY_MS = 24 * 60 * 60 * 1000

/** Each kind of system says how it is named, so a new kind must choose its words. */
const LABELS: Record<ErasureTaskFacts['kind'], (system: string) => string> = {
  built_in: () => BUILT_IN_LABEL,
  manual: (system) => `${system} (manual)`,
  postgres: (system) => system,
  webhook: (system) => system,
}

/** Candor sees its own backups (the catalogue); of the customer's systems it knows only what was declared. */
const BACKUPS_BASIS: Record<ErasureTaskFacts['kind'], BackupsBasis> = {
  built_in: 'computed',
  manual: 'declared',
  postgres: 'declared',
  webhook: 'declared',
}

const BASIS_TEXT: Record<BackupsBasis, string> = {
  computed: 'computed from Candor’s backup catalogue',
  declared: 'declared by the company',
}

/** What a line says of the backups once the data left the primary system. */
function backupsText(task: ErasureTaskFacts, basis: BackupsBasis, expectedBy: Date, day: (instant: Date) => string): string {
  const erasedAt = task.backupsErasedAt
  if (!erasedAt) return `older backups expected to age out by ${day(expectedBy)} (${BASIS_TEXT[basis]})`
  if (basis === 'computed') return `gone from Candor’s backups since ${day(erasedAt)} (${BASIS_TEXT.computed}: no remaining backup was taken before the erasure)`
  if (task.backupsConfirmed) return `the company confirmed on ${day(erasedAt)} that its backups no longer hold it (${BASIS_TEXT.declared})`
  return `the company’s declared ${task.backupRetentionDays}-day backup retention ended ${day(erasedAt)} (${BASIS_TEXT.declared})`
}

function stateOf(task: ErasureTaskFacts, requestState: RequestState): SystemErasureState {
  if (task.state === 'done' && task.completedAt) return 'erased'
  // A rejected request, or one closed as a duplicate, is closed: what was not erased by then
  // will not be under this request.
  if (requestState === 'rejected' || requestState === 'duplicate') return 'not_erased'
  return task.state === 'failed' ? 'failed' : 'pending'
}

/** "2 December 2026", in the workspace's zone. */
export function erasureDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(instant)
}

/** "A", "A and B", "A, B and C". */
function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

const LINE_TEXT: Record<Exclude<SystemErasureState, 'erased'>, string> = {
  pending: 'pending',
  failed: 'not erased yet (the last attempt failed)',
  not_erased: 'not erased (the request was rejected)',
}

const lineText = (state: Exclude<SystemErasureState, 'erased'>, requestState: RequestState) =>
  state === 'not_erased' && requestState === 'duplicate' ? 'not erased under this request (it was closed as a duplicate)' : LINE_TEXT[state]

/** The statement of one erasure request, from its tasks. */
export function erasureStatement(facts: ErasureFacts): ErasureStatement {
  const day = (instant: Date) => erasureDay(instant, facts.timeZone)
  const lines: ErasureLine[] = facts.tasks.map((task) => {
    const state = stateOf(task, facts.requestState)
    const erasedAt = state === 'erased' ? task.completedAt : null
    const backupsExpectedBy = erasedAt ? new Date(erasedAt.getTime() + task.backupRetentionDays * DAY_MS) : null
    const backupsErasedAt = erasedAt ? (task.backupsErasedAt ?? null) : null
    const backupsBasis = BACKUPS_BASIS[task.kind]
    const label = LABELS[task.kind](task.system)
    // A member's own words of what they erased, quoted as theirs.
    const what = task.kind === 'manual' && task.erased ? ` (what was erased: “${task.erased.replace(/\s+/g, ' ').trim()}”)` : ''
    const text =
      erasedAt && backupsExpectedBy
        ? `${label}: erased ${day(erasedAt)}${what}; ${backupsText(task, backupsBasis, backupsExpectedBy, day)}`
        : `${label}: ${lineText(state as Exclude<SystemErasureState, 'erased'>, facts.requestState)}`
    return { label, system: task.system, kind: task.kind, state, erasedAt, backupsExpectedBy, backupsErasedAt, backupsBasis, text }
  })

  const coverage: ErasureCoverage = lines.some((line) => line.kind !== 'built_in') ? 'registered_systems' : 'candor_only'
  const erased = lines.filter((line) => line.state === 'erased')
  const complete = lines.length > 0 && erased.length === lines.length
  const lastErased = erased.reduce<Date | null>((last, line) => (!last || line.erasedAt! > last ? line.erasedAt : last), null)

  return {
    complete,
    coverage,
    lines,
    summary: summaryOf(facts.requestState, lines, complete, coverage, lastErased ? day(lastErased) : null),
    backups: backupsSummary(erased, day),
    staffWarning:
      coverage === 'candor_only'
        ? 'No data system besides Candor’s own was registered when this request was received: this erasure covers only what ' +
          'Candor itself holds about the person, not the company’s product or other systems. Register them under ' +
          'Privacy → Data systems; requests received from then on include them.'
        : null,
  }
}

/** The backups stage overall, saying for each kind of date whether it was computed or declared. */
function backupsSummary(erased: ErasureLine[], day: (instant: Date) => string): string | null {
  if (erased.length === 0) return null
  const latest = (lines: ErasureLine[], date: (line: ErasureLine) => Date) =>
    day(lines.map(date).reduce((last, next) => (next > last ? next : last)))
  const before = erased.length === 1 ? 'the erasure' : 'each erasure'
  const parts: string[] = []
  const computed = erased.filter((line) => line.backupsBasis === 'computed')
  if (computed.length && computed.every((line) => line.backupsErasedAt)) {
    parts.push(`No backup Candor keeps was taken before ${before} any more (computed from Candor’s backup catalogue).`)
  } else if (computed.length) {
    parts.push(
      `Copies in Candor’s own backups taken before ${before} are deleted as those backups age out, by ${latest(computed, (line) => line.backupsExpectedBy!)} ` +
        'at the latest (computed from Candor’s backup catalogue and its backup retention).',
    )
  }
  const declared = erased.filter((line) => line.backupsBasis === 'declared')
  const declaredOpen = declared.filter((line) => !line.backupsErasedAt)
  if (declaredOpen.length) {
    parts.push(
      `Copies in the other systems’ backups are expected to age out by ${latest(declaredOpen, (line) => line.backupsExpectedBy!)}: ` +
        'that is the end of the backup retention the company declared for each, not a confirmation that they are gone.',
    )
  } else if (declared.length) {
    parts.push('For the other systems, the company declared their backups no longer hold the data (Candor cannot check their backups).')
  }
  return parts.join(' ')
}

function summaryOf(
  requestState: RequestState,
  lines: ErasureLine[],
  complete: boolean,
  coverage: ErasureCoverage,
  lastDay: string | null,
): string {
  const labels = (state: SystemErasureState) => lines.filter((line) => line.state === state).map((line) => line.label)
  const erased = labels('erased')
  if (lines.length === 0) return 'No data system was listed for this request: nothing has been erased.'
  if (complete && coverage === 'candor_only') {
    return `Erased from ${BUILT_IN_LABEL} (the records this privacy portal keeps) on ${lastDay}. No other data system is listed for this request, so this says nothing about other systems.`
  }
  if (complete) {
    return `Erased from every primary system registered for this request (${listOf(erased)}); the last on ${lastDay}.`
  }
  const so = erased.length > 0 ? `Erased so far from ${listOf(erased)}` : 'Not erased from any data system yet'
  if (requestState === 'rejected') {
    return `The request was rejected. ${so}; ${listOf(labels('not_erased'))} will not be erased.`
  }
  if (requestState === 'duplicate') {
    return `The request was closed as a duplicate of another request. ${so}; ${listOf(labels('not_erased'))} will not be erased under this request.`
  }
  const pending = lines.filter((line) => line.state === 'pending' || line.state === 'failed').map((line) => line.label)
  return `${so}; still pending: ${listOf(pending)}.`
}

/**
 * The request's two dates: when its last system finished erasing, and the latest day a
 * system's older backups are expected to be gone. Null while nothing is erased.
 */
export function erasureDates(statement: ErasureStatement): { erasedPrimaryAt: Date | null; erasedBackupsBy: Date | null } {
  const latest = (dates: (Date | null)[]) => dates.reduce<Date | null>((last, date) => (date && (!last || date > last) ? date : last), null)
  return {
    erasedPrimaryAt: latest(statement.lines.map((line) => line.erasedAt)),
    erasedBackupsBy: latest(statement.lines.map((line) => line.backupsExpectedBy)),
  }
}

/** The statement as a subject reads it in an e-mail or on the timeline: overall, per system, backups. */
export function statementText(statement: ErasureStatement): string[] {
  return [statement.summary, ...statement.lines.map((line) => `- ${line.text}`), ...(statement.backups ? [statement.backups] : [])]
}

/** A request as loaded with its erasure tasks (see `ERASURE_STATEMENT_INCLUDE`). */
export type RequestWithErasureTasks = {
  type: RequestType
  state: RequestState
  tasks: {
    state: ErasureTaskFacts['state']
    completedAt: Date | null
    note: string | null
    backupsErasedAt: Date | null
    backupsConfirmedBy: string | null
    dataSystem: { name: string; kind: ErasureTaskFacts['kind']; backupRetentionDays: number | null }
  }[]
  workspace: { backupRetentionDays: number; timeZone: string }
}

/**
 * A request's tasks in a stable order. They are made in one transaction, so they share a time:
 * the data systems' order (the order they were added) breaks the tie, the same on every page,
 * e-mail and export.
 */
export const TASK_ORDER: Prisma.RequestTaskOrderByWithRelationInput[] = [{ createdAt: 'asc' }, { dataSystem: { createdAt: 'asc' } }, { id: 'asc' }]

/** What a query includes so that `statementOfRequest` has its facts. */
export const ERASURE_STATEMENT_INCLUDE = {
  tasks: {
    orderBy: TASK_ORDER,
    select: {
      state: true,
      completedAt: true,
      note: true,
      backupsErasedAt: true,
      backupsConfirmedBy: true,
      dataSystem: { select: { name: true, kind: true, backupRetentionDays: true } },
    },
  },
  workspace: { select: { backupRetentionDays: true, timeZone: true } },
} as const

/**
 * The backup retention a system's dates are counted with: Candor's own (BACKUP_RETENTION_DAYS,
 * passed in) for the built-in system; the one declared for the system, else the workspace's.
 */
export function systemBackupRetentionDays(
  system: { kind: ErasureTaskFacts['kind']; backupRetentionDays: number | null },
  workspace: { backupRetentionDays: number },
  candorBackupRetentionDays: number,
): number {
  return system.kind === 'built_in' ? candorBackupRetentionDays : (system.backupRetentionDays ?? workspace.backupRetentionDays)
}

/** The statement of an erasure request; null for any other type (nothing is erased). */
export function statementOfRequest(request: RequestWithErasureTasks, candorBackupRetentionDays: number): ErasureStatement | null {
  if (taskModeOf(request.type) !== 'erasure') return null
  return erasureStatement({
    requestState: request.state,
    tasks: request.tasks.map((task) => ({
      system: task.dataSystem.name,
      kind: task.dataSystem.kind,
      state: task.state,
      completedAt: task.completedAt,
      erased: task.note,
      backupRetentionDays: systemBackupRetentionDays(task.dataSystem, request.workspace, candorBackupRetentionDays),
      backupsErasedAt: task.backupsErasedAt,
      backupsConfirmed: task.backupsConfirmedBy !== null,
    })),
    timeZone: request.workspace.timeZone,
  })
}
