// The operator console's backups page in a browser: an operator with 2FA opens it from /ops,
// sees a real backup in the catalogue, presses "Run a backup now", and the job is queued with
// who asked (shown as queued: this server has no worker, so nothing starts it) and recorded in
// the platform audit log; a second press is refused while it waits; anyone else gets nothing.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBackup } from '~/modules/backups/backup.server'
import { ownerPool } from '~/modules/db/owner.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'
import { enrolTwoFactor } from '../support/two-factor'

const OPERATOR = 'backups-ops@candor.example'
// A web-only process: a queued job stays queued, as it does while every worker is busy.
const app = serveCandorWithBrowser({ OPERATOR_EMAILS: OPERATOR, CANDOR_ROLE: 'web' })

// One signed-in operator (with 2FA) for the whole file.
let context: BrowserContext
let page: Page
let backupId: string

beforeAll(async () => {
  backupId = (await runBackup()).id
  context = await app.browser.newContext()
  page = await signIn(app.candor.url, context, OPERATOR)
  await enrolTwoFactor(app.candor.url, page)
})
afterAll(() => context?.close())

const backupJobs = async () =>
  (await ownerPool().query(`SELECT id, state, data FROM ${BOSS_SCHEMA}.job WHERE name = 'backup.run' ORDER BY created_on`)).rows

describe('/ops/backups', () => {
  it('shows the backups as catalogued, and queues a backup when the operator asks, with a platform audit entry', async () => {
    await page.goto(`${app.candor.url}/ops`)
    await page.getByRole('link', { name: 'Backups' }).click()
    await page.getByRole('heading', { name: 'Backups, drills and purges' }).waitFor()
    const row = page.getByRole('row', { name: `Backup ${backupId.slice(0, 8)}` })
    await row.getByText('Succeeded').waitFor()
    const { rows: catalogued } = await ownerPool().query('SELECT key_id FROM backup WHERE id = $1', [backupId])
    await row.getByText(catalogued[0].key_id).waitFor()
    await page.getByText('No restore drill has run yet.').waitFor()

    expect(await backupJobs()).toEqual([])
    await page.getByRole('button', { name: 'Run a backup now' }).click()
    await page.getByRole('status').filter({ hasText: 'A backup is queued' }).waitFor()
    await page.getByRole('row', { name: /^Queued job / }).getByText(`by ${OPERATOR}; not started yet`).waitFor()
    await page.screenshot({ path: '/tmp/ops-backups.png', fullPage: true })

    const { rows: operator } = await ownerPool().query('SELECT id FROM "user" WHERE email = $1', [OPERATOR])
    const jobs = await backupJobs()
    expect(jobs).toEqual([{ id: expect.any(String), state: 'created', data: { trigger: 'operator', requestedBy: operator[0].id } }])
    const { rows: entries } = await ownerPool().query(
      `SELECT actor_type, actor_id, target_id, after FROM audit_entry WHERE workspace_id IS NULL AND action = 'backup.run_request'`,
    )
    expect(entries).toEqual([
      { actor_type: 'operator', actor_id: operator[0].id, target_id: jobs[0].id, after: { queue: 'backup.run', trigger: 'operator' } },
    ])
  })

  it('refuses a second backup while the first still waits for a worker', async () => {
    await page.goto(`${app.candor.url}/ops/backups`)
    await page.getByRole('button', { name: 'Run a backup now' }).click()
    await page.getByRole('alert').filter({ hasText: /A backup is already queued \(since \d\d:\d\d UTC\): it runs when a worker is free\./ }).waitFor()
    expect(await backupJobs()).toHaveLength(1)
  })

  it('does not exist for anyone but an operator, and queues nothing for them', async () => {
    const { owner } = await makeWorkspace()
    const customer = await app.browser.newContext()
    const theirs = await signIn(app.candor.url, customer, owner.email)
    const response = await theirs.goto(`${app.candor.url}/ops/backups`)
    expect(response?.status()).toBe(404)
    const post = await customer.request.post(`${app.candor.url}/ops/backups`, { form: { intent: 'drill' }, headers: { origin: app.candor.url } })
    expect(post.status()).toBe(404)
    await customer.close()
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = 'backup.drill'`)
    expect(rows[0].n).toBe(0)
  })
})
