// The sections of /ops/backups: backups, restore drills and retention purges, each with its
// "run now" button, the runs still waiting for a worker, and the recent runs as recorded.
// Every state is the record's: queued until a worker starts it, running until it records a
// result; only a drill that restored and checked a backup reads "Passed".
import { Form } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { WideTable } from '~/components/wide-table'
import type { BackupOperationsView, RunKind, WaitingRun } from '~/modules/ops/backup-operations.server'
import { formatBytes } from '~/modules/trust/document-types'

type Tone = 'good' | 'bad' | 'warn' | 'busy' | 'idle'
const TONE: Record<Tone, string> = {
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  bad: 'bg-red-50 text-red-800 ring-red-600/20',
  warn: 'bg-amber-50 text-amber-900 ring-amber-600/20',
  busy: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  idle: 'bg-slate-100 text-slate-700 ring-slate-500/20',
}

function Pill({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[tone]}`}>{children}</span>
}

const FINISHED: Record<string, { tone: Tone; label: string }> = {
  succeeded: { tone: 'good', label: 'Succeeded' },
  passed: { tone: 'good', label: 'Passed' },
  failed: { tone: 'bad', label: 'Failed' },
  // Past the backup retention: its object is gone, its record kept (backup.age-out).
  deleted: { tone: 'idle', label: 'Aged out' },
}

/** A recorded run's status; one still "running" past its job's time limit was cut off, not finished. */
function RunStatus({ status, overdue }: { status: string; overdue: boolean }) {
  if (status === 'running') return overdue ? <Pill tone="warn">No result (cut off)</Pill> : <Pill tone="busy">Running</Pill>
  const finished = FINISHED[status]!
  return <Pill tone={finished.tone}>{finished.label}</Pill>
}

const utc = (at: Date | string) => {
  const iso = new Date(at).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
}

function Time({ at }: { at: Date | string | null }) {
  if (!at) return <span className="text-slate-400">—</span>
  return <time dateTime={new Date(at).toISOString()}>{utc(at)}</time>
}

/** 850 ms, 42 s, 3 min 5 s. */
function duration(ms: number | null): string {
  if (ms === null) return '—'
  if (ms < 1000) return `${ms} ms`
  const seconds = Math.round(ms / 1000)
  return seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

const count = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-GB'))
const shortId = (id: string) => id.slice(0, 8)

const BUTTON: Record<RunKind, string> = { backup: 'Run a backup now', drill: 'Run a drill now', purge: 'Run a purge now' }

export type RunNowFeedback = { kind: RunKind; notice?: string; error?: string } | undefined

function RunNowForm({ kind, feedback, disabledBecause }: { kind: RunKind; feedback: RunNowFeedback; disabledBecause?: string }) {
  const mine = feedback?.kind === kind ? feedback : undefined
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <Form method="post">
        <button
          type="submit"
          name="intent"
          value={kind}
          disabled={Boolean(disabledBecause)}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-300"
        >
          {BUTTON[kind]}
        </button>
      </Form>
      {disabledBecause ? <p className="max-w-xs text-xs text-slate-500 sm:text-right">{disabledBecause}</p> : null}
      {mine?.notice ? (
        <p role="status" className="rounded border border-emerald-200 bg-emerald-50 px-3 py-1.5 text-sm text-emerald-900">
          {mine.notice}
        </p>
      ) : null}
      <FormAlert message={mine?.error} />
    </div>
  )
}

function Section(props: {
  id: string
  title: string
  intro: React.ReactNode
  kind: RunKind
  feedback: RunNowFeedback
  disabledBecause?: string
  children: React.ReactNode
}) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`} className="mt-10 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 id={`${props.id}-heading`} className="text-lg font-semibold">{props.title}</h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{props.intro}</p>
        </div>
        <RunNowForm kind={props.kind} feedback={props.feedback} disabledBecause={props.disabledBecause} />
      </div>
      {props.children}
    </section>
  )
}

const TH = 'py-2 pr-4 font-medium'
const TD = 'py-2 pr-4 align-top'

function Table({ label, head, children }: { label: string; head: string[]; children: React.ReactNode }) {
  return (
    <WideTable label={label} className="mt-5">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className={TH}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">{children}</tbody>
      </table>
    </WideTable>
  )
}

/** A run asked for that no worker has started: it has no record yet, so most cells are empty. */
function WaitingRow({ run, columns }: { run: WaitingRun; columns: number }) {
  const who = run.requestedBy ? `by ${run.requestedBy}` : run.trigger === 'schedule' ? 'by the schedule' : `(${run.trigger})`
  return (
    <tr aria-label={`${run.state === 'queued' ? 'Queued' : 'Waiting to retry'} job ${shortId(run.jobId)}`} className="bg-slate-50/60">
      <td className={TD}>{run.state === 'queued' ? <Pill tone="idle">Queued</Pill> : <Pill tone="warn">Waiting to retry</Pill>}</td>
      <td className={`${TD} text-slate-600`} colSpan={columns - 1}>
        {run.state === 'queued' ? (
          <>Queued {utc(run.queuedAt)} {who}; not started yet: it starts when a worker is free.</>
        ) : (
          <>Queued {utc(run.queuedAt)} {who}; a try failed, the next one is due {utc(run.startsAt)}.</>
        )}
      </td>
    </tr>
  )
}

function Empty({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="py-6 text-center text-slate-500">{children}</td>
    </tr>
  )
}

function ErrorText({ error }: { error: string | null }) {
  return error ? <span className="block max-w-md break-words text-red-800">{error}</span> : <span className="text-slate-400">—</span>
}

export function BackupsSection({ backups, feedback }: { backups: BackupOperationsView['backups']; feedback: RunNowFeedback }) {
  const head = ['Status', 'Started (UTC)', 'Finished (UTC)', 'Size', 'Rows', 'Key', 'Backup', 'Error']
  return (
    <Section
      id="backups"
      title="Backups"
      kind="backup"
      feedback={feedback}
      intro="Snapshots of the whole database, compressed and encrypted to the backup public key, daily and on demand. Only a succeeded backup is ever restored from."
    >
      <Table label="Backups" head={head}>
        {backups.waiting.map((run) => <WaitingRow key={run.jobId} run={run} columns={head.length} />)}
        {backups.runs.map((b) => (
          <tr key={b.id} aria-label={`Backup ${shortId(b.id)}`}>
            <td className={TD}><RunStatus status={b.status} overdue={b.overdue} /></td>
            <td className={TD}><Time at={b.startedAt} /></td>
            <td className={TD}><Time at={b.finishedAt} /></td>
            <td className={TD}>{b.bytes === null ? '—' : formatBytes(b.bytes)}</td>
            <td className={TD}>{count(b.rows)}</td>
            <td className={`${TD} font-mono text-xs`}>{b.keyId}</td>
            <td className={`${TD} font-mono text-xs`} title={b.id}>{shortId(b.id)}</td>
            <td className={TD}><ErrorText error={b.error} /></td>
          </tr>
        ))}
        {backups.runs.length + backups.waiting.length === 0 ? <Empty columns={head.length}>No backup has been taken yet.</Empty> : null}
      </Table>
    </Section>
  )
}

export function DrillsSection({
  drills,
  hasSucceededBackup,
  feedback,
}: {
  drills: BackupOperationsView['drills']
  hasSucceededBackup: boolean
  feedback: RunNowFeedback
}) {
  const head = ['Status', 'Started (UTC)', 'Backup', 'Duration', 'Rows', 'Chains verified', 'Asked by', 'Error']
  return (
    <Section
      id="drills"
      title="Restore drills"
      kind="drill"
      feedback={feedback}
      disabledBecause={hasSucceededBackup ? undefined : 'No backup has succeeded yet: there is nothing to restore.'}
      intro="The latest backup restored into a scratch database and checked (every table’s row count, every audit chain), weekly and on demand. It needs the backup private key (BACKUP_PRIVATE_KEY) on the worker that runs it. A drill shows as passed only when its record says it restored and checked a backup."
    >
      <Table label="Restore drills" head={head}>
        {drills.waiting.map((run) => <WaitingRow key={run.jobId} run={run} columns={head.length} />)}
        {drills.runs.map((d) => (
          <tr key={d.id} aria-label={`Drill ${shortId(d.id)}`}>
            <td className={TD}><RunStatus status={d.status} overdue={d.overdue} /></td>
            <td className={TD}><Time at={d.startedAt} /></td>
            <td className={`${TD} font-mono text-xs`} title={d.backupId ?? undefined}>{d.backupId ? shortId(d.backupId) : '—'}</td>
            <td className={TD}>{duration(d.durationMs)}</td>
            <td className={TD}>{count(d.rows)}</td>
            <td className={TD}>{count(d.chainsVerified)}</td>
            <td className={TD}>{d.requestedBy ?? (d.trigger === 'schedule' ? 'the schedule' : d.trigger)}</td>
            <td className={TD}><ErrorText error={d.error} /></td>
          </tr>
        ))}
        {drills.runs.length + drills.waiting.length === 0 ? <Empty columns={head.length}>No restore drill has run yet.</Empty> : null}
      </Table>
    </Section>
  )
}

export function PurgesSection({ purges, feedback }: { purges: BackupOperationsView['purges']; feedback: RunNowFeedback }) {
  const head = ['Status', 'Started (UTC)', 'Finished (UTC)', 'Trigger', 'Purged', 'Error']
  return (
    <Section
      id="purges"
      title="Retention purges"
      kind="purge"
      feedback={feedback}
      intro="What Candor keeps no longer than it says, deleted daily and on demand: a run asked for here is the same job as the daily one. Each run records how many of each kind it deleted."
    >
      <Table label="Retention purges" head={head}>
        {purges.waiting.map((run) => <WaitingRow key={run.jobId} run={run} columns={head.length} />)}
        {purges.runs.map((p) => (
          <tr key={p.id} aria-label={`Purge ${shortId(p.id)}`}>
            <td className={TD}><RunStatus status={p.status} overdue={p.overdue} /></td>
            <td className={TD}><Time at={p.startedAt} /></td>
            <td className={TD}><Time at={p.finishedAt} /></td>
            <td className={TD}>{p.trigger}</td>
            <td className={TD}>
              {p.counts.length ? (
                <dl className="grid grid-cols-[auto_auto] gap-x-3 text-xs">
                  {p.counts.map(([what, n]) => (
                    <div key={what} className="contents">
                      <dt className="text-slate-500">{what.replaceAll('_', ' ')}</dt>
                      <dd className="text-right">{count(n)}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td className={TD}><ErrorText error={p.error} /></td>
          </tr>
        ))}
        {purges.runs.length + purges.waiting.length === 0 ? <Empty columns={head.length}>No retention purge has run yet.</Empty> : null}
      </Table>
    </Section>
  )
}
