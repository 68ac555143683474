import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { STEP_UP_ACTIONS } from './step-up'

// docs/permissions.md lists, between two markers, the words of every action that needs step-up.
function documentedActions(): string[] {
  const page = readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8')
  const start = page.indexOf('<!-- step-up list')
  const end = page.indexOf('<!-- end of step-up list -->')
  expect(start).toBeGreaterThan(-1)
  expect(end).toBeGreaterThan(start)
  return page
    .slice(start, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2))
}

describe('the step-up list', () => {
  it('is the same in docs/permissions.md as in code, in the same order', () => {
    expect(documentedActions()).toEqual(Object.values(STEP_UP_ACTIONS))
  })
})
