import { expect, it } from 'vitest'
import { isDatabaseUnreachable } from './unreachable'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

it('knows the errors of a database that is down, restarting or cut off', () => {
  const refused = withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')
  expect(isDatabaseUnreachable(refused)).toBe(true)
  expect(isDatabaseUnreachable(new AggregateError([refused, refused]))).toBe(true)
  expect(isDatabaseUnreachable(withCode("Can't reach database server at 127.0.0.1:5432", 'P1001'))).toBe(true)
  expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true)
  // pg's client after its connection failed under a query.
  expect(isDatabaseUnreachable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true)
  expect(isDatabaseUnreachable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true)
  expect(isDatabaseUnreachable(withCode('the database system is starting up', '57P03'))).toBe(true)
  expect(isDatabaseUnreachable(new Error('query failed', { cause: withCode('closed', 'P1017') }))).toBe(true)
})

it('leaves every other error alone', () => {
  expect(isDatabaseUnreachable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false)
  expect(isDatabaseUnreachable(withCode('new row violates row-level security policy', '42501'))).toBe(false)
  // A protocol violation is in the connection class, but it is our mistake, not an outage.
  expect(isDatabaseUnreachable(withCode('bind message supplies 2 parameters, but prepared statement requires 1', '08P01'))).toBe(false)
  expect(isDatabaseUnreachable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false)
  expect(isDatabaseUnreachable('Connection terminated')).toBe(false)
  expect(isDatabaseUnreachable(null)).toBe(false)
})
