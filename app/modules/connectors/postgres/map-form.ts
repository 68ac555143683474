// The dataset map as the review form on a data system's page: one field per choice (include a
// table; per column identity, category, strategy, ground for keeping) and the map's structure
// (tables, columns, types, keys, references: what the database says, not the member) carried in
// one hidden field. Read back, the result is checked by datasetMapSchema, and each problem is
// placed beside the field it concerns.
import { z } from 'zod'
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'
import { type DatasetMap, ERASURE_STRATEGIES, IDENTITY_KINDS, datasetMapSchema, referenceSchema } from '../dataset-map'

export const tableField = (t: number) => `t${t}.included`
export const columnField = (t: number, c: number, field: 'identity' | 'category' | 'strategy' | 'keepReason') => `t${t}.c${c}.${field}`

const name = z
  .string()
  .min(1)
  .max(63)
  .refine((value) => !CONTROL_CHARACTER.test(value))

const structureSchema = z.object({
  tables: z
    .array(z.object({ schema: name, name, primaryKey: z.array(name).max(32), columns: z.array(z.object({ name, type: z.string().min(1).max(200) })).max(1600) }))
    .max(2000),
  references: z.array(referenceSchema).max(10_000),
})
export type MapStructure = z.infer<typeof structureSchema>

/** What the hidden field carries: the map without the member's choices. */
export function structureOf(map: DatasetMap): MapStructure {
  return {
    tables: map.tables.map((t) => ({ schema: t.schema, name: t.name, primaryKey: t.primaryKey, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
    references: map.references,
  }
}

const CHOICE_MESSAGES: Record<string, string> = {
  identity: 'Choose how the subject is found by this column, or none.',
  strategy: 'Choose what erasure does to this column.',
  category: 'A data category is at most 60 characters long.',
  keepReason: 'The ground for keeping is at most 500 characters long.',
}

export type MapFormResult =
  | { ok: true; map: DatasetMap }
  | { ok: false; draft: DatasetMap | null; fieldErrors: Record<string, string>; errors: string[] }

export function mapFromForm(values: Record<string, string | undefined>): MapFormResult {
  let structure: MapStructure
  try {
    structure = structureSchema.parse(JSON.parse(values.structure ?? ''))
  } catch {
    return { ok: false, draft: null, fieldErrors: {}, errors: ['The map form could not be read: reload the page and review it again.'] }
  }
  const draft = {
    tables: structure.tables.map((table, t) => ({
      ...table,
      included: values[tableField(t)] === 'on',
      columns: table.columns.map((column, c) => {
        const value = (field: Parameters<typeof columnField>[2]) => values[columnField(t, c, field)]?.trim() || null
        return { ...column, identity: value('identity'), category: value('category'), strategy: value('strategy') ?? '', keepReason: value('keepReason') }
      }),
    })),
    references: structure.references,
  }
  const parsed = datasetMapSchema.safeParse(draft)
  if (parsed.success) return { ok: true, map: parsed.data }
  const fieldErrors: Record<string, string> = {}
  const errors: string[] = []
  for (const issue of parsed.error.issues) {
    const [, t, , c, field] = issue.path
    if (issue.path[0] === 'tables' && typeof t === 'number' && typeof c === 'number' && typeof field === 'string') {
      const message = field === 'keepReason' && issue.code === 'custom' ? issue.message : (CHOICE_MESSAGES[field] ?? issue.message)
      fieldErrors[columnField(t, c, field as 'identity')] ??= message
    } else errors.push(issue.message)
  }
  // The draft is shown again as sent: choices outside the lists are shown as none.
  const shown = {
    ...draft,
    tables: draft.tables.map((table) => ({
      ...table,
      columns: table.columns.map((column) => ({
        ...column,
        identity: (IDENTITY_KINDS as readonly string[]).includes(column.identity ?? '') ? (column.identity as DatasetMap['tables'][number]['columns'][number]['identity']) : null,
        strategy: (ERASURE_STRATEGIES as readonly string[]).includes(column.strategy) ? (column.strategy as DatasetMap['tables'][number]['columns'][number]['strategy']) : 'keep',
      })),
    })),
  }
  return { ok: false, draft: shown, fieldErrors, errors: [...new Set(errors)] }
}
