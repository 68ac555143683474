// The arguments of `npm run backup:restore -- --backup <id|latest> --into <DATABASE_URL>`.

export type RestoreArguments = { backup: string; into: string }

export class RestoreArgumentsError extends Error {}

const USAGE = 'Usage: npm run backup:restore -- --backup <backup id|latest> --into <postgres:// URL of an empty database>'

export function parseRestoreArguments(args: readonly string[]): RestoreArguments {
  const values = new Map<string, string>()
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i]!, args[i + 1]]
    if (!['--backup', '--into'].includes(name) || value === undefined || value.startsWith('--') || values.has(name)) {
      throw new RestoreArgumentsError(`Cannot read the arguments at "${name}". ${USAGE}`)
    }
    values.set(name, value)
  }
  const backup = values.get('--backup')
  const into = values.get('--into')
  if (!backup || !into) throw new RestoreArgumentsError(`Both --backup and --into are needed. ${USAGE}`)
  if (!/^postgres(ql)?:\/\//.test(into)) throw new RestoreArgumentsError(`--into must be a postgres:// connection string. ${USAGE}`)
  return { backup, into }
}
