// Which tables and sequences of Candor's schema a backup holds, read from the catalogue of the
// database itself, so a new table is backed up without anyone listing it. Left out: the
// migrations table (a restore applies the migrations itself), the backup catalogue (it
// describes backups, not the data; decision 018) and the restore drills (they describe backups
// too, and name catalogue rows a restored database does not have: decision 022). pg-boss's own
// schema is not `public`.
import type pg from 'pg'

export type TableShape = { name: string; columns: string[] }

/** Not in a backup, for the reasons above. */
export const NOT_BACKED_UP = ['_candor_migrations', 'backup', 'backup_drill']

export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Every ordinary table of the public schema with its stored columns (generated ones are computed again). */
export async function snapshotTables(db: Pick<pg.ClientBase, 'query'>): Promise<TableShape[]> {
  const { rows } = await db.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relname = ANY($1))
      GROUP BY c.relname
      ORDER BY c.relname`,
    [NOT_BACKED_UP],
  )
  return rows
}

/** Every sequence of the public schema (the identity columns') and where it stands. */
export async function snapshotSequences(db: Pick<pg.ClientBase, 'query'>): Promise<{ name: string; value: string; isCalled: boolean }[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  )
  const values = []
  for (const { name } of rows) {
    const { rows: state } = await db.query<{ value: string; isCalled: boolean }>(
      `SELECT last_value::text AS value, is_called AS "isCalled" FROM ${quoteName(name)}`,
    )
    values.push({ name, ...state[0]! })
  }
  return values
}
