// What every kind of data system does for a privacy request. Built-in today; the Postgres and
// webhook connectors of a later issue implement the same two methods, and the workflow (tasks,
// retries, exports, receipts) does not change.
import type { Tx } from '~/modules/db/tenant.server'

/** Who the request is about, as the data system is asked for them. */
export type Subject = { requestId: string; email: string; name: string }

/** One kind of record a system holds about the subject: its rows, and what they mean. */
export type Collection = {
  /** A file-name-safe name: `requests`, `emails`. */
  name: string
  description: string
  /** The columns of the CSV, in order. */
  fields: readonly string[]
  rows: AsyncIterable<Record<string, unknown>>
}

/**
 * What an erasure removed in one system, and when: shown to staff and told to the subject.
 * `kept` names what the system holds about the subject and keeps on purpose, with the legal
 * ground: it is the same on every run, while `items` count only what this run erased.
 */
export type ErasureReceipt = {
  system: string
  erasedAt: string
  items: { what: string; count: number }[]
  kept?: { what: string; count: number; why: string }[]
}

/** A connector works inside the task's tenant transaction when it reads Candor's own data. */
export type ConnectorContext = { tx: Tx; workspaceId: string; systemName: string }

export interface DataSystemConnector {
  /** Everything the system holds about the subject, one collection after another. */
  collect(ctx: ConnectorContext, subject: Subject): AsyncIterable<Collection>
  /** Erase it. Running it again changes nothing and reports zero counts. */
  erase(ctx: ConnectorContext, subject: Subject): Promise<ErasureReceipt>
}
