// What the section form holds as the person types, read in the browser a moment after each
// change: the section's value when the form is valid (for the live preview), the fields' messages
// when it is not, and whether it differs from the saved draft (for the unsaved-changes guard).
import { useCallback, useEffect, useRef, useState } from 'react'
import { type SectionId, type TrustContent, canonicalJson } from '~/modules/trust/content'
import { readSectionForm, sectionList } from '~/modules/trust/editor-form'

/** How long after the last keystroke the form is read again. */
const SETTLE_MS = 250

export type LiveSection<S extends SectionId> = {
  /** The section as the form says it now, or as saved until the form is read. */
  value: TrustContent[S]
  /** Messages of the fields that need a correction (null until the form is first read). */
  errors: Record<string, string> | null
  /** The form differs from the saved draft: a field, the number of a list's items or their order. */
  dirty: boolean
}

/** Whether the form as read differs from `saved`: its value, or its list's length (an added empty item counts). */
function differs<S extends SectionId>(section: S, form: FormData, read: ReturnType<typeof readSectionForm<S>>, saved: TrustContent[S]): boolean {
  if (!read.ok || canonicalJson(read.value) !== canonicalJson(saved)) return true
  const list = sectionList(section)
  if (!list) return false
  const savedItems = section === 'residency' ? (saved as TrustContent['residency']).locations : (saved as unknown[])
  return Number(form.get(`${section}.${list.prefix}rows`)) !== savedItems.length
}

export function useLiveSection<S extends SectionId>(section: S, saved: TrustContent[S], startDirty: boolean) {
  const formRef = useRef<HTMLFormElement>(null)
  const [shown, setShown] = useState<Omit<LiveSection<S>, 'dirty'>>({ value: saved, errors: null })
  // Known at once (the guard must not miss a quick edit); the preview and messages follow a moment later.
  const [dirty, setDirty] = useState(startDirty)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)

  const read = useCallback(() => {
    const form = formRef.current
    if (!form) return null
    const data = new FormData(form)
    const result = readSectionForm(section, data)
    setDirty(differs(section, data, result, saved))
    return result
  }, [section, saved])

  /** After a change: whether the form is dirty now; the preview once the typing settles. */
  const changed = useCallback(() => {
    read()
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      const result = read()
      if (result) setShown((previous) => (result.ok ? { value: result.value, errors: {} } : { value: previous.value, errors: result.errors }))
    }, SETTLE_MS)
  }, [read])

  useEffect(() => () => clearTimeout(timer.current), [])
  const live: LiveSection<S> = { ...shown, dirty }
  return { formRef, live, changed }
}
