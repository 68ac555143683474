// Privacy requests per month by type, as an SVG drawn on the server: stacked bars per month and,
// under each month, the share of that month's completions that met their deadline. It needs no
// JavaScript. A screen reader gets a one-paragraph summary (the SVG's title and description)
// and the same numbers as a table in the <details> below the chart.
import { REQUEST_TYPES, REQUEST_TYPE_KEYS, type RequestType } from '~/modules/dsar/request-kinds'
import type { RequestChart } from '~/modules/overview/request-chart.server'
import { WideTable } from './wide-table'

/** One colour per request type, told apart in the legend and the table too (colour is never the only signal). */
const TYPE_COLOURS: Record<RequestType, string> = {
  access: '#1f5fbf',
  portability: '#0e7490',
  erasure: '#7c3aed',
  rectification: '#047857',
  restriction: '#b45309',
  objection: '#be185d',
  opt_out: '#475569',
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const monthLabel = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`
const shortMonth = (month: string) => MONTH_NAMES[Number(month.slice(5, 7)) - 1]!
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

const WIDTH = 720
const HEIGHT = 256
const LEFT = 60
const RIGHT = 8
const TOP = 12
const BARS_BOTTOM = 210

/** A round step for the value axis: 1, 2 or 5 times a power of ten, about four lines. */
function axisStep(max: number): number {
  const rough = Math.max(1, max / 4)
  const power = 10 ** Math.floor(Math.log10(rough))
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!
}

/** The sentence a screen reader hears for the whole chart, computed from the same numbers. */
export function chartSummary({ months, timeZone }: RequestChart): string {
  const received = months.reduce((sum, m) => sum + m.receivedTotal, 0)
  const completed = months.reduce((sum, m) => sum + m.completed, 0)
  const onTime = months.reduce((sum, m) => sum + m.completedOnTime, 0)
  const span = `${monthLabel(months[0]!.month)} to ${monthLabel(months.at(-1)!.month)} (months in ${timeZone} time)`
  if (received === 0 && completed === 0) return `No privacy request was received or completed from ${span}.`
  const busiest = months.reduce((best, m) => (m.receivedTotal > best.receivedTotal ? m : best))
  const share = completed === 0 ? '' : ` (${Math.floor((onTime / completed) * 100)}%)`
  return (
    `Privacy requests received per month by type, ${span}: ${plural(received, 'request')} in all, ` +
    `the most in ${monthLabel(busiest.month)} (${busiest.receivedTotal.toLocaleString('en')}). ` +
    `${plural(completed, 'request')} completed in these months, ${onTime.toLocaleString('en')}${share} by their deadline. ` +
    'The table below the chart gives every number.'
  )
}

export function RequestsChart({ chart }: { chart: RequestChart }) {
  const { months } = chart
  const types = REQUEST_TYPE_KEYS.filter((type) => months.some((m) => m.received[type] > 0))
  const max = Math.max(1, ...months.map((m) => m.receivedTotal))
  const step = axisStep(max)
  const top = Math.ceil(max / step) * step
  const y = (value: number) => BARS_BOTTOM - (value / top) * (BARS_BOTTOM - TOP)
  const slot = (WIDTH - LEFT - RIGHT) / months.length
  const barWidth = Math.min(36, slot * 0.6)
  const summary = chartSummary(chart)
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step)
  return (
    <figure className="mt-4">
      {/* On a phone the chart keeps a readable size and scrolls sideways in its own box. */}
      <WideTable label="Chart of requests per month" className="max-w-3xl">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby="requests-chart-title requests-chart-desc"
          className="h-auto w-full min-w-[560px]"
          data-testid="requests-chart"
        >
          <title id="requests-chart-title">Privacy requests per month by type, and the share completed on time</title>
          <desc id="requests-chart-desc">{summary}</desc>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? '#94a3b8' : '#e2e8f0'} />
              <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#475569">
                {tick.toLocaleString('en')}
              </text>
            </g>
          ))}
          {months.map((month, i) => {
            const x = LEFT + i * slot + (slot - barWidth) / 2
            let base = 0
            return (
              <g key={month.month}>
                {types.map((type) => {
                  const count = month.received[type]
                  if (count === 0) return null
                  const from = base
                  base += count
                  return (
                    <rect key={type} x={x} width={barWidth} y={y(base)} height={y(from) - y(base)} fill={TYPE_COLOURS[type]}>
                      <title>{`${monthLabel(month.month)}: ${plural(count, REQUEST_TYPES[type].label.toLowerCase() + ' request')}`}</title>
                    </rect>
                  )
                })}
                <text x={x + barWidth / 2} y={BARS_BOTTOM + 16} textAnchor="middle" fontSize="11" fill="#334155">
                  {shortMonth(month.month)}
                </text>
                <text x={x + barWidth / 2} y={BARS_BOTTOM + 36} textAnchor="middle" fontSize="11" fontWeight="600" fill={onTimeColour(month.onTimePercent)}>
                  {month.onTimePercent === null ? '–' : `${month.onTimePercent}%`}
                </text>
              </g>
            )
          })}
          <text x={LEFT - 6} y={BARS_BOTTOM + 36} textAnchor="end" fontSize="11" fill="#475569">
            On time
          </text>
        </svg>
      </WideTable>
      <figcaption className="mt-2 text-sm text-slate-600">
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Request types">
          {types.map((type) => (
            <li key={type} className="flex items-center gap-1.5">
              <svg aria-hidden="true" width="12" height="12" className="shrink-0">
                <rect width="12" height="12" rx="2" fill={TYPE_COLOURS[type]} />
              </svg>
              {REQUEST_TYPES[type].label}
            </li>
          ))}
        </ul>
        <p className="mt-2">
          {monthLabel(months[0]!.month)} to {monthLabel(months.at(-1)!.month)}. Bars: requests received each month (e-mail confirmed). “On time”: of the requests completed that month, the share
          completed by their deadline; “–” when none was completed. Months in {chart.timeZone} time.
        </p>
      </figcaption>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-brand-700 underline">The numbers as a table</summary>
        <WideTable label="Requests per month" className="mt-2">
          <table className="w-full border-collapse text-left" data-testid="requests-chart-table">
            <caption className="sr-only">Privacy requests received per month by type, and completions on time</caption>
            <thead className="border-b border-slate-300 text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Month</th>
                {REQUEST_TYPE_KEYS.map((type) => (
                  <th key={type} scope="col" className="py-1 pr-3 text-right font-medium">
                    {REQUEST_TYPES[type].label}
                  </th>
                ))}
                <th scope="col" className="py-1 pr-3 text-right font-medium">Received</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Completed</th>
                <th scope="col" className="py-1 text-right font-medium">On time</th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month} className="border-b border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-normal whitespace-nowrap">{monthLabel(month.month)}</th>
                  {REQUEST_TYPE_KEYS.map((type) => (
                    <td key={type} className="py-1 pr-3 text-right tabular-nums">{month.received[type]}</td>
                  ))}
                  <td className="py-1 pr-3 text-right font-medium tabular-nums">{month.receivedTotal}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{month.completed}</td>
                  <td className="py-1 text-right tabular-nums whitespace-nowrap">
                    {month.onTimePercent === null ? '–' : `${month.completedOnTime} (${month.onTimePercent}%)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </WideTable>
      </details>
    </figure>
  )
}

function onTimeColour(percent: number | null): string {
  if (percent === null) return '#64748b'
  return percent === 100 ? '#047857' : percent >= 90 ? '#b45309' : '#b91c1c'
}
