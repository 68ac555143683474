// The Overview's "needs you" part: request deadlines (yours and everyone's), then one card per
// kind of waiting work that has any, each item a link to where it is dealt with, and a line
// naming what was looked at and found clear, so an empty list is never mistaken for an unread one.
import { Link } from 'react-router'
import type { Attention } from '~/modules/overview/attention.server'
import { TimerLabel } from './timer-label'

const link = 'text-brand-700 underline'
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={id}>
      <h3 id={`${id}-heading`} className="font-semibold">
        {title}
      </h3>
      {children}
    </section>
  )
}

function CountLink({ count, href, urgent, label }: { count: number; href: string; urgent: boolean; label: string }) {
  const tone = count > 0 && urgent ? 'text-red-700' : count > 0 ? 'text-ink' : 'text-slate-500'
  return (
    <Link to={href} className={`text-2xl font-semibold tabular-nums hover:underline ${tone}`} aria-label={label}>
      {count.toLocaleString('en')}
    </Link>
  )
}

function DeadlinesCard({ requests }: { requests: NonNullable<Attention['requests']> }) {
  const rows = [
    { key: 'overdue', title: 'Overdue', urgent: true, counts: requests.overdue },
    { key: 'due-soon', title: 'Due within 7 days (overdue included)', urgent: false, counts: requests.dueSoon },
  ] as const
  return (
    <Card id="request-deadlines" title="Privacy request deadlines">
      <table className="mt-3 w-full text-left text-sm">
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="pb-1 font-medium">
              <span className="sr-only">Deadline</span>
            </th>
            {requests.overdue.mine ? <th scope="col" className="pb-1 text-right font-medium">Assigned to you</th> : null}
            <th scope="col" className="pb-1 text-right font-medium">Everyone’s</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, title, urgent, counts }) => (
            <tr key={key} className="border-t border-slate-100" data-testid={`deadline-${key}`}>
              <th scope="row" className="py-2 pr-3 font-normal">{title}</th>
              {counts.mine ? (
                <td className="py-2 text-right" data-testid="mine">
                  <CountLink {...counts.mine} urgent={urgent} label={`${counts.mine.count} ${title.toLowerCase()}, assigned to you`} />
                </td>
              ) : null}
              <td className="py-2 text-right" data-testid="everyone">
                <CountLink {...counts.everyone} urgent={urgent} label={`${counts.everyone.count} ${title.toLowerCase()}, everyone’s`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">Open requests only; “everyone’s” includes yours and the unassigned ones.</p>
    </Card>
  )
}

/** The kinds of waiting work, each shown as a card when it holds anything, else named as clear. */
function waitingCards(attention: Attention, base: string) {
  const { exports, unread, checks, documentRequests, reports } = attention
  const cards: { clearLabel: string; card: React.ReactNode | null }[] = []
  if (unread) {
    cards.push({
      clearLabel: 'replies you have not read',
      card:
        unread.everyone.count === 0 ? null : (
          <Card id="unread-replies" title="Replies you have not read">
            <ul className="mt-2 space-y-1 text-sm">
              {unread.mine ? (
                <li>
                  <Link to={unread.mine.href} className={link}>{plural(unread.mine.count, 'request')} assigned to you</Link>
                </li>
              ) : null}
              <li>
                <Link to={unread.everyone.href} className={link}>{plural(unread.everyone.count, 'open request')} in all</Link>
              </li>
            </ul>
          </Card>
        ),
    })
  }
  if (exports) {
    cards.push({
      clearLabel: 'exports waiting for review',
      card:
        exports.count === 0 ? null : (
          <Card id="exports-waiting" title={`${plural(exports.count, 'export')} waiting for review`}>
            <ul className="mt-2 space-y-1 text-sm">
              {exports.items.map((item) => (
                <li key={item.href}>
                  <Link to={item.href} className={`${link} font-mono`}>{item.reference}</Link>{' '}
                  <span className="text-slate-600">
                    {item.type}, assembled {item.assembled}
                  </span>
                </li>
              ))}
            </ul>
            {exports.count > exports.items.length ? (
              <p className="mt-2 text-xs text-slate-500">The {exports.items.length} waiting longest are listed.</p>
            ) : null}
          </Card>
        ),
    })
  }
  // Checks run for a published trust page only: with no result yet there is nothing to call clear.
  if (checks?.ran) {
    cards.push({
      clearLabel: 'live checks failing or not verified recently',
      card:
        checks.items.length === 0 ? null : (
          <Card id="failing-checks" title="Live checks of the trust page">
            <ul className="mt-2 space-y-2 text-sm">
              {checks.items.map((item) => (
                <li key={item.label}>
                  <span className="mr-2 inline-block rounded border border-red-300 bg-red-50 px-2 py-0.5 text-xs font-medium text-red-900">
                    {item.state}
                  </span>
                  <Link to={item.href} className={link}>{item.label}</Link>
                  <p className="mt-1 text-slate-600">{item.detail}</p>
                </li>
              ))}
            </ul>
          </Card>
        ),
    })
  }
  if (documentRequests) {
    cards.push({
      clearLabel: 'document requests waiting for a decision',
      card:
        documentRequests.count === 0 ? null : (
          <Card id="document-requests" title={`${plural(documentRequests.count, 'document request')} waiting for a decision`}>
            <ul className="mt-2 space-y-1 text-sm">
              {documentRequests.items.map((item, i) => (
                <li key={i}>
                  <span className="font-medium">{item.company}</span> <span className="text-slate-600">asks for {item.document}</span>{' '}
                  <span className="text-xs whitespace-nowrap text-slate-500">
                    since {item.since} ({item.waitingDays === 0 ? 'today' : plural(item.waitingDays, 'day')})
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-sm">
              <Link to={documentRequests.href} className={link}>Decide on the requests</Link>
            </p>
          </Card>
        ),
    })
  }
  if (reports) {
    cards.push({
      clearLabel: 'open vulnerability reports',
      card:
        reports.count === 0 ? null : (
          <Card id="open-reports" title={`${plural(reports.count, 'open vulnerability report')}`}>
            <ul className="mt-2 space-y-2 text-sm">
              {reports.items.map((item) => (
                <li key={item.href} className="flex flex-wrap items-center gap-2">
                  <Link to={item.href} className={`${link} font-mono`}>{item.reference}</Link>
                  <span className="min-w-0 break-words text-slate-600">{item.surface}</span>
                  <span className="text-xs text-slate-500">{item.timerOf}:</span>
                  <TimerLabel badge={item.timer} />
                </li>
              ))}
            </ul>
            {reports.count > reports.items.length ? (
              <p className="mt-2 text-sm">
                <Link to={`${base}/security`} className={link}>All {reports.count} open reports</Link>
              </p>
            ) : null}
          </Card>
        ),
    })
  }
  return cards
}

export function OverviewAttention({ attention, base }: { attention: Attention; base: string }) {
  const cards = waitingCards(attention, base)
  const shown = cards.filter((c) => c.card)
  const clear = cards.filter((c) => !c.card).map((c) => c.clearLabel)
  return (
    <>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        {attention.requests ? <DeadlinesCard requests={attention.requests} /> : null}
        {shown.map((c) => (
          <div key={c.clearLabel} className="min-w-0">
            {c.card}
          </div>
        ))}
      </div>
      {clear.length > 0 ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="clear">
          Nothing waiting: no {clear.join(', no ')}.
        </p>
      ) : null}
    </>
  )
}
