import { describe, expect, it } from 'vitest'
import { isWinAnsi, toWinAnsi } from './win-ansi'

describe('toWinAnsi', () => {
  it.each([
    ['plain ASCII', 'Acme Ltd, 1 High St.', 'Acme Ltd, 1 High St.'],
    ['Latin-1 letters', 'Zoë Müller, Straße, Ørsted', 'Zoë Müller, Straße, Ørsted'],
    ['Windows-1252 punctuation', '“quoted” – € 5 … Œuvre', '“quoted” – € 5 … Œuvre'],
    ['letters outside Latin-1 with accents', 'Łukasiewicz, Dvořák, Őry, Đorđević', 'Lukasiewicz, Dvorák, Ory, Dordevic'],
    ['CJK', '山田', '[U+5C71][U+7530]'],
    ['Cyrillic', 'Ия', '[U+0418][U+044F]'],
    ['an emoji', 'ok 👍', 'ok [U+1F44D]'],
    ['a ligature', 'ﬁne', 'fine'],
  ])('%s', (_, input, output) => {
    expect(toWinAnsi(input)).toBe(output)
    expect([...toWinAnsi(input)].every(isWinAnsi)).toBe(true)
  })
})
