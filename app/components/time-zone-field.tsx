// A hidden field carrying the browser's IANA time zone, so the portal can show the requester
// dates in their own zone. A tiny inline script (with the page's CSP nonce) fills it before
// React loads, so a form sent early carries it too; the effect fills it after client-side
// navigation, when inline scripts do not run. Without JavaScript it stays empty (dates in UTC).
import { useEffect, useRef } from 'react'
import { useNonce } from './nonce'

const FILL = 'document.currentScript.previousElementSibling.value=Intl.DateTimeFormat().resolvedOptions().timeZone'

export function TimeZoneField() {
  const nonce = useNonce()
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (field.current) field.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone
  }, [])
  return (
    <>
      <input ref={field} type="hidden" name="timeZone" defaultValue="" suppressHydrationWarning />
      <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: FILL }} />
    </>
  )
}
