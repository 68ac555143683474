// Benchmark: time from `npm start` (node server/main.js start) to GET /readyz 200, with embedded
// PostgreSQL in a folder that is already initialised (the "second start"), against a baseline
// measured in the same run: a bare Node HTTP server answering its first request.
// Prints one JSON line. Usage: npm run bench:startup [-- runs]
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const runs = Number(process.argv[2] ?? 5)
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'candor-bench-'))
chmodSync(dataDir, 0o777)

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

async function timeToOk(args, env, path) {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: 'ignore',
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`)
    const response = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => undefined)
    if (response?.status === 200) break
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const ms = performance.now() - started
  child.kill('SIGTERM')
  await exited
  return ms
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const candorEnv = { CANDOR_DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: '' }
const baselineScript = [
  '-e',
  "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, process.env.HOST)",
]
try {
  const firstStartMs = await timeToOk(['server/main.js', 'start'], candorEnv, '/readyz')
  const second = []
  const baseline = []
  for (let i = 0; i < runs; i++) {
    second.push(await timeToOk(['server/main.js', 'start'], candorEnv, '/readyz'))
    baseline.push(await timeToOk(baselineScript, {}, '/'))
  }
  const secondMs = median(second)
  const baselineMs = median(baseline)
  console.log(
    JSON.stringify({
      bench: 'startup',
      runs,
      first_start_ms: Math.round(firstStartMs),
      second_start_to_ready_ms_median: Math.round(secondMs),
      second_start_ms_all: second.map(Math.round),
      baseline_bare_node_http_ms_median: Math.round(baselineMs),
      ratio_to_baseline: Number((secondMs / baselineMs).toFixed(1)),
    }),
  )
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
