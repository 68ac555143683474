// Builds the app when a source file is newer than the last build (used by `npm start` and the
// browser tests). Production images are built once in the Dockerfile and never rebuild.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export const BUILD_ENTRY = 'build/server/index.js'

const SOURCES = [
  'app',
  'server',
  'jobs',
  'public',
  'prisma/schema.prisma',
  'vite.config.ts',
  'react-router.config.ts',
  'package-lock.json',
]

/** Build if needed; false when the build failed (its messages are already printed). */
export function buildIfStale() {
  if (existsSync(BUILD_ENTRY) && newestMtime(SOURCES) <= statSync(BUILD_ENTRY).mtimeMs) return true
  console.log('Building Candor (the sources changed since the last build)…')
  const result = spawnSync('npx', ['react-router', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) console.error('The build failed; see the messages above.')
  return result.status === 0
}

function newestMtime(paths) {
  let newest = 0
  for (const entry of paths) {
    if (!existsSync(entry)) continue
    const stat = statSync(entry)
    if (stat.isDirectory()) {
      const children = readdirSync(entry).map((child) => path.join(entry, child))
      newest = Math.max(newest, newestMtime(children))
    } else newest = Math.max(newest, stat.mtimeMs)
  }
  return newest
}
