// What every kind of data system does for a privacy request. The built-in system reads
// Candor's own rows inside the task's tenant transaction (its two large collections stream out
// of PostgreSQL on a read-only connection of their own: copy-json-lines.server.ts); the connectors to a customer's own
// systems (Postgres, webhook) work outside any transaction of Candor's (decision 031): a remote
// database or endpoint may take minutes, and a long transaction here would hold its snapshot
// and block vacuum. The workflow (tasks, retries, exports, receipts) is the same for both.
import type { Tx } from '~/modules/db/tenant.server'

/** Who the request is about, as the data system is asked for them. */
export type Subject = { requestId: string; email: string; name: string }

/**
 * Rows already written as JSON lines, each `JSON.stringify(row)` and a newline, byte for byte.
 * The batches of a collection put together are whole lines; `rows` counts the lines that end in
 * this batch's `text`.
 */
export type JsonLines = { text: string | Buffer; rows: number }

/**
 * One kind of record a system holds about the subject: its rows, and what they mean. The rows
 * come as objects, or as JSON lines when the system can write them faster than Candor can (a
 * database that builds each line itself: the built-in connector's large collections).
 */
export type Collection = {
  /** A file-name-safe name: `requests`, `emails`. */
  name: string
  description: string
  /** The columns of the CSV, in order. */
  fields: readonly string[]
} & ({ rows: AsyncIterable<Record<string, unknown>> } | { lines: AsyncIterable<JsonLines> })

/**
 * What an erasure removed in one system, and when: shown to staff and told to the subject.
 * `kept` names what the system holds about the subject and keeps on purpose, with the legal
 * ground: it is the same on every run, while `items` count only what this run erased.
 * `verification` is present when the system checked afterwards that none of the subject's
 * identifying values is left in the places it maps; it says what it checked and what it found.
 */
export type ErasureReceipt = {
  system: string
  erasedAt: string
  items: { what: string; count: number }[]
  kept?: { what: string; count: number; why: string }[]
  verification?: { checkedAt: string; places: number; remaining: number; passed: boolean }
  /** The version of the dataset map the erasure followed (a Postgres system's). */
  mapVersion?: number
}

/** A connector works inside the task's tenant transaction when it reads Candor's own data. */
export type ConnectorContext = { tx: Tx; workspaceId: string; systemName: string }

export interface DataSystemConnector {
  /** Everything the system holds about the subject, one collection after another. */
  collect(ctx: ConnectorContext, subject: Subject): AsyncIterable<Collection>
  /** Erase it. Running it again changes nothing and reports zero counts. */
  erase(ctx: ConnectorContext, subject: Subject): Promise<ErasureReceipt>
}

/** What a connector to a customer's system is given. It holds no transaction of Candor's. */
export type ExternalContext = {
  workspaceId: string
  taskId: string
  requestId: string
  systemId: string
  systemName: string
  /** The system's settings as stored (`data_system.settings`): host, TLS mode, endpoint … */
  settings: unknown
  /** The system's secret (password, signing secret), decrypted for this run; null when none. */
  secret: string | null
  /** The request's deadline: a system that answers later must answer by then. */
  dueAt: Date
  /** Run a short tenant transaction (read the dataset map, a key, write a token). */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>
}

/** Done now, or the system took the task and answers later (the task waits for it). */
export type ExternalOutcome<T> = { kind: 'done'; value: T } | { kind: 'waiting'; reason: string }

export interface ExternalConnector {
  /** Stream each collection into `store`, one after another, or say the system answers later. */
  collect(ctx: ExternalContext, subject: Subject, store: (collection: Collection) => Promise<void>): Promise<ExternalOutcome<void>>
  /**
   * Erase. A connector with a transaction of its own calls `beforeCommit` with the receipt of
   * what it is about to commit, just before it commits: if the process dies after the commit,
   * the retry finds nothing left and the receipt saved here is the one recorded (decision 031).
   */
  erase(
    ctx: ExternalContext,
    subject: Subject,
    hooks: { beforeCommit(receipt: ErasureReceipt): Promise<void> },
  ): Promise<ExternalOutcome<ErasureReceipt>>
}

/**
 * The customer's system refused the task (a webhook endpoint's 4xx, an answer Candor cannot
 * use): sending it again would be refused again, so the task fails at once with this message
 * for staff, who may retry it once the system is fixed.
 */
export class RefusedBySystemError extends Error {}
