// Sub-processor change notices against real PostgreSQL and the real job queue: double opt-in,
// one subscription per e-mail, unconfirmed subscriptions deleted after 7 days, a change dated
// inside the notice period refused with the earliest day, announcing e-mails every confirmed
// subscriber once (with both one-click unsubscribe headers), the change applied on its day by
// the system, and a subscriber's objection shown to the workspace.
import { randomUUID } from 'node:crypto'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import {
  SubprocessorChangeError,
  announceChange,
  applyChangeNow,
  applyDueChanges,
  cancelChange,
  proposeChange,
} from '~/modules/trust/subprocessor-changes.server'
import { immediateChangeInput, proposeChangeInput } from '~/modules/trust/subprocessor-forms'
import { sendChangeNotices } from '~/modules/trust/subprocessor-notices.server'
import { addDays, dayIn, earliestEffectiveDay } from '~/modules/trust/subprocessor-rules'
import {
  confirmSubscription,
  deleteUnconfirmedSubscriptions,
  objectToChange,
  subscribe,
  unsubscribe,
} from '~/modules/trust/subprocessor-subscribers.server'
import { subprocessorDashboard } from '~/modules/trust/subprocessor-views.server'
import { makeOwnedWorkspace, makeWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const ORIGIN = 'https://trust.example'

type Mail = { subject: string; text: string; headers: Record<string, string> | null; created_at: Date }

async function mailsTo(email: string): Promise<Mail[]> {
  const { rows } = await ownerPool().query<Mail>(
    'SELECT subject, text, headers, created_at FROM email_message WHERE "to" = $1 ORDER BY created_at, id',
    [email],
  )
  return rows
}

const linkIn = (text: string, kind: 'confirm' | 'unsubscribe' | 'object') =>
  new RegExp(`https://trust\\.example/t/[^/\\s]+/subprocessors/${kind}/([A-Za-z0-9_-]{43})`).exec(text)?.[1]

const newEmail = () => `${randomUUID().slice(0, 8)}.${faker.internet.email().toLowerCase()}`
const visitor = () => ({ ip: randomUUID(), publicOrigin: ORIGIN })

async function subscribed(slug: string, email = newEmail()) {
  expect(await subscribe(slug, email, visitor())).toEqual({ outcome: 'ok' })
  const [mail] = await mailsTo(email)
  expect(await confirmSubscription(slug, linkIn(mail!.text, 'confirm')!, {})).toBe('confirmed')
  return email
}

async function auditActions(workspaceId: string) {
  const { rows } = await ownerPool().query<{ action: string; actor_type: string; actor_id: string }>(
    'SELECT action, actor_type, actor_id FROM audit_entry WHERE workspace_id = $1 ORDER BY seq',
    [workspaceId],
  )
  return rows
}

const addition = (effectiveOn: string, name = faker.company.name()) =>
  proposeChangeInput.parse({
    kind: 'add',
    name,
    purpose: 'Payment processing',
    dataCategories: 'Billing details',
    region: 'US',
    certifications: 'SOC 2 Type II, PCI DSS',
    policyUrl: 'https://stripe.com/legal/dpa',
    reason: 'Card payments',
    effectiveOn,
  })

describe('subscribing', () => {
  it('is double opt-in: only a confirmation is sent, with one-click unsubscribe, until the link is used', async () => {
    const { workspace } = await makeWorkspace()
    const email = newEmail()
    expect(await subscribe(workspace.slug, email, visitor())).toEqual({ outcome: 'ok' })
    const [mail, ...more] = await mailsTo(email)
    expect(more).toEqual([])
    expect(mail!.subject).toBe(`Confirm: sub-processor changes of ${workspace.name}`)
    const unsubscribeToken = linkIn(mail!.text, 'unsubscribe')!
    expect(mail!.headers).toEqual({
      'List-Unsubscribe': expect.stringMatching(
        new RegExp(`^<${ORIGIN}/t/${workspace.slug}/subprocessors/unsubscribe/${unsubscribeToken}>, <mailto:[^>]+\\?subject=unsubscribe%20${unsubscribeToken}>$`),
      ),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
    const row = async () =>
      (await ownerPool().query('SELECT * FROM subprocessor_subscriber WHERE workspace_id = $1 AND email = $2', [workspace.id, email])).rows[0]
    expect(await row()).toMatchObject({ confirmed_at: null, unsubscribed_at: null })
    // Tokens are stored hashed (and the unsubscribe token encrypted), never as sent.
    const stored = JSON.stringify(await row())
    const confirmToken = linkIn(mail!.text, 'confirm')!
    expect(stored).not.toContain(confirmToken)
    expect(stored).not.toContain(unsubscribeToken)

    expect(await confirmSubscription(workspace.slug, 'x'.repeat(43), {})).toBe('invalid')
    expect(await confirmSubscription(workspace.slug, confirmToken, {})).toBe('confirmed')
    expect((await row()).confirmed_at).toBeInstanceOf(Date)
    // Single use; and another workspace's page does not know the token.
    expect(await confirmSubscription(workspace.slug, confirmToken, {})).toBe('invalid')
    const other = await makeWorkspace()
    expect(await unsubscribe(other.workspace.slug, unsubscribeToken, {})).toBe('invalid')
    expect(await unsubscribe(workspace.slug, unsubscribeToken, {})).toBe('unsubscribed')
    expect(await unsubscribe(workspace.slug, unsubscribeToken, {})).toBe('unsubscribed')
    expect((await row()).unsubscribed_at).toBeInstanceOf(Date)
    expect((await auditActions(workspace.id)).map((a) => a.action)).toEqual([
      'workspace.create',
      'subprocessor_subscriber.subscribe',
      'subprocessor_subscriber.confirm',
      'subprocessor_subscriber.unsubscribe',
    ])
  })

  it('keeps one subscription per e-mail: a pending one is sent its confirmation again (limited), a confirmed one nothing', async () => {
    const { workspace } = await makeWorkspace()
    const email = newEmail()
    await subscribe(workspace.slug, email, visitor())
    await subscribe(workspace.slug, email, visitor())
    const count = async () =>
      (await ownerPool().query('SELECT count(*)::int AS n FROM subprocessor_subscriber WHERE workspace_id = $1', [workspace.id])).rows[0].n
    expect(await count()).toBe(1)
    const mails = await mailsTo(email)
    expect(mails).toHaveLength(2)
    // The newer link replaces the older one.
    expect(await confirmSubscription(workspace.slug, linkIn(mails[0]!.text, 'confirm')!, {})).toBe('invalid')
    // A third request is sent; a fourth within the day is not (3 a day), and the answer is the same.
    await subscribe(workspace.slug, email, visitor())
    expect(await subscribe(workspace.slug, email, visitor())).toEqual({ outcome: 'ok' })
    const limited = await mailsTo(email)
    expect(limited).toHaveLength(3)
    expect(await confirmSubscription(workspace.slug, linkIn(limited[2]!.text, 'confirm')!, {})).toBe('confirmed')
    // Confirmed: subscribing again changes nothing and sends nothing.
    expect(await subscribe(workspace.slug, email, visitor())).toEqual({ outcome: 'ok' })
    expect(await mailsTo(email)).toHaveLength(3)
    expect(await count()).toBe(1)
    // The same address at another workspace is another subscription.
    const other = await makeWorkspace()
    await subscribe(other.workspace.slug, email, visitor())
    expect(await count()).toBe(1)
  })

  it('limits subscriptions per address and answers no_workspace for an unknown page', async () => {
    const { workspace } = await makeWorkspace()
    const ip = randomUUID()
    for (let i = 0; i < 10; i++) {
      expect((await subscribe(workspace.slug, newEmail(), { ip, publicOrigin: ORIGIN })).outcome).toBe('ok')
    }
    expect(await subscribe(workspace.slug, newEmail(), { ip, publicOrigin: ORIGIN })).toMatchObject({ outcome: 'rate_limited' })
    expect(await subscribe('no-such-workspace', newEmail(), visitor())).toEqual({ outcome: 'no_workspace' })
  })

  it('deletes a subscription never confirmed after 7 days, and keeps the others', async () => {
    const { workspace } = await makeWorkspace()
    const [stale, fresh] = [newEmail(), newEmail()]
    await subscribe(workspace.slug, stale, visitor())
    await subscribe(workspace.slug, fresh, visitor())
    const confirmed = await subscribed(workspace.slug)
    const now = new Date()
    await ownerPool().query(
      `UPDATE subprocessor_subscriber SET requested_at = $3 WHERE workspace_id = $1 AND email = $2`,
      [workspace.id, stale, new Date(now.getTime() - 7 * 86_400_000 - 60_000)],
    )
    await ownerPool().query(
      `UPDATE subprocessor_subscriber SET requested_at = $3 WHERE workspace_id = $1 AND email = $2`,
      [workspace.id, fresh, new Date(now.getTime() - 6 * 86_400_000)],
    )
    await ownerPool().query(
      `UPDATE subprocessor_subscriber SET requested_at = $3 WHERE workspace_id = $1 AND email = $2`,
      [workspace.id, confirmed, new Date(now.getTime() - 30 * 86_400_000)],
    )
    expect(await deleteUnconfirmedSubscriptions(now)).toBeGreaterThanOrEqual(1)
    const { rows } = await ownerPool().query('SELECT email FROM subprocessor_subscriber WHERE workspace_id = $1 ORDER BY email', [workspace.id])
    expect(rows.map((r) => r.email).sort()).toEqual([fresh, confirmed].sort())
    // Its confirmation link is dead too.
    const [mail] = await mailsTo(stale)
    expect(await confirmSubscription(workspace.slug, linkIn(mail!.text, 'confirm')!, {})).toBe('invalid')
    expect((await auditActions(workspace.id)).filter((a) => a.action === 'subprocessor_subscriber.expire')).toHaveLength(1)
  })
})

describe('proposing a change', () => {
  it('refuses a day inside the notice period, naming the earliest allowed day', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await ownerPool().query(`UPDATE workspace SET time_zone = 'Pacific/Kiritimati', subprocessor_notice_days = 45 WHERE id = $1`, [workspace.id])
    const now = new Date()
    const earliest = earliestEffectiveDay(now, 'Pacific/Kiritimati', 45)
    const attempt = proposeChange(member, addition(addDays(earliest, -1)), {}, now)
    await expect(attempt).rejects.toThrow(SubprocessorChangeError)
    await expect(proposeChange(member, addition(addDays(earliest, -1)), {}, now)).rejects.toThrow(
      `Subscribers get 45 days’ notice, so this change can take effect on ${earliest}`,
    )
    const change = await proposeChange(member, addition(earliest), {}, now)
    expect(change).toMatchObject({ state: 'draft', kind: 'add', certifications: ['SOC 2 Type II', 'PCI DSS'] })
  })

  it('accepts only https links to a DPA or policy', () => {
    for (const policyUrl of ['http://stripe.com/dpa', 'javascript:alert(1)', 'https://', 'https://user:pw@stripe.com', 'data:text/html,x', 'https://stripe.com/a b']) {
      const parsed = proposeChangeInput.safeParse({ kind: 'add', name: 'Stripe', purpose: 'Payments', policyUrl, effectiveOn: '2030-01-01' })
      expect(parsed.success, policyUrl).toBe(false)
    }
    const ok = proposeChangeInput.parse({ kind: 'add', name: 'Stripe', purpose: 'Payments', policyUrl: '', effectiveOn: '2030-01-01' })
    expect(ok).toMatchObject({ policyUrl: null, certifications: [] })
  })

  it('changes the list at once only while nobody is subscribed', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await applyChangeNow(member, immediateChangeInput.parse({ kind: 'add', name: 'Fly.io', purpose: 'Hosting', region: 'EU' }), {})
    const listed = await withTenant(member.tenant, (tx) => tx.subprocessor.findMany())
    expect(listed.map((s) => s.name)).toEqual(['Fly.io'])
    await subscribed(workspace.slug)
    const attempt = applyChangeNow(member, immediateChangeInput.parse({ kind: 'remove', subprocessorId: listed[0]!.id }), {})
    await expect(attempt).rejects.toThrow('1 subscriber is told of every change: propose it with a notice period instead.')
  })
})

describe('announcing a change', () => {
  it('e-mails every confirmed subscriber once, with both unsubscribe headers, and only them', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const confirmed = [await subscribed(workspace.slug), await subscribed(workspace.slug), await subscribed(workspace.slug)]
    const pending = newEmail()
    await subscribe(workspace.slug, pending, visitor())
    const gone = await subscribed(workspace.slug)
    await unsubscribe(workspace.slug, linkIn((await mailsTo(gone))[0]!.text, 'unsubscribe')!, {})

    const change = await proposeChange(member, addition(earliestEffectiveDay(new Date(), 'UTC', 30), 'Stripe'), {})
    await announceChange(member, change.id, {})
    const { rows: jobs } = await ownerPool().query(
      `SELECT data FROM pgboss.job WHERE name = 'subprocessor.notice' AND data->>'changeId' = $1`,
      [change.id],
    )
    expect(jobs).toEqual([{ data: { workspaceId: workspace.id, changeId: change.id } }])
    expect(await sendChangeNotices({ workspaceId: workspace.id, changeId: change.id })).toBe(3)
    // Run twice (a retry, or pg-boss delivering again): nobody is e-mailed twice.
    expect(await sendChangeNotices({ workspaceId: workspace.id, changeId: change.id })).toBe(0)

    for (const email of confirmed) {
      const notices = (await mailsTo(email)).filter((m) => m.subject.includes('New sub-processor: Stripe'))
      expect(notices, email).toHaveLength(1)
      const [notice] = notices
      const token = linkIn(notice!.text, 'unsubscribe')!
      expect(notice!.headers).toEqual({
        'List-Unsubscribe': expect.stringMatching(new RegExp(`^<${ORIGIN}/t/${workspace.slug}/subprocessors/unsubscribe/${token}>, <mailto:`)),
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      })
      expect(notice!.text).toContain(`${ORIGIN}/t/${workspace.slug}/subprocessors/object/`)
    }
    expect((await mailsTo(pending)).filter((m) => m.subject.includes('Stripe'))).toEqual([])
    expect((await mailsTo(gone)).filter((m) => m.subject.includes('Stripe'))).toEqual([])
    // Announcing twice is refused; the dashboard counts the notices.
    await expect(announceChange(member, change.id, {})).rejects.toThrow('This change is announced already.')
    const view = await subprocessorDashboard(member)
    expect(view.open).toEqual([expect.objectContaining({ id: change.id, state: 'announced', notices: 3 })])
    expect(view.subscribers).toEqual({ active: 3, pending: 1, unsubscribed: 1 })
  })

  it('tells a subscriber who confirms later about changes still ahead', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await subscribed(workspace.slug)
    const change = await proposeChange(member, addition(earliestEffectiveDay(new Date(), 'UTC', 30), 'Datadog'), {})
    await announceChange(member, change.id, {})
    await sendChangeNotices({ workspaceId: workspace.id, changeId: change.id })
    const late = await subscribed(workspace.slug)
    expect(await sendChangeNotices({ workspaceId: workspace.id, changeId: change.id })).toBe(1)
    expect((await mailsTo(late)).map((m) => m.subject)).toContainEqual(expect.stringContaining('New sub-processor: Datadog'))
  })

  it('sends nothing for a change withdrawn before its job ran', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const email = await subscribed(workspace.slug)
    const change = await proposeChange(member, addition(earliestEffectiveDay(new Date(), 'UTC', 30), 'Segment'), {})
    await announceChange(member, change.id, {})
    await cancelChange(member, change.id, {})
    expect(await sendChangeNotices({ workspaceId: workspace.id, changeId: change.id })).toBe(0)
    expect((await mailsTo(email)).filter((m) => m.subject.includes('Segment'))).toEqual([])
  })
})

describe('on the effective day', () => {
  it('the scheduled job applies an announced change, as the system, and not a day earlier', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await ownerPool().query(`UPDATE workspace SET time_zone = 'America/Los_Angeles' WHERE id = $1`, [workspace.id])
    await subscribed(workspace.slug)
    const now = new Date()
    const day = earliestEffectiveDay(now, 'America/Los_Angeles', 30)
    const change = await proposeChange(member, addition(day, 'Stripe'), {}, now)
    await announceChange(member, change.id, {}, now)
    // Local midnight of the effective day in Los Angeles, as an instant: 08:00 UTC (PST, winter) or 07:00 (PDT).
    const midnight = [7, 8]
      .map((h) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00Z`))
      .find((instant) => dayIn(instant, 'America/Los_Angeles') === day && dayIn(new Date(instant.getTime() - 1), 'America/Los_Angeles') !== day)!
    const listed = () => withTenant(member.tenant, (tx) => tx.subprocessor.findMany())
    await applyDueChanges(new Date(midnight.getTime() - 1000))
    expect(await listed()).toEqual([])
    await applyDueChanges(midnight)
    expect(await listed()).toEqual([
      expect.objectContaining({ name: 'Stripe', purpose: 'Payment processing', certifications: ['SOC 2 Type II', 'PCI DSS'], policyUrl: 'https://stripe.com/legal/dpa' }),
    ])
    const { rows } = await ownerPool().query('SELECT state, applied_at, subprocessor_id FROM subprocessor_change WHERE id = $1', [change.id])
    expect(rows[0]).toMatchObject({ state: 'applied', subprocessor_id: (await listed())[0]!.id })
    // Applying again does nothing.
    await applyDueChanges(new Date(midnight.getTime() + 86_400_000))
    expect(await listed()).toHaveLength(1)
    const applied = (await auditActions(workspace.id)).filter((a) => a.action === 'subprocessor.add')
    expect(applied).toEqual([{ action: 'subprocessor.add', actor_type: 'system', actor_id: 'subprocessor.apply' }])

    // A removal then takes the row away on its own day.
    const removal = await proposeChange(
      member,
      proposeChangeInput.parse({ kind: 'remove', subprocessorId: (await listed())[0]!.id, effectiveOn: addDays(day, 30) }),
      {},
      midnight,
    )
    await announceChange(member, removal.id, {}, midnight)
    await applyDueChanges(new Date(midnight.getTime() + 31 * 86_400_000))
    expect(await listed()).toEqual([])
  })
})

describe('objections', () => {
  it('are recorded once per subscriber before the day, and the workspace sees them', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const email = await subscribed(workspace.slug)
    const change = await proposeChange(member, addition(earliestEffectiveDay(new Date(), 'UTC', 30), 'Mixpanel'), {})
    await announceChange(member, change.id, {})
    await sendChangeNotices({ workspaceId: workspace.id, changeId: change.id })
    const notice = (await mailsTo(email)).find((m) => m.subject.includes('Mixpanel'))!
    const token = linkIn(notice.text, 'object')!
    expect(await objectToChange(workspace.slug, token, 'We may not send analytics data to the US.', { ip: randomUUID() })).toEqual({
      outcome: 'recorded',
    })
    expect(await objectToChange(workspace.slug, token, 'Again', { ip: randomUUID() })).toMatchObject({
      outcome: 'refused',
      page: { state: 'objected' },
    })
    expect(await objectToChange(workspace.slug, 'y'.repeat(43), 'Who?', { ip: randomUUID() })).toMatchObject({
      outcome: 'refused',
      page: { state: 'invalid' },
    })
    const view = await subprocessorDashboard(member)
    expect(view.open[0]!.objections).toEqual([
      expect.objectContaining({ email, reason: 'We may not send analytics data to the US.' }),
    ])
    // Once withdrawn, objections are closed.
    await cancelChange(member, change.id, {})
    const other = await subscribed(workspace.slug)
    expect(other).toBeTruthy()
    expect(await objectToChange(workspace.slug, token, 'Late', { ip: randomUUID() })).toMatchObject({ outcome: 'refused' })
  })

  it('records one objection when the form is sent twice at once (a double click)', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const email = await subscribed(workspace.slug)
    const change = await proposeChange(member, addition(earliestEffectiveDay(new Date(), 'UTC', 30), 'Hotjar'), {})
    await announceChange(member, change.id, {})
    await sendChangeNotices({ workspaceId: workspace.id, changeId: change.id })
    const token = linkIn((await mailsTo(email)).find((m) => m.subject.includes('Hotjar'))!.text, 'object')!
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, (_, i) => objectToChange(workspace.slug, token, `Objection ${i}`, { ip: randomUUID() })),
    )
    expect(outcomes.filter((o) => o.outcome === 'recorded')).toHaveLength(1)
    expect(outcomes.filter((o) => o.outcome === 'refused')).toHaveLength(3)
  })
})
