// True once React runs in the browser: forms render their plain HTML version until then, so
// a page works without JavaScript and gains the enhanced version when it loads.
import { useEffect, useState } from 'react'

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
