// The dashboard's side navigation (entries from modules/workspace/dashboard-nav.ts): a sidebar
// on a wide screen, a menu that opens above the page on a narrow one. The menu is a <details>,
// so it opens without JavaScript (and CSS shows it as a sidebar on a wide screen); with it, the
// menu closes again once a page is chosen.
import { useEffect, useRef } from 'react'
import { Link, useLocation } from 'react-router'
import { type NavEntry, type NavGroup, currentHref } from '~/modules/workspace/dashboard-nav'

/** Where the menu becomes a sidebar: the `lg` breakpoint, as in dashboard-shell.css. */
const WIDE = '(min-width: 64rem)'

function EntryLink({ entry, current }: { entry: NavEntry; current: string | null }) {
  return (
    <Link to={entry.href} className="dash-nav-link" aria-current={entry.href === current ? 'page' : undefined}>
      {entry.label}
    </Link>
  )
}

export function DashboardNav({ nav }: { nav: { overview: NavEntry; groups: NavGroup[] } }) {
  const { pathname } = useLocation()
  const current = currentHref(nav, pathname)
  const currentLabel = [nav.overview, ...nav.groups.flatMap((group) => group.entries)].find((entry) => entry.href === current)?.label
  const menu = useRef<HTMLDetailsElement>(null)
  // With JavaScript the <details> is really open on a wide screen (so assistive technology reads
  // it as expanded, not only shown by CSS), and closed on a narrow one after each navigation.
  useEffect(() => {
    const wide = window.matchMedia(WIDE)
    const sync = () => {
      if (menu.current) menu.current.open = wide.matches
    }
    sync()
    wide.addEventListener('change', sync)
    return () => wide.removeEventListener('change', sync)
  }, [pathname])
  return (
    <nav aria-label="Workspace" className="pt-4 lg:sticky lg:top-0 lg:max-h-screen lg:overflow-y-auto lg:py-8">
      <details ref={menu} className="dash-nav">
        <summary className="dash-nav-toggle">
          <span>
            Menu
            {currentLabel ? <span className="font-normal text-slate-500"> · {currentLabel}</span> : null}
          </span>
        </summary>
        <div className="dash-nav-panel">
          <ul>
            <li>
              <EntryLink entry={nav.overview} current={current} />
            </li>
          </ul>
          {nav.groups.map((group) => {
            const id = `nav-${group.label.toLowerCase().replace(/\W+/g, '-')}`
            return (
              <div key={group.label}>
                <p id={id} className="dash-nav-group">
                  {group.label}
                </p>
                <ul aria-labelledby={id} className="space-y-0.5">
                  {group.entries.map((entry) => (
                    <li key={entry.href}>
                      <EntryLink entry={entry} current={current} />
                    </li>
                  ))}
                </ul>
              </div>
            )
          })}
        </div>
      </details>
    </nav>
  )
}
