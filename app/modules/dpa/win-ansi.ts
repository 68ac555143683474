// What the PDF's standard fonts can show. The 14 standard PDF fonts encode WinAnsi (Windows-1252)
// only; rather than ship a font for every script, text drawn in the PDF is brought into WinAnsi by
// one documented rule (decision 014): a character WinAnsi has is kept; a letter with a diacritic
// it lacks loses the diacritic ("Ł" → "L", "ő" → "o"); anything else is written as its code
// point, "[U+5C71]". The exact text, in UTF-8, is attached to the PDF and is what the hash covers.

/** The Windows-1252 characters between 0x80 and 0x9F (the rest of WinAnsi is Latin-1). */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

/** Letters that Unicode decomposition does not strip to a base letter. */
const BASE_LETTER: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', ĸ: 'k', Ŧ: 'T', ŧ: 't' }

export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(char)
}

/** `text` with every character WinAnsi lacks replaced by the rule above. */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const char of text) {
    if (isWinAnsi(char)) {
      out += char
      continue
    }
    const base = BASE_LETTER[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '')
    out += base && [...base].every(isWinAnsi) ? base : `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`
  }
  return out
}
