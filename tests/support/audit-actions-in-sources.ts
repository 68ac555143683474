// Every audit action code the product can record, read from its sources: each call of
// recordAudit / recordAuditAsOwner (and of any function that passes its argument on to one),
// its `action` followed through literals, conditionals, lookup tables, spreads and literal-union
// parameters. What this reader cannot follow is reported, so that a new way of writing an
// action fails the phrasebook's test instead of slipping past it.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const ROOTS = ['app', 'jobs', 'server']
const WRITERS = ['recordAudit', 'recordAuditAsOwner']

/**
 * Template literals whose values come from elsewhere: the template as written → how to list
 * its values. The incident workflow's steps name their verb as `kind: '…'`.
 */
const TEMPLATE_EXPANSIONS: Record<string, (files: Map<string, ts.SourceFile>) => string[]> = {
  'incident.${step.kind}': (files) =>
    propertyLiterals(files.get('app/modules/incidents/workflow.server.ts')!, 'kind').map((kind) => `incident.${kind}`),
}

export type ActionScan = { codes: Set<string>; unreadable: string[] }

function sourceFiles(root: string, dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (name === 'generated' || name === 'node_modules') continue
    if (statSync(path).isDirectory()) sourceFiles(root, path, out)
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(relative(root, path))
  }
  return out
}

function propertyLiterals(file: ts.SourceFile, property: string): string[] {
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText(file) === property) {
      const value = node.initializer
      if (ts.isStringLiteralLike(value)) found.push(value.text)
      if (ts.isConditionalExpression(value)) {
        for (const side of [value.whenTrue, value.whenFalse]) if (ts.isStringLiteralLike(side)) found.push(side.text)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/** The declaration named `name` visible from `from` in its file (a const or a parameter). */
function declarationOf(file: ts.SourceFile, from: ts.Node, name: string): ts.VariableDeclaration | ts.ParameterDeclaration | null {
  for (let scope: ts.Node | undefined = from; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      const parameter = scope.parameters.find((p) => p.name.getText(file) === name)
      if (parameter) return parameter
    }
    let found: ts.VariableDeclaration | null = null
    scope.forEachChild((child) => {
      const visit = (node: ts.Node) => {
        if (found || (node !== scope && ts.isFunctionLike(node))) return
        if (ts.isVariableDeclaration(node) && node.name.getText(file) === name) found = node
        else ts.forEachChild(node, visit)
      }
      visit(child)
    })
    if (found) return found
  }
  return null
}

type Reader = {
  files: Map<string, ts.SourceFile>
  codes: Set<string>
  unreadable: string[]
  /** Functions that hand one of their parameters to a writer: name → the parameter's index. */
  passOn: Map<string, number>
}

const where = (file: ts.SourceFile, node: ts.Node) =>
  `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`

/** The codes an expression can evaluate to. */
function readCodes(reader: Reader, file: ts.SourceFile, expression: ts.Expression): boolean {
  if (ts.isStringLiteralLike(expression)) return reader.codes.add(expression.text), true
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) return readCodes(reader, file, expression.expression)
  if (ts.isConditionalExpression(expression)) {
    return readCodes(reader, file, expression.whenTrue) && readCodes(reader, file, expression.whenFalse)
  }
  if (ts.isTemplateExpression(expression)) {
    const expand = TEMPLATE_EXPANSIONS[expression.getText(file).slice(1, -1)]
    if (!expand) return false
    const codes = expand(reader.files)
    codes.forEach((code) => reader.codes.add(code))
    return codes.length > 0
  }
  if (ts.isElementAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
    const table = declarationOf(file, expression, expression.expression.text)
    const value = table && ts.isVariableDeclaration(table) ? table.initializer : undefined
    const object = value && ts.isAsExpression(value) ? value.expression : value
    if (!object || !ts.isObjectLiteralExpression(object)) return false
    return object.properties.every((p) => ts.isPropertyAssignment(p) && readCodes(reader, file, p.initializer))
  }
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(file, expression, expression.text)
    if (!declaration) return false
    if (declaration.initializer) return readCodes(reader, file, declaration.initializer)
    const type = declaration.type
    if (type && ts.isUnionTypeNode(type)) {
      return type.types.every((member) => ts.isLiteralTypeNode(member) && readCodes(reader, file, member.literal as ts.Expression))
    }
    if (type && ts.isLiteralTypeNode(type)) return readCodes(reader, file, type.literal as ts.Expression)
  }
  return false
}

/** The codes of an audit input written as an object (with `action`, or spreading one that has it). */
function readInput(reader: Reader, file: ts.SourceFile, input: ts.Expression): boolean {
  if (!ts.isObjectLiteralExpression(input)) return false
  for (const property of input.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText(file) === 'action') {
      return readCodes(reader, file, property.initializer)
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'action') {
      return readCodes(reader, file, property.name)
    }
  }
  const spread = input.properties.find(ts.isSpreadAssignment)
  if (spread && ts.isIdentifier(spread.expression)) {
    const declaration = declarationOf(file, spread, spread.expression.text)
    if (declaration?.initializer) return readInput(reader, file, declaration.initializer)
  }
  return false
}

function enclosingFunctionName(node: ts.Node): string | null {
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (ts.isFunctionDeclaration(scope) && scope.name) return scope.name.text
    if (ts.isArrowFunction(scope) && ts.isVariableDeclaration(scope.parent) && ts.isIdentifier(scope.parent.name)) {
      return scope.parent.name.text
    }
  }
  return null
}

function readCall(reader: Reader, file: ts.SourceFile, call: ts.CallExpression, inputIndex: number) {
  const input = call.arguments[inputIndex]
  if (!input) return
  if (readInput(reader, file, input)) return
  // A function that hands its own parameter to the writer: its callers write the action.
  if (ts.isIdentifier(input)) {
    const declaration = declarationOf(file, call, input.text)
    const owner = declaration && ts.isParameter(declaration) ? enclosingFunctionName(call) : null
    if (declaration && ts.isParameter(declaration) && owner && ts.isFunctionLike(declaration.parent)) {
      reader.passOn.set(owner, declaration.parent.parameters.indexOf(declaration))
      return
    }
  }
  reader.unreadable.push(`${where(file, call)}: ${call.getText(file).slice(0, 120)}`)
}

function calls(file: ts.SourceFile, names: (name: string) => number | undefined, each: (call: ts.CallExpression, index: number) => void) {
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const index = names(node.expression.text)
      if (index !== undefined) each(node, index)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
}

/** Every action code written by the sources under `root`. */
export function auditActionsInSources(root: string): ActionScan {
  const files = new Map<string, ts.SourceFile>()
  for (const dir of ROOTS) {
    for (const path of sourceFiles(root, join(root, dir))) {
      files.set(path, ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.Latest, true))
    }
  }
  const reader: Reader = { files, codes: new Set(), unreadable: [], passOn: new Map() }
  for (const file of files.values()) {
    if (file.fileName === 'app/modules/audit/record.server.ts') continue
    calls(file, (name) => (WRITERS.includes(name) ? 2 : undefined), (call, index) => readCall(reader, file, call, index))
  }
  for (const file of files.values()) {
    calls(file, (name) => reader.passOn.get(name), (call, index) => {
      if (!readInput(reader, file, call.arguments[index]!)) reader.unreadable.push(`${where(file, call)}: ${call.getText(file).slice(0, 120)}`)
    })
  }
  return { codes: reader.codes, unreadable: reader.unreadable }
}

/** Every match of `pattern` (its first group that matched) in the sources. */
function literalsInSources(root: string, pattern: RegExp): Set<string> {
  const found = new Set<string>()
  for (const dir of ROOTS) {
    for (const path of sourceFiles(root, join(root, dir))) {
      for (const match of readFileSync(join(root, path), 'utf8').matchAll(pattern)) found.add(match.slice(1).find(Boolean)!)
    }
  }
  return found
}

/**
 * The reasons Candor's own jobs and automatic paths record as a system actor: the literals of
 * `{ type: 'system', reason: '…' }` and of the dsar tasks' `system('…')` helper.
 */
export const systemReasonsInSources = (root: string) =>
  literalsInSources(root, /type: 'system', reason: '([^']+)'|\bsystem\('([^']+)'\)/g)

/** The kinds of object audit entries name: the literals of `{ type: '…', id… }`. */
export const targetTypesInSources = (root: string) => literalsInSources(root, /type: '([a-z_]+)', id\b/g)
