// The Postgres data system's pages through their route actions, as the browser posts them:
// connecting seals the URL's password (never in the settings, the audit log or the answer),
// bad input is refused beside its field with nothing written, the map is saved as numbered,
// audited versions, a changed connection keeps the stored password unless a new one is given,
// and an agent may do none of it.
import { beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { decryptSecret } from '~/modules/crypto/envelope.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { dataSystemSecretBinding } from '~/modules/dsar/external-task.server'
import { structureOf, tableField, columnField } from '~/modules/connectors/postgres/map-form'
import { proposeMap } from '~/modules/connectors/postgres/propose-map'
import { action as newSystemAction } from '~/routes/dashboard/data-system-new-postgres'
import { action as systemAction, loader as systemLoader } from '~/routes/dashboard/data-system'
import { CUSTOMER_CATALOG } from '../support/customer-catalog'
import { customerDatabases } from '../support/customer-database'
import { addMember, makeWorkspace } from '../support/factories'
import { answerOf, callAction, callLoader } from '../support/route-call'

const customerDatabase = customerDatabases()

let workspace: { id: string; slug: string }
let cookie: string
let url: string

const cookieOf = async (userId: string) => {
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

beforeAll(async () => {
  const made = await makeWorkspace()
  workspace = made.workspace
  cookie = await cookieOf((await addMember(workspace.id, 'admin')).userId)
  url = await customerDatabase()
})

const connect = (form: Record<string, string>, as = cookie) =>
  callAction(newSystemAction, { path: `/w/${workspace.slug}/data-systems/new/postgres`, params: { slug: workspace.slug }, form, headers: { cookie: as } })
const onSystem = (id: string, form: Record<string, string>) =>
  callAction(systemAction, { path: `/w/${workspace.slug}/data-systems/${id}`, params: { slug: workspace.slug, systemId: id }, form, headers: { cookie } })
const audits = async (action: string) =>
  (await ownerPool().query('SELECT before, after FROM audit_entry WHERE workspace_id = $1 AND action = $2 ORDER BY seq', [workspace.id, action])).rows
const systems = async () => (await ownerPool().query(`SELECT id, settings, secret FROM data_system WHERE workspace_id = $1 AND kind = 'postgres'`, [workspace.id])).rows

/** The map form as the page renders it, with the two grounds the proposal leaves open typed in. */
function reviewedForm(): Record<string, string> {
  const map = proposeMap(CUSTOMER_CATALOG)
  const values: Record<string, string> = { intent: 'map', structure: JSON.stringify(structureOf(map)) }
  map.tables.forEach((table, t) => {
    if (table.included) values[tableField(t)] = 'on'
    table.columns.forEach((column, c) => {
      values[columnField(t, c, 'identity')] = column.identity ?? ''
      values[columnField(t, c, 'category')] = column.category ?? ''
      values[columnField(t, c, 'strategy')] = column.strategy
      values[columnField(t, c, 'keepReason')] = column.keepReason ?? (column.strategy === 'keep' ? 'Kept with the orders: 10 years (tax law).' : '')
    })
  })
  return values
}

describe('the Postgres data system pages', () => {
  let systemId: string
  const password = () => decodeURIComponent(new URL(url).password)

  it('refuses bad input beside its field, writing nothing', async () => {
    for (const [form, field, message] of [
      [{ name: '', url }, 'name', 'Name the database, e.g. “Product database”.'],
      [{ name: 'Shop', url: 'mysql://a@b/c' }, 'url', 'A connection URL starts with postgres:// or postgresql://.'],
      [{ name: 'Shop', host: 'h', database: 'd', user: 'u', port: '1e99' }, 'port', 'The port is a whole number from 1 to 65535.'],
      [{ name: 'Shop', host: 'h'.repeat(300), database: 'd', user: 'u' }, 'host', 'The host name is at most 253 characters long.'],
    ] as const) {
      const answer = await answerOf(await connect({ intent: 'save', ...form }))
      expect(answer.status).toBe(400)
      expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors[field]).toBe(message)
    }
    expect((await answerOf(await connect({ intent: 'save', name: 'Shop\u0000', url }))).status).toBe(400)
    expect(await systems()).toEqual([])
  })

  it('tests a connection without saving, and never sends the password back', async () => {
    const answer = await answerOf(await connect({ intent: 'test', name: 'Shop', url: `${url}?sslmode=disable` }))
    expect(answer.body).toMatchObject({ test: { ok: true, tls: null, missing: [], checkedTables: 0 } })
    expect(JSON.stringify(answer.body)).not.toContain(password())
    expect(await systems()).toEqual([])
  })

  it('connects: the URL’s password sealed to the row, in no setting and no audit entry', async () => {
    const answer = await connect({ intent: 'save', name: 'Shop', url: `${url}?sslmode=disable` })
    expect(answer).toBeInstanceOf(Response)
    const [row] = await systems()
    systemId = row.id
    expect((answer as Response).headers.get('location')).toBe(`/w/${workspace.slug}/data-systems/${systemId}`)
    expect(row.settings).toMatchObject({ host: new URL(url).hostname, tls: 'disable' })
    expect(JSON.stringify(row.settings)).not.toContain(password())
    const scope = { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } } as const
    expect(await withTenant(scope, (tx) => decryptSecret(tx, workspace.id, dataSystemSecretBinding(systemId), row.secret))).toBe(password())
    const [added] = await audits('data_system.add')
    expect(added.after).toMatchObject({ name: 'Shop', kind: 'postgres' })
    expect(JSON.stringify(added)).not.toContain(password())
    // The same name again is refused in words.
    expect(await answerOf(await connect({ intent: 'save', name: 'shop', url }))).toMatchObject({ status: 409, body: { error: 'There is already a data system named “shop”.' } })
  })

  it('shows the proposal, then saves reviewed maps as versions 1 and 2, each audited', async () => {
    const page = (await callLoader(systemLoader, { path: `/w/${workspace.slug}/data-systems/${systemId}`, params: { slug: workspace.slug, systemId }, headers: { cookie } })) as {
      savedVersion: number | null
      needingGround: number
      discoveryError: string | null
    }
    expect(page).toMatchObject({ savedVersion: null, needingGround: 2, discoveryError: null })
    const broken = await answerOf(await onSystem(systemId, { ...reviewedForm(), structure: '{"tables": 1}' }))
    expect(broken).toMatchObject({ status: 400, body: { error: 'The map form could not be read: reload the page and review it again.' } })
    expect(await answerOf(await onSystem(systemId, reviewedForm()))).toMatchObject({ status: 200, body: { notice: 'Saved as version 1.' } })
    expect(await answerOf(await onSystem(systemId, reviewedForm()))).toMatchObject({ status: 200, body: { notice: 'Saved as version 2.' } })
    expect((await audits('data_system.map_save')).map((a) => a.after.version)).toEqual([1, 2])
  })

  it('changes the connection: no password given keeps the stored one; a new one replaces it', async () => {
    const at = new URL(url)
    const base = { intent: 'connection', name: 'Shop database', host: at.hostname, port: at.port, database: at.pathname.slice(1), user: at.username, tls: 'disable' }
    expect(await answerOf(await onSystem(systemId, base))).toMatchObject({ body: { notice: 'Connection saved; the stored password is kept.' } })
    expect((await answerOf(await onSystem(systemId, { intent: 'test' }))).body).toMatchObject({ test: { ok: true, checkedTables: 11 } })
    expect(await answerOf(await onSystem(systemId, { ...base, password: 'wrong' }))).toMatchObject({ body: { notice: 'Connection and password saved.' } })
    // The new password is the one sealed now (a server that trusts local logins would accept any).
    const row = (await ownerPool().query<{ secret: string; workspace_id: string }>('SELECT secret, workspace_id FROM data_system WHERE id = $1', [systemId])).rows[0]!
    const scope = { workspaceId: row.workspace_id, actor: { type: 'system', reason: 'test' } as const }
    expect(await withTenant(scope, (tx) => decryptSecret(tx, row.workspace_id, dataSystemSecretBinding(systemId), row.secret))).toBe('wrong')
    const changes = await audits('data_system.change')
    expect(changes).toHaveLength(2)
    expect(JSON.stringify(changes)).not.toMatch(/"wrong"|password/)
  })

  it('is not for agents', async () => {
    const agent = await cookieOf((await addMember(workspace.id, 'agent')).userId)
    expect((await answerOf(await connect({ intent: 'save', name: 'Other', url }, agent))).status).toBe(403)
  })
})
