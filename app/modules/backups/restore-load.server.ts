// The data-load phase of a restore, inside the restore's one transaction. What PostgreSQL would
// otherwise maintain row by row while COPY FROM runs is set aside first and put back after the
// data, as pg_restore does: foreign keys, primary keys and unique constraints, the other
// indexes, user triggers, and forced row-level security. Building an index once over all the
// rows is many times faster than growing it a row at a time, and putting a constraint back
// checks every row against it, so nothing the schema promises goes unchecked.
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { RestoreSource } from './restore.server'
import { FRAME, type Frame, type SequenceValue, type SnapshotHead, jsonOf } from './snapshot-frames'
import { quoteName, snapshotTables } from './schema-shape.server'
import { timed } from './timed'

/** Memory for this transaction's index builds (PostgreSQL's default is 64MB): a large table's index sorts in memory instead of spilling to disk. */
const INDEX_BUILD_MEMORY = '256MB'

export type LoadResult = {
  rowCounts: Record<string, number>
  /** Where the time went: streaming the rows in, and building indexes and checking constraints after. */
  seconds: { copy: number; rebuild: number }
}

type Constraint = { table: string; name: string; definition: string }
type SetAside = { foreignKeys: Constraint[]; keys: Constraint[]; indexes: string[]; forced: string[]; tables: string[] }

/** Stream every table of the snapshot back into `db` (inside a transaction), then rebuild and check. */
export async function loadSnapshot(db: pg.ClientBase, frames: AsyncIterable<Frame>, backup: RestoreSource): Promise<LoadResult> {
  const shapes = new Map((await snapshotTables(db)).map((shape) => [shape.name, shape.columns.join(',')]))
  const copy = await timed(async () => {
    const setAside = await setAsideForLoad(db, [...shapes.keys()])
    return { setAside, rowCounts: await copyTables(db, frames, backup, shapes) }
  })
  const rebuild = await timed(() => putBack(db, copy.value.setAside))
  return { rowCounts: copy.value.rowCounts, seconds: { copy: copy.seconds, rebuild: rebuild.seconds } }
}

async function setAsideForLoad(db: pg.ClientBase, tables: string[]): Promise<SetAside> {
  const { rows: foreignKeys } = await db.query<Constraint>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conname`,
  )
  for (const fk of foreignKeys) await db.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteName(fk.name)}`)
  // Primary keys, unique and exclusion constraints nothing else depends on (a view can depend on
  // a primary key; the foreign keys that did are gone): their indexes go with them.
  const { rows: keys } = await db.query<Constraint>(
    `SELECT k.conrelid::regclass::text AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.contype IN ('p', 'u', 'x') AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.deptype = 'n' AND (
              (d.refclassid = 'pg_constraint'::regclass AND d.refobjid = k.oid) OR
              (d.refclassid = 'pg_class'::regclass AND d.refobjid = k.conindid)))
      ORDER BY k.conname`,
    [tables],
  )
  for (const key of keys) await db.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${quoteName(key.name)}`)
  // The other indexes; those of constraints kept above stay, and are maintained during the load.
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
      ORDER BY 1`,
    [tables],
  )
  for (const index of indexes) await db.query(`DROP INDEX ${index.name}`)
  const { rows: forced } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relforcerowsecurity`,
  )
  // COPY FROM is refused where row-level security applies to the one copying; triggers (audit
  // chain heads, trust stamps) would change the rows being restored.
  for (const { name } of forced) await db.query(`ALTER TABLE ${quoteName(name)} NO FORCE ROW LEVEL SECURITY`)
  for (const name of tables) await db.query(`ALTER TABLE ${quoteName(name)} DISABLE TRIGGER USER`)
  return { foreignKeys, keys, indexes: indexes.map((index) => index.definition), forced: forced.map((row) => row.name), tables }
}

async function putBack(db: pg.ClientBase, setAside: SetAside): Promise<void> {
  for (const name of setAside.tables) await db.query(`ALTER TABLE ${quoteName(name)} ENABLE TRIGGER USER`)
  for (const name of setAside.forced) await db.query(`ALTER TABLE ${quoteName(name)} FORCE ROW LEVEL SECURITY`)
  await db.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`)
  for (const definition of setAside.indexes) await db.query(definition)
  // Adding a key or a foreign key checks every row against it; foreign keys last, as they need
  // the keys they point to.
  for (const key of setAside.keys) await db.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${quoteName(key.name)} ${key.definition}`)
  for (const fk of setAside.foreignKeys) await db.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteName(fk.name)} ${fk.definition}`)
  // Fresh statistics, so the checks that follow (and the restored database) plan with them.
  for (const name of setAside.tables) await db.query(`ANALYZE ${quoteName(name)}`)
}

/** Each table's frames streamed into COPY FROM as they arrive, with its row count checked. */
async function copyTables(
  db: pg.ClientBase,
  frames: AsyncIterable<Frame>,
  backup: RestoreSource,
  shapes: Map<string, string>,
): Promise<Record<string, number>> {
  const rowCounts: Record<string, number> = {}
  let head: SnapshotHead | undefined
  let copy: (Writable & { rowCount: number }) | undefined
  let table = ''
  let done = false
  try {
    for await (const frame of frames) {
      if (done) throw new Error('the backup goes on after its end.')
      if (!head && frame.type !== FRAME.head) throw new Error('the backup does not start with its description.')
      switch (frame.type) {
        case FRAME.head:
          head = jsonOf<SnapshotHead>(frame)
          if (head.backupId !== backup.id || head.schemaVersion !== backup.schemaVersion) {
            throw new Error(`the object holds backup ${head.backupId} at ${head.schemaVersion}, not the backup asked for.`)
          }
          break
        case FRAME.table: {
          const shape = jsonOf<{ table: string; columns: string[] }>(frame)
          table = shape.table
          if (shapes.get(table) !== shape.columns.join(',')) throw new Error(`the table ${table} does not have the columns the backup holds.`)
          copy = db.query(copyFrom(`COPY ${quoteName(table)} (${shape.columns.map(quoteName).join(', ')}) FROM STDIN`))
          // Its failure is read from `errored` (writeTo) and by `finished` at the table's end.
          copy.on('error', () => {})
          break
        }
        case FRAME.data:
          if (!copy) throw new Error('the backup holds rows outside a table.')
          await writeTo(copy, frame.payload)
          break
        case FRAME.end: {
          const { rows } = jsonOf<{ rows: number }>(frame)
          if (!copy) throw new Error('the backup ends a table it did not start.')
          copy.end()
          await finished(copy)
          if (copy.rowCount !== rows) throw new Error(`the table ${table} got ${copy.rowCount} rows back, the backup says ${rows}.`)
          rowCounts[table] = rows
          copy = undefined
          break
        }
        case FRAME.sequences:
          for (const sequence of jsonOf<SequenceValue[]>(frame)) {
            await db.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteName(sequence.name), sequence.value, sequence.isCalled])
          }
          break
        case FRAME.done:
          done = true
          break
      }
    }
  } catch (error) {
    // A COPY left open would hold the connection: end it (CopyFail) before the rollback.
    if (copy) {
      copy.destroy(error as Error)
      await finished(copy).catch(() => {})
    }
    throw error
  }
  if (!done) throw new Error('the backup was cut short.')
  return rowCounts
}

/** Write to a COPY stream, waiting while its buffer is full; its failure rejects. */
async function writeTo(copy: Writable, chunk: Buffer): Promise<void> {
  if (copy.errored) throw copy.errored
  if (copy.write(chunk)) return
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error | null) => {
      copy.off('drain', drained).off('close', closed)
      if (error) reject(error)
      else resolve()
    }
    const drained = () => settle()
    const closed = () => settle(copy.errored ?? new Error('the COPY ended early.'))
    copy.once('drain', drained).once('close', closed)
  })
}
