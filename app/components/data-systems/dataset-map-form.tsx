// The dataset map as a form to review: per table whether it is in the map, per column how the
// subject is found by it, what it is and what erasure does to it (with the ground for keeping).
// Tables and columns the saved version does not have yet are marked, and so are the columns
// whose ground for keeping is still missing.
import { Form } from 'react-router'
import { DATA_CATEGORIES } from '~/modules/connectors/data-categories'
import type { DatasetMap } from '~/modules/connectors/dataset-map'
import { columnField, tableField } from '~/modules/connectors/postgres/map-form'

const IDENTITY_OPTIONS = [
  ['', '—'],
  ['email', 'E-mail'],
  ['user_id', 'User id'],
  ['phone', 'Phone'],
  ['other', 'Other'],
] as const

const STRATEGY_OPTIONS = [
  ['delete_row', 'Delete the row'],
  ['null', 'Set to NULL'],
  ['mask', 'Mask'],
  ['hash', 'Hash (HMAC)'],
  ['keep', 'Keep (give the ground)'],
] as const

const CONTROL = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm'
const INVALID = 'border-red-400 bg-red-50'

export type MapFormProps = {
  map: DatasetMap
  structure: string
  fresh: string[]
  fieldErrors: Record<string, string>
  nextVersion: number
}

export function DatasetMapForm({ map, structure, fresh, fieldErrors, nextVersion }: MapFormProps) {
  return (
    <Form method="post" className="mt-4 grid gap-6" noValidate>
      <input type="hidden" name="intent" value="map" />
      <input type="hidden" name="structure" value={structure} />
      {map.tables.map((table, t) => {
        const key = `${table.schema}.${table.name}`
        return (
          <fieldset key={key} className="min-w-0 rounded border border-slate-200 p-4" aria-label={`Table ${key}`}>
            <legend className="px-1">
              <label className="flex items-center gap-2 font-medium">
                <input type="checkbox" name={tableField(t)} defaultChecked={table.included} aria-label={`Include ${key}`} />
                <span className="font-mono text-sm">{key}</span>
                {fresh.includes(key) ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-normal text-amber-900">not yet mapped</span> : null}
                <span className="text-xs font-normal text-slate-500">
                  {table.primaryKey.length > 0 ? `key: ${table.primaryKey.join(', ')}` : 'no primary key: rows matched by their place (ctid)'}
                </span>
              </label>
            </legend>
            <div role="region" aria-label={`Columns of ${key}`} tabIndex={0} className="relative mt-2 overflow-x-auto">
              <table className="w-full min-w-[52rem] table-fixed text-left text-sm">
                <colgroup>
                  <col className="w-[18%]" />
                  <col className="w-[13%]" />
                  <col className="w-[25%]" />
                  <col className="w-[18%]" />
                  <col className="w-[26%]" />
                </colgroup>
                <thead className="border-b border-slate-200 text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">Column</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Finds the subject</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Category</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Erasure</th>
                    <th scope="col" className="py-1 font-medium">Ground for keeping</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {table.columns.map((column, c) => {
                    const path = `${key}.${column.name}`
                    const error = (field: Parameters<typeof columnField>[2]) => fieldErrors[columnField(t, c, field)]
                    const categories = Object.entries(DATA_CATEGORIES) as [string, string][]
                    if (column.category && !(column.category in DATA_CATEGORIES)) categories.push([column.category, column.category])
                    return (
                      <tr key={column.name} className="align-top">
                        <td className="py-2 pr-3 align-top">
                          <span className="break-all font-mono">{column.name}</span>
                          {fresh.includes(path) ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">new</span> : null}
                          <span className="block text-xs text-slate-500">{column.type}</span>
                        </td>
                        <td className="py-2 pr-3">
                          <select name={columnField(t, c, 'identity')} defaultValue={column.identity ?? ''} aria-label={`Identity of ${path}`} className={`${CONTROL} ${error('identity') ? INVALID : ''}`}>
                            {IDENTITY_OPTIONS.map(([value, label]) => (
                              <option key={value} value={value}>{label}</option>
                            ))}
                          </select>
                          <FieldError message={error('identity')} />
                        </td>
                        <td className="py-2 pr-3">
                          <select name={columnField(t, c, 'category')} defaultValue={column.category ?? ''} aria-label={`Category of ${path}`} className={CONTROL}>
                            <option value="">Not personal</option>
                            {categories.map(([value, label]) => (
                              <option key={value} value={value}>{label}</option>
                            ))}
                          </select>
                          <FieldError message={error('category')} />
                        </td>
                        <td className="py-2 pr-3">
                          <select name={columnField(t, c, 'strategy')} defaultValue={column.strategy} aria-label={`Erasure of ${path}`} className={`${CONTROL} ${error('strategy') ? INVALID : ''}`}>
                            {STRATEGY_OPTIONS.map(([value, label]) => (
                              <option key={value} value={value}>{label}</option>
                            ))}
                          </select>
                          <FieldError message={error('strategy')} />
                        </td>
                        <td className="py-2">
                          <input
                            name={columnField(t, c, 'keepReason')}
                            defaultValue={column.keepReason ?? ''}
                            aria-label={`Ground for keeping ${path}`}
                            aria-invalid={error('keepReason') ? true : undefined}
                            placeholder={column.strategy === 'keep' ? 'e.g. Invoices: 10 years, HGB §257' : ''}
                            className={`${CONTROL} ${error('keepReason') ? INVALID : ''}`}
                          />
                          <FieldError message={error('keepReason')} />
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          </fieldset>
        )
      })}
      <div>
        <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Save as version {nextVersion}
        </button>
      </div>
    </Form>
  )
}

function FieldError({ message }: { message?: string }) {
  return message ? <p className="mt-1 text-xs text-red-700">{message}</p> : null
}
