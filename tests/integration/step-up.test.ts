// Every action in STEP_UP_ACTIONS, through its route's action as the browser posts it: with a
// session whose last proof is 11 minutes old it is sent to /account/confirm (naming the action)
// and nothing changes; right after a proof the same post does what it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { STEP_UP_ACTIONS, type StepUpAction } from '~/modules/auth/step-up'
import { pendingEnrolment, startEnrolment } from '~/modules/auth/two-factor.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { action as apiKeysAction } from '~/routes/dashboard/api-keys'
import { action as membersAction } from '~/routes/dashboard/members'
import { action as settingsAction } from '~/routes/dashboard/settings'
import { action as webhooksAction } from '~/routes/dashboard/webhooks'
import { action as drpAgentsAction } from '~/routes/dashboard/drp-agents'
import { action as dataSystemAction } from '~/routes/dashboard/data-system'
import { action as confirmAction } from '~/routes/account/confirm'
import { action as securityAction } from '~/routes/account/security'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { unreachablePostgresSystem } from '../support/unreachable-postgres-system'
import { type RouteAction, callAction } from '../support/route-call'
import { totpCode } from '../support/totp'

type Owned = Awaited<ReturnType<typeof makeOwnedWorkspace>>
type Post = { route: RouteAction; path: string; params?: Record<string, string>; form: Record<string, string> }

/** How to do one action and how to see that it was done, for a fresh workspace and its owner. */
type Walk = {
  /** Anything the action needs that exists before it (a member, a key, a pending enrolment). */
  prepare?: (w: Owned) => Promise<Record<string, string>>
  post: (w: Owned, prepared: Record<string, string>) => Post
  done: (w: Owned, prepared: Record<string, string>) => Promise<boolean>
}

/** An Ed25519 verify key in the DRP directory's form (32 bytes, base64). */
const AGENT_KEY = Buffer.alloc(32, 7).toString('base64')

const one = async (sql: string, values: unknown[]) => (await ownerPool().query(sql, values)).rows[0] as Record<string, unknown> | undefined

const WALKS: Record<StepUpAction, Walk> = {
  'members.invite_admin': {
    post: (w) => ({ route: membersAction, path: `/w/${w.workspace.slug}/members`, form: { intent: 'invite', email: 'new.admin@example.com', role: 'admin' } }),
    done: async (w) => Boolean(await one('SELECT 1 FROM invitation WHERE workspace_id = $1 AND role = $2', [w.workspace.id, 'admin'])),
  },
  'members.change_role': {
    prepare: async (w) => ({ membershipId: await membershipOf(w, (await addMember(w.workspace.id, 'agent')).userId) }),
    post: (w, p) => ({ route: membersAction, path: `/w/${w.workspace.slug}/members`, form: { intent: 'change_role', membershipId: p.membershipId!, role: 'admin' } }),
    done: async (_, p) => (await one('SELECT role FROM membership WHERE id = $1', [p.membershipId]))?.role === 'admin',
  },
  'members.remove': {
    prepare: async (w) => ({ membershipId: await membershipOf(w, (await addMember(w.workspace.id, 'agent')).userId) }),
    post: (w, p) => ({ route: membersAction, path: `/w/${w.workspace.slug}/members`, form: { intent: 'remove', membershipId: p.membershipId! } }),
    done: async (_, p) => !(await one('SELECT 1 FROM membership WHERE id = $1', [p.membershipId])),
  },
  'workspace.transfer': {
    prepare: async (w) => ({ membershipId: await membershipOf(w, (await addMember(w.workspace.id, 'admin')).userId) }),
    post: (w, p) => ({ route: membersAction, path: `/w/${w.workspace.slug}/members`, form: { intent: 'transfer', membershipId: p.membershipId! } }),
    done: async (_, p) => (await one('SELECT role FROM membership WHERE id = $1', [p.membershipId]))?.role === 'owner',
  },
  'workspace.delete': {
    post: (w) => ({ route: settingsAction, path: `/w/${w.workspace.slug}/settings`, form: { intent: 'delete', confirmation: w.workspace.slug } }),
    done: async (w) => Boolean((await one('SELECT deleted_at FROM workspace WHERE id = $1', [w.workspace.id]))?.deleted_at),
  },
  'security.require_2fa': {
    // The acting owner needs 2FA of their own to require it of everyone.
    prepare: async (w) => {
      await enrolled(w.owner.id)
      return {}
    },
    post: (w) => ({ route: settingsAction, path: `/w/${w.workspace.slug}/settings`, form: { intent: 'require_two_factor', requireTwoFactor: 'on' } }),
    done: async (w) => (await one('SELECT require_two_factor FROM workspace WHERE id = $1', [w.workspace.id]))?.require_two_factor === true,
  },
  'ip_allowlist.save': {
    post: (w) => ({ route: settingsAction, path: `/w/${w.workspace.slug}/settings`, form: { intent: 'ip_allowlist', ipAllowlist: '127.0.0.1' } }),
    done: async (w) => ((await one('SELECT ip_allowlist FROM workspace WHERE id = $1', [w.workspace.id]))?.ip_allowlist as string[]).length === 1,
  },
  'api_keys.create': {
    post: (w) => ({ route: apiKeysAction, path: `/w/${w.workspace.slug}/api-keys`, form: { intent: 'create', name: 'Billing sync', scopes: 'requests:read' } }),
    done: async (w) => Boolean(await one('SELECT 1 FROM api_key WHERE workspace_id = $1', [w.workspace.id])),
  },
  'api_keys.revoke': {
    prepare: async (w) => {
      const { rows } = await ownerPool().query(
        `INSERT INTO api_key (id, workspace_id, name, prefix, secret_hash, scopes, created_by)
         VALUES (gen_random_uuid(), $1, 'old', substr(md5(random()::text), 1, 12), 'x', '{requests:read}', $2) RETURNING id`,
        [w.workspace.id, w.owner.id],
      )
      return { keyId: rows[0].id as string }
    },
    post: (w, p) => ({ route: apiKeysAction, path: `/w/${w.workspace.slug}/api-keys`, form: { intent: 'revoke', keyId: p.keyId! } }),
    done: async (_, p) => Boolean((await one('SELECT revoked_at FROM api_key WHERE id = $1', [p.keyId]))?.revoked_at),
  },
  'webhooks.create': {
    post: (w) => ({ route: webhooksAction, path: `/w/${w.workspace.slug}/webhooks`, form: { intent: 'create', url: 'http://localhost:9/hook', events: 'request.received' } }),
    done: async (w) => Boolean(await one('SELECT 1 FROM webhook_endpoint WHERE workspace_id = $1', [w.workspace.id])),
  },
  'webhooks.disable': {
    prepare: async (w) => {
      const { rows } = await ownerPool().query(
        `INSERT INTO webhook_endpoint (id, workspace_id, url, events, secret_encrypted)
         VALUES (gen_random_uuid(), $1, 'http://localhost:9/hook', '{request.received}', 'sealed') RETURNING id`,
        [w.workspace.id],
      )
      return { endpointId: rows[0].id as string }
    },
    post: (w, p) => ({ route: webhooksAction, path: `/w/${w.workspace.slug}/webhooks`, form: { intent: 'disable', endpointId: p.endpointId! } }),
    done: async (_, p) => Boolean((await one('SELECT disabled_at FROM webhook_endpoint WHERE id = $1', [p.endpointId]))?.disabled_at),
  },
  'drp_agents.add': {
    post: (w) => ({ route: drpAgentsAction, path: `/w/${w.workspace.slug}/drp-agents`, form: { intent: 'add', agentId: 'CR_AA_DRP_ID_001', name: 'Permission Slip', verifyKey: AGENT_KEY } }),
    done: async (w) => Boolean(await one('SELECT 1 FROM drp_agent WHERE workspace_id = $1 AND removed_at IS NULL', [w.workspace.id])),
  },
  'drp_agents.remove': {
    prepare: async (w) => {
      const { rows } = await ownerPool().query(
        `INSERT INTO drp_agent (id, workspace_id, agent_id, name, verify_key) VALUES (gen_random_uuid(), $1, 'OLD_AGENT', 'Old agent', $2) RETURNING id`,
        [w.workspace.id, AGENT_KEY],
      )
      return { agentRowId: rows[0].id as string }
    },
    post: (w, p) => ({ route: drpAgentsAction, path: `/w/${w.workspace.slug}/drp-agents`, form: { intent: 'remove', agentRowId: p.agentRowId! } }),
    done: async (_, p) => Boolean((await one('SELECT removed_at FROM drp_agent WHERE id = $1', [p.agentRowId]))?.removed_at),
  },
  'data_systems.connection': {
    prepare: async (w) => ({ systemId: await unreachablePostgresSystem(w.workspace.id) }),
    post: (w, p) => ({
      route: dataSystemAction,
      path: `/w/${w.workspace.slug}/data-systems/${p.systemId}`,
      params: { systemId: p.systemId! },
      form: { intent: 'connection', name: 'Product database', url: 'postgres://candor_privacy:a-new-password@db.internal.example:6543/shop?sslmode=require' },
    }),
    done: async (_, p) => ((await one('SELECT settings FROM data_system WHERE id = $1', [p.systemId]))?.settings as { port: number }).port === 6543,
  },
  'two_factor.enable': {
    // The enrolment was started while the proof was fresh; turning it on is what counts.
    prepare: async (w) => {
      await startEnrolment(w.owner.id)
      return { code: totpCode(await totpSecretOf(w.owner.id)) }
    },
    post: (_, p) => ({ route: securityAction, path: '/account/security', form: { intent: 'confirm', code: p.code! } }),
    done: async (w) => Boolean((await one('SELECT confirmed_at FROM user_totp WHERE user_id = $1', [w.owner.id]))?.confirmed_at),
  },
  'two_factor.reset': {
    prepare: async (w) => ({ secret: await enrolled(w.owner.id) }),
    post: () => ({ route: securityAction, path: '/account/security', form: { intent: 'reset' } }),
    done: async (w) => !(await one('SELECT confirmed_at FROM user_totp WHERE user_id = $1', [w.owner.id]))?.confirmed_at,
  },
  'two_factor.disable': {
    prepare: async (w) => ({ secret: await enrolled(w.owner.id) }),
    post: () => ({ route: securityAction, path: '/account/security', form: { intent: 'disable' } }),
    done: async (w) => !(await one('SELECT 1 FROM user_totp WHERE user_id = $1', [w.owner.id])),
  },
}

async function membershipOf(w: Owned, userId: string): Promise<string> {
  return (await one('SELECT id FROM membership WHERE workspace_id = $1 AND user_id = $2', [w.workspace.id, userId]))!.id as string
}

/** The secret of `userId`'s enrolment in progress, as the set-up page shows it. */
async function totpSecretOf(userId: string): Promise<string> {
  return (await pendingEnrolment(userId, 'someone@example.com'))!.secret
}

/** Two-factor turned on for `userId` (as a finished enrolment leaves it); returns the secret. */
async function enrolled(userId: string): Promise<string> {
  await startEnrolment(userId)
  const secret = await totpSecretOf(userId)
  await ownerPool().query('UPDATE user_totp SET confirmed_at = now() WHERE user_id = $1', [userId])
  return secret
}

/** A session of `userId` whose last proof of identity was `minutesAgo` minutes ago. */
async function sessionProvedAgo(userId: string, minutesAgo: number): Promise<string> {
  const { token, session } = await withPlatform((tx) => startSession(tx, userId))
  await ownerPool().query(`UPDATE session SET authenticated_at = now() - make_interval(mins => $2), second_factor_pending = false WHERE id = $1`, [session.id, minutesAgo])
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

const submit = ({ route, path, params, form }: Post, slug: string, cookie: string) =>
  callAction(route, { path, params: { slug, ...params }, form, headers: { cookie } })

const location = (answer: unknown) => (answer instanceof Response ? answer.headers.get('location') : null)

// Invitations queue their e-mail.
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

describe('step-up', () => {
  it.each(Object.keys(STEP_UP_ACTIONS) as StepUpAction[])('%s: refused without a fresh proof, done with one', async (name) => {
    const walk = WALKS[name]
    const w = await makeOwnedWorkspace()
    const prepared = (await walk.prepare?.(w)) ?? {}
    const post = walk.post(w, prepared)

    const stale = await submit(post, w.workspace.slug, await sessionProvedAgo(w.owner.id, 11))
    const confirm = new URL(location(stale) ?? '/nowhere', 'http://x')
    expect(confirm.pathname).toBe('/account/confirm')
    expect(confirm.searchParams.get('for')).toBe(name)
    expect(confirm.searchParams.get('next')).toBe(post.path)
    expect(await walk.done(w, prepared)).toBe(false)

    const answer = await submit(post, w.workspace.slug, await sessionProvedAgo(w.owner.id, 1))
    expect(location(answer) ?? '').not.toMatch(/^\/account\/confirm/)
    expect(await walk.done(w, prepared)).toBe(true)
  })

  it('inviting an agent or a viewer needs no fresh proof', async () => {
    const w = await makeOwnedWorkspace()
    const cookie = await sessionProvedAgo(w.owner.id, 11)
    for (const role of ['agent', 'viewer']) {
      const answer = await submit(
        { route: membersAction, path: `/w/${w.workspace.slug}/members`, form: { intent: 'invite', email: `${role}@example.com`, role } },
        w.workspace.slug,
        cookie,
      )
      expect(location(answer)).toBe(`/w/${w.workspace.slug}/members`)
    }
    expect((await one('SELECT count(*)::int AS n FROM invitation WHERE workspace_id = $1', [w.workspace.id]))?.n).toBe(2)
  })

  it('starting two-factor set-up waits for a fresh proof, so no secret is made before it', async () => {
    const w = await makeOwnedWorkspace()
    const post: Post = { route: securityAction, path: '/account/security', form: { intent: 'start' } }
    const stale = await submit(post, w.workspace.slug, await sessionProvedAgo(w.owner.id, 11))
    expect(new URL(location(stale)!, 'http://x').searchParams.get('for')).toBe('two_factor.enable')
    expect(await one('SELECT 1 FROM user_totp WHERE user_id = $1', [w.owner.id])).toBeUndefined()
    await submit(post, w.workspace.slug, await sessionProvedAgo(w.owner.id, 1))
    expect(await one('SELECT 1 FROM user_totp WHERE user_id = $1', [w.owner.id])).toBeDefined()
  })

  it('a person setting up 2FA for the first time proves it with an e-mailed code', async () => {
    const w = await makeOwnedWorkspace()
    const cookie = await sessionProvedAgo(w.owner.id, 11)
    const start: Post = { route: securityAction, path: '/account/security', form: { intent: 'start' } }
    const sentTo = new URL(location(await submit(start, w.workspace.slug, cookie))!, 'http://x')
    const confirmPath = `${sentTo.pathname}${sentTo.search}`

    await submit({ route: confirmAction, path: confirmPath, form: { intent: 'send' } }, w.workspace.slug, cookie)
    const mail = await one(`SELECT subject FROM email_message WHERE "to" = $1 AND subject LIKE 'Your Candor confirmation code:%'`, [w.owner.email])
    const code = /(\d{6})$/.exec(String(mail?.subject))![1]!
    const confirmed = await submit({ route: confirmAction, path: confirmPath, form: { intent: 'confirm', code } }, w.workspace.slug, cookie)
    expect(location(confirmed)).toBe('/account/security')

    await submit(start, w.workspace.slug, cookie)
    const enable: Post = { route: securityAction, path: '/account/security', form: { intent: 'confirm', code: totpCode(await totpSecretOf(w.owner.id)) } }
    const answer = await submit(enable, w.workspace.slug, cookie)
    expect(answer).toMatchObject({ recoveryCodes: expect.any(Array) })
    expect(await WALKS['two_factor.enable'].done(w, {})).toBe(true)
  })
})
