// Values read from a customer's database, made safe for JSON: every type arrives as Postgres
// prints it (bigint, numeric, bytea as \x…, dates and times as written), except booleans and
// small integers, which JSON holds exactly.
import pg from 'pg'

const AS_IS = (value: string) => value
const EXACT: Record<number, (value: string) => unknown> = {
  [pg.types.builtins.BOOL]: (value) => value === 't',
  [pg.types.builtins.INT2]: Number,
  [pg.types.builtins.INT4]: Number,
}

export const JSON_SAFE_TYPES = { getTypeParser: (oid: number) => EXACT[oid] ?? AS_IS } as unknown as pg.CustomTypesConfig
