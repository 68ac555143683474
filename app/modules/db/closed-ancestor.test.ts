import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedAncestor } from './embedded-postgres.server'

describe('closedAncestor, the folder the embedded server’s own user could not enter', () => {
  let root: string
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'candor-closed-'))
    await chmod(root, 0o755)
    await mkdir(path.join(root, 'open', 'deeper'), { recursive: true })
    await mkdir(path.join(root, 'closed', 'inside'), { recursive: true })
    await chmod(path.join(root, 'closed'), 0o700)
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('names the first folder without execute permission for others on the way, and none on an open path', async () => {
    expect(await closedAncestor(path.join(root, 'open', 'deeper'))).toBeNull()
    expect(await closedAncestor(path.join(root, 'closed', 'inside', 'postgres'))).toBe(path.join(root, 'closed'))
    // A folder still to be made is judged by the folders that exist.
    expect(await closedAncestor(path.join(root, 'open', 'not-yet', 'postgres'))).toBeNull()
  })
})
