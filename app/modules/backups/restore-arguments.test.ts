import { describe, expect, it } from 'vitest'
import { RestoreArgumentsError, parseRestoreArguments } from './restore-arguments'

describe('the arguments of backup:restore', () => {
  it('reads --backup and --into in either order', () => {
    const into = 'postgres://owner@localhost:5432/candor_restore'
    expect(parseRestoreArguments(['--backup', 'latest', '--into', into])).toEqual({ backup: 'latest', into })
    expect(parseRestoreArguments(['--into', into, '--backup', 'b1'])).toEqual({ backup: 'b1', into })
  })

  it.each([
    [[]],
    [['--backup', 'latest']],
    [['--backup', '--into', 'postgres://x/y']],
    [['--backup', 'latest', '--into', 'mysql://x/y']],
    [['--backup', 'a', '--backup', 'b', '--into', 'postgres://x/y']],
    [['--from', 'a', '--into', 'postgres://x/y']],
  ])('refuses %j with the usage', (args) => {
    expect(() => parseRestoreArguments(args)).toThrow(RestoreArgumentsError)
    expect(() => parseRestoreArguments(args)).toThrow(/Usage: npm run backup:restore/)
  })
})
