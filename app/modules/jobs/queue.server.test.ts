// Which unhandled rejections a worker process survives: only pg-boss 10 failing to record a
// finished job's outcome (the job is retried once it expires); anything else still ends it.
import { describe, expect, it } from 'vitest'
import { isLostJobOutcome } from './queue.server'

const withStack = (stack: string) => Object.assign(new Error('terminating connection due to administrator command'), { stack })

describe('isLostJobOutcome', () => {
  it('recognises a job outcome that pg-boss could not write', () => {
    for (const method of ['complete', 'fail']) {
      const error = withStack(
        'error: terminating connection due to administrator command\n' +
          '    at /app/node_modules/pg-pool/index.js:45:11\n' +
          '    at async Db.executeSql (/app/node_modules/pg-boss/src/db.js:42:14)\n' +
          `    at async Manager.${method} (/app/node_modules/pg-boss/src/manager.js:485:20)`,
      )
      expect(isLostJobOutcome(error)).toBe(true)
    }
  })

  it('leaves every other rejection alone', () => {
    expect(isLostJobOutcome(withStack('Error: boom\n    at sendEmailJob (/app/build/server/index.js:10:5)'))).toBe(false)
    expect(isLostJobOutcome(withStack('Error: x\n    at async Manager.complete (/app/src/our-own-manager.js:1:1)'))).toBe(false)
    expect(isLostJobOutcome('Manager.complete (node_modules/pg-boss/src/manager.js)')).toBe(false)
    expect(isLostJobOutcome(undefined)).toBe(false)
  })
})
