// The slowest test files of the last run, from test-results/vitest.json (written by every
// `npm test`): `node tests/slowest-files.mjs [count]`. For finding where a slow run went.
import { readFileSync } from 'node:fs'

const count = Number(process.argv[2] ?? 25)
const { testResults } = JSON.parse(readFileSync(new URL('../test-results/vitest.json', import.meta.url), 'utf8'))
const files = testResults
  .map((file) => ({ seconds: (file.endTime - file.startTime) / 1000, file: file.name.replace(`${process.cwd()}/`, '') }))
  .sort((a, b) => b.seconds - a.seconds)
const total = files.reduce((sum, f) => sum + f.seconds, 0)
console.log(`${files.length} files, ${total.toFixed(0)} s of file time (files run in parallel: this is not the wall time)`)
for (const { seconds, file } of files.slice(0, count)) console.log(`${seconds.toFixed(1).padStart(7)} s  ${file}`)
