// Text that must stay on one line (an e-mail header, a security.txt field, a DPA block, a name
// typed into a one-line field): what could break the line or hide in it.

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/** Whether `text` holds nothing that could end its line or hide in it. */
export const isOneLine = (text: string): boolean => text.search(LINE_BREAKING) === -1

/** `text` as one line: those characters become spaces, runs of white space one, none at either end. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKING, ' ').replace(/\s+/g, ' ').trim()
}
