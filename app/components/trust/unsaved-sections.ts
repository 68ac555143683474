// Which of the trust editor's section forms hold edits that are not saved: a field whose value
// differs from the one the page was rendered with. Read in the browser only (a page without
// JavaScript cannot know; the publish step then says that it publishes the saved draft).
import { useEffect, useState } from 'react'

const SECTION_FORM = 'form[data-trust-section]'

function edited(element: Element): boolean {
  if (element instanceof HTMLInputElement) {
    if (element.type === 'hidden') return false
    if (element.type === 'checkbox' || element.type === 'radio') return element.checked !== element.defaultChecked
    return element.value !== element.defaultValue
  }
  if (element instanceof HTMLTextAreaElement) return element.value !== element.defaultValue
  if (element instanceof HTMLSelectElement) {
    // With no option marked selected (a blank row's choice), a browser shows the first one.
    const initial = [...element.options].find((option) => option.defaultSelected) ?? element.options[0]
    return element.value !== (initial?.value ?? '')
  }
  return false
}

export function unsavedSections(root: ParentNode): string[] {
  return [...root.querySelectorAll<HTMLFormElement>(SECTION_FORM)]
    .filter((form) => [...form.elements].some(edited))
    .map((form) => form.dataset.trustSection!)
}

/** The sections with unsaved edits, kept current as the person types; `revision` re-reads after a save. */
export function useUnsavedSections(revision: string): string[] {
  const [sections, setSections] = useState<string[]>([])
  useEffect(() => {
    const update = () => setSections((previous) => {
      const next = unsavedSections(document)
      return next.join() === previous.join() ? previous : next
    })
    update()
    document.addEventListener('input', update)
    document.addEventListener('change', update)
    return () => {
      document.removeEventListener('input', update)
      document.removeEventListener('change', update)
    }
  }, [revision])
  return sections
}
