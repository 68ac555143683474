// Finding transaction control (BEGIN, COMMIT, …) in a migration file. The runner wraps each
// file in one transaction; a COMMIT inside it would commit half the migration and run the rest
// outside any transaction. Comments, quoted text and $$-bodies (where PL/pgSQL's BEGIN … END
// lives) are skipped; so are SQL-standard `BEGIN ATOMIC … END` function bodies.

const TRANSACTION_CONTROL =
  /^(begin|start\s+transaction|commit|end|rollback|abort|prepare\s+transaction)\b/i

/** The first top-level transaction-control statement in `sql` (its first line), or undefined. */
export function findTransactionControl(sql: string): string | undefined {
  let inAtomicBody = false
  for (const statement of topLevelStatements(sql)) {
    const text = statement.trim()
    if (inAtomicBody) {
      if (/^end$/i.test(text)) inAtomicBody = false
      continue
    }
    if (/\bbegin\s+atomic\b/i.test(text) && !TRANSACTION_CONTROL.test(text)) {
      inAtomicBody = true
      continue
    }
    if (TRANSACTION_CONTROL.test(text)) return text.split('\n')[0]
  }
  return undefined
}

/** `sql` split on semicolons outside comments, quoted text and dollar-quoted bodies, those blanked. */
function topLevelStatements(sql: string): string[] {
  const statements: string[] = []
  let current = ''
  let i = 0
  while (i < sql.length) {
    const skip = skippedLength(sql, i)
    if (skip > 0) {
      current += ' '
      i += skip
    } else {
      if (sql[i] === ';') {
        statements.push(current)
        current = ''
      } else current += sql[i]
      i++
    }
  }
  statements.push(current)
  return statements
}

const SKIPPED = [/--[^\n]*/y, /\/\*[\s\S]*?\*\//y, /'(?:[^']|'')*'/y, /"(?:[^"]|"")*"/y]
const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y

/** How many characters from `at` are a comment, quoted text or a dollar-quoted body (0: none). */
function skippedLength(sql: string, at: number): number {
  for (const pattern of SKIPPED) {
    pattern.lastIndex = at
    if (pattern.test(sql)) return pattern.lastIndex - at
  }
  DOLLAR_TAG.lastIndex = at
  const tag = DOLLAR_TAG.exec(sql)?.[0]
  if (!tag) return 0
  const end = sql.indexOf(tag, at + tag.length)
  return (end === -1 ? sql.length : end + tag.length) - at
}
