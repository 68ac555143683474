// Benchmark: the public trust page under load, against nginx serving the same bytes. The built
// server runs as a web process on this file's database, where the demo seed published the
// demo workspace's trust page (/t/acme). The page Candor serves is saved, with its stylesheet,
// as static files for nginx (Debian's package; one worker process, as Candor is one process),
// each also in the brotli and gzip bytes Candor sends, which nginx serves with brotli_static
// (Debian's libnginx-mod-http-brotli-static) and gzip_static: both sides send stored bytes.
// TRUST_BENCH_ENCODING picks what the load asks for: br (the default when nginx has the brotli
// module), gzip (the default otherwise) or identity.
// autocannon (a separate process) sends TRUST_BENCH_SECONDS (default 10) of requests over 100
// keep-alive connections to each in turn, TRUST_BENCH_ROUNDS (default 3) rounds; medians (the
// ratio is the median of each round's ratio).
// The load generator and both servers share this machine's cores.
// Run with `npm run bench:trust`; one plain JSON line (`npm run bench:trust | grep '^{'`). Not
// part of `npm test`.
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { DEMO_WORKSPACE } from '~/modules/tenancy/demo-seed.server'
import { freePort, startCandor } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { rawRequest } from '../support/raw-http'
import { median, printFigures } from '../support/bench-figures'

const SECONDS = Number(process.env.TRUST_BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.TRUST_BENCH_ROUNDS ?? 3)
const CONNECTIONS = 100
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate))
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'
const ENCODING = (process.env.TRUST_BENCH_ENCODING ?? (existsSync(BROTLI_MODULE) ? 'br' : 'gzip')) as 'br' | 'gzip' | 'identity'
const CODINGS = ['br', 'gzip'] as const
/** Where nginx finds a coding's copy of a file, as brotli_static and gzip_static look for it. */
const SUFFIX = { br: '.br', gzip: '.gz' } as const

type Run = { rps: number; p50: number; p99: number; non2xx: number; errors: number; bytesPerSecond: number }

const round1 = (value: number) => Math.round(value * 10) / 10

async function autocannon(url: string, seconds: number): Promise<Run> {
  const cli = path.resolve('node_modules/autocannon/autocannon.js')
  const asking = ENCODING === 'identity' ? [] : ['-H', `accept-encoding=${ENCODING}`]
  const { stdout } = await promisify(execFile)(process.execPath, [cli, '-c', String(CONNECTIONS), '-d', String(seconds), ...asking, '-j', url], {
    maxBuffer: 16 * 1024 * 1024,
  })
  const result = JSON.parse(stdout)
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerSecond: result.throughput.average,
  }
}

async function startNginx(root: string, port: number) {
  const conf = path.join(root, 'nginx.conf')
  await writeFile(
    conf,
    `${existsSync(BROTLI_MODULE) ? `load_module ${BROTLI_MODULE};\n` : ''}worker_processes 1;
daemon off;
pid ${root}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${root}/tmp; proxy_temp_path ${root}/tmp; fastcgi_temp_path ${root}/tmp;
  uwsgi_temp_path ${root}/tmp; scgi_temp_path ${root}/tmp;
  keepalive_requests 100000;
  types { text/html html; text/css css; }
  gzip_static on;
  gzip_vary on;
  ${existsSync(BROTLI_MODULE) ? 'brotli_static on;' : ''}
  server {
    listen 127.0.0.1:${port};
    root ${root}/www;
    location /t/ { default_type text/html; try_files $uri.html =404; }
  }
}
`,
  )
  await mkdir(path.join(root, 'tmp'), { recursive: true })
  let output = ''
  const child = spawn(NGINX!, ['-p', root, '-c', conf, '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited:\n${output}`)
      return (await fetch(`http://127.0.0.1:${port}/t/${DEMO_WORKSPACE.slug}`).catch(() => undefined))?.status === 200
    },
    { timeoutMs: 10_000, intervalMs: 100, what: 'nginx to serve the page' },
  )
  return {
    stop: async () => {
      child.kill('SIGQUIT')
      await exited
    },
  }
}

it('serves the trust page at least half as fast as nginx serves it as a file', async () => {
  if (!NGINX) throw new Error('nginx is not installed: apt-get install nginx (the benchmark compares Candor with it)')
  const candor = await startCandor({ NODE_ENV: 'test', LOG_LEVEL: 'error', CANDOR_ROLE: 'web' })
  const root = await mkdtemp(path.join(tmpdir(), 'candor-trust-bench-'))
  let nginx: { stop: () => Promise<void> } | undefined
  try {
    const pagePath = `/t/${DEMO_WORKSPACE.slug}`
    const page = await rawRequest(`${candor.url}${pagePath}`)
    expect(page.status).toBe(200)
    const html = page.body.toString()
    expect(page.headers['cache-control']).toContain('public')

    // The same bytes as static files: the page, and every stylesheet and script it links, each
    // as itself and in every coding Candor sends it in. The weight is what goes over the wire.
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
    const weight = Object.fromEntries(['identity', ...CODINGS].map((coding) => [coding, { html: 0, css: 0, js: 0, total: 0 }]))
    await mkdir(path.join(root, 'www/t'), { recursive: true })
    await mkdir(path.join(root, 'www/assets'), { recursive: true })
    const save = async (url: string, file: string, kind: 'html' | 'css' | 'js') => {
      for (const coding of ['identity', ...CODINGS] as const) {
        const response = await rawRequest(`${candor.url}${url}`, coding === 'identity' ? {} : { headers: { 'accept-encoding': coding } })
        expect(response.headers['content-encoding'], `${url} in ${coding}`).toBe(coding === 'identity' ? undefined : coding)
        await writeFile(path.join(root, 'www', coding === 'identity' ? file : file + SUFFIX[coding]), response.body)
        weight[coding]![kind] += response.body.length
        weight[coding]!.total += response.body.length
      }
    }
    await save(pagePath, `${pagePath}.html`, 'html')
    for (const asset of assets.filter((asset) => /\.(?:css|js)$/.test(asset))) await save(asset, asset, asset.endsWith('.css') ? 'css' : 'js')
    // nginx's workers run as another user: they must be able to read the files.
    for (const dir of [root, `${root}/www`, `${root}/www/t`, `${root}/www/assets`]) await chmod(dir, 0o755)
    const nginxPort = await freePort()
    nginx = await startNginx(root, nginxPort)
    const candorUrl = `${candor.url}${pagePath}`
    const nginxUrl = `http://127.0.0.1:${nginxPort}${pagePath}`
    // Like with like: both send the same bytes for what the load asks.
    const asked = ENCODING === 'identity' ? {} : { headers: { 'accept-encoding': ENCODING } }
    const fromNginx = await rawRequest(nginxUrl, asked)
    const fromCandor = await rawRequest(candorUrl, asked)
    expect(fromNginx.headers['content-encoding']).toBe(fromCandor.headers['content-encoding'])
    expect(fromNginx.body.equals(fromCandor.body)).toBe(true)

    // Warm-up: JIT, connection pools, the page cache.
    await autocannon(candorUrl, 2)
    await autocannon(nginxUrl, 2)

    const runs: { candor: Run; nginx: Run }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const candorRun = await autocannon(candorUrl, SECONDS)
      const nginxRun = await autocannon(nginxUrl, SECONDS)
      expect(candorRun.non2xx + candorRun.errors, 'Candor answered every request with 200').toBe(0)
      expect(nginxRun.non2xx + nginxRun.errors, 'nginx answered every request with 200').toBe(0)
      runs.push({ candor: candorRun, nginx: nginxRun })
    }
    const candorRps = median(runs.map((r) => r.candor.rps))
    const nginxRps = median(runs.map((r) => r.nginx.rps))
    // Each round runs both back to back, so a round's ratio sees the same load on the machine.
    const ratios = runs.map((r) => r.candor.rps / r.nginx.rps)
    printFigures({
      bench: 'trust',
      encoding: ENCODING,
      connections: CONNECTIONS,
      seconds_per_run: SECONDS,
      rounds: ROUNDS,
      candor_rps: Math.round(candorRps),
      nginx_rps: Math.round(nginxRps),
      ratio: Number(median(ratios).toFixed(3)),
      candor_p50_ms: round1(median(runs.map((r) => r.candor.p50))),
      candor_p99_ms: round1(median(runs.map((r) => r.candor.p99))),
      nginx_p99_ms: round1(median(runs.map((r) => r.nginx.p99))),
      candor_rps_all: runs.map((r) => Math.round(r.candor.rps)),
      nginx_rps_all: runs.map((r) => Math.round(r.nginx.rps)),
      ratio_all: ratios.map((ratio) => Number(ratio.toFixed(3))),
      page_weight_bytes: weight,
      nginx_workers: 1,
      nginx_brotli_static: existsSync(BROTLI_MODULE),
      targets: { ratio: 0.5, candor_p99_ms: 50 },
    })
  } finally {
    await nginx?.stop()
    await candor.stop()
    await rm(root, { recursive: true, force: true })
  }
})
