// What the request page shows of an access or portability export, for the member who reviews
// it before it reaches the requester: its state in words, its size, what it holds (collections
// with record counts, the summary's sections, blank ones flagged) and which steps are open.
import type { RequestExport } from '~/generated/prisma/client'
import type { ExportContents } from './export-review.server'
import { utcInstant } from '~/modules/formats/utc-instant'
import { formatBytes } from '~/modules/trust/document-types'

export type ExportReviewView = {
  status: string
  size: string | null
  downloads: number
  /** Assembled and waiting: "Send to the requester" and "Assemble again" apply. */
  awaitingReview: boolean
  /** `amount`: "3 records", "3 records, 1.2 KB" or "240 KB". */
  files: { system: string; collection: string; description: string; amount: string }[]
  summary: { title: string; text: string; blank: boolean }[]
  /** The export failed its retries while every task is done: a member may build it again. */
  retryable: boolean
}

type Input = {
  exported: RequestExport | null
  releaser: string | null
  tasksDone: boolean
  needsAttention: boolean
  now: Date
}

function amountOf(rows: number | null, bytes: number | undefined): string {
  const records = rows === null ? null : `${rows} record${rows === 1 ? '' : 's'}`
  return [records, bytes === undefined ? null : formatBytes(bytes)].filter(Boolean).join(', ')
}

export function exportReviewView({ exported, releaser, tasksDone, needsAttention, now }: Input): ExportReviewView {
  const sentBack = exported !== null && exported.deletedAt !== null && exported.releasedAt === null
  const contents = (exported && !sentBack ? (exported.contents as ExportContents | null) : null) ?? { files: [], summary: [] }
  const base = {
    size: null,
    downloads: 0,
    awaitingReview: false,
    files: contents.files.map(({ system, collection, description, rows, bytes }) => ({ system, collection, description, amount: amountOf(rows, bytes) })),
    summary: contents.summary.map((s) => ({ ...s, blank: s.text.trim() === '' })),
    retryable: needsAttention && tasksDone && (exported === null || sentBack),
  }
  if (!exported || sentBack) {
    const status = tasksDone
      ? 'Being assembled.'
      : sentBack
        ? 'Sent back: it is assembled again once every data system’s task is done.'
        : 'Not built yet: it is assembled once every data system’s task is done.'
    return { ...base, status }
  }
  const size = `${(Number(exported.bytes) / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KB`
  const sized = { ...base, size, downloads: exported.downloads }
  if (!exported.releasedAt || !exported.expiresAt) {
    return {
      ...sized,
      awaitingReview: true,
      status: `Assembled ${utcInstant(exported.createdAt)}; waiting for review. The requester cannot download it until it is sent.`,
    }
  }
  const by = exported.autoReleased ? 'automatically (workspace setting)' : releaser ? `by ${releaser}` : 'by a former member'
  const sent = `Sent to the requester ${utcInstant(exported.releasedAt)} ${by}`
  if (exported.deletedAt) return { ...sized, status: `${sent}; deleted on ${utcInstant(exported.deletedAt)}.` }
  if (exported.expiresAt <= now) return { ...sized, status: `${sent}; expired on ${utcInstant(exported.expiresAt)}.` }
  return { ...sized, status: `${sent}; the requester can download it until ${utcInstant(exported.expiresAt)}.` }
}
