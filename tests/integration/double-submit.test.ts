// The same form sent twice at once, through the route actions a browser posts to, against real
// PostgreSQL: Candor's stock reply templates and a catalogue pick of sub-processors are each
// added once (and audited once), and both submissions are answered as done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { REQUEST_TYPE_KEYS } from '~/modules/dsar/request-kinds'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { action as privacyAction } from '~/routes/dashboard/privacy-settings'
import { action as subprocessorsAction } from '~/routes/dashboard/subprocessors'
import { makeOwnedWorkspace } from '../support/factories'
import { cookieOf } from '../support/incidents'
import { answerOf, callAction } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const count = async (sql: string, workspaceId: string) => Number((await ownerPool().query(sql, [workspaceId])).rows[0].n)
const auditsOf = (action: string, workspaceId: string) =>
  count(`SELECT count(*) AS n FROM audit_entry WHERE workspace_id = $1 AND action = '${action}'`, workspaceId)

describe('a double submit', () => {
  it('adds Candor’s stock reply templates once', async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    const cookie = await cookieOf(owner.id)
    const send = () =>
      callAction(privacyAction, {
        path: `/w/${workspace.slug}/privacy`,
        params: { slug: workspace.slug },
        form: { intent: 'stock_templates' },
        headers: { cookie },
      }).then(answerOf)
    const answers = await Promise.all([send(), send(), send()])
    expect(answers.map((a) => [a.status, a.headers.get('location')])).toEqual(
      Array.from({ length: 3 }, () => [302, `/w/${workspace.slug}/privacy#templates`]),
    )
    expect(await count('SELECT count(*) AS n FROM reply_template WHERE workspace_id = $1', workspace.id)).toBe(REQUEST_TYPE_KEYS.length)
    expect(await auditsOf('reply_template.create', workspace.id)).toBe(REQUEST_TYPE_KEYS.length)
  })

  it('drafts a catalogue pick of sub-processors once', async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    const cookie = await cookieOf(owner.id)
    const send = () => {
      const form = new FormData()
      form.append('intent', 'pick')
      form.append('vendors', 'aws')
      form.append('vendors', 'stripe')
      return callAction(subprocessorsAction, { path: `/w/${workspace.slug}/subprocessors`, params: { slug: workspace.slug }, form, headers: { cookie } }).then(
        answerOf,
      )
    }
    const answers = await Promise.all([send(), send(), send()])
    expect(answers.map((a) => [a.status, a.headers.get('location')])).toEqual(
      Array.from({ length: 3 }, () => [302, `/w/${workspace.slug}/subprocessors#changes`]),
    )
    const { rows } = await ownerPool().query('SELECT name FROM subprocessor_change WHERE workspace_id = $1 ORDER BY name', [workspace.id])
    expect(rows.map((r) => r.name)).toEqual(['Amazon Web Services', 'Stripe'])
    expect(await auditsOf('subprocessor_change.propose', workspace.id)).toBe(2)
  })
})
