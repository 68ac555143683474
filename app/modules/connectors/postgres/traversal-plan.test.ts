import { describe, expect, it } from 'vitest'
import { customerMap } from '../../../../tests/support/customer-map'
import type { DatasetMap, TableMap } from '../dataset-map'
import { planTraversal, tableErasure } from './traversal-plan'

const words = (map: DatasetMap) => {
  const plan = planTraversal(map)
  return {
    seeds: plan.seeds.map((s) => `${s.table}(${s.columns.join(',')})`),
    edges: plan.edges.map((e) => `${e.parent}→${e.child}`),
    skipped: plan.skipped.map((s) => `${s.reference.from.table}.${s.reference.from.columns.join(',')}: ${s.why}`),
    order: plan.eraseOrder,
  }
}

const t = (name: string, columns: [string, string | null][], included = true): TableMap => ({
  schema: 's',
  name,
  primaryKey: ['id'],
  included,
  columns: columns.map(([column, identity]) => ({
    name: column,
    type: 'text',
    identity: identity as 'email' | null,
    category: identity ? 'contact' : null,
    strategy: 'delete_row',
    keepReason: null,
  })),
})
const r = (from: string, fromColumn: string, to: string, toColumn = 'id') => ({
  from: { schema: 's', table: from, columns: [fromColumn] },
  to: { schema: 's', table: to, columns: [toColumn] },
  source: 'foreign_key' as const,
})

describe('the traversal plan', () => {
  it('of the customer schema: searched by e-mail, children followed, other people’s rows left alone, children erased first', () => {
    const plan = words(customerMap())
    expect(plan.seeds).toEqual([
      'public.organisations(billing_email)',
      'public.users(email)',
      'public.support_tickets(requester_email)',
      'public.newsletter_signups(email)',
    ])
    expect(plan.edges).toEqual([
      'public.users→public.memberships',
      'public.organisations→public.memberships',
      'public.users→public.addresses',
      'public.users→public.orders',
      'public.addresses→public.orders',
      'public.orders→public.order_items',
      'public.orders→public.invoices',
      'public.support_tickets→public.ticket_comments',
      'public.users→public.ticket_comments',
      'public.users→public.events',
    ])
    expect(plan.skipped).toEqual([
      'organisations.owner_user_id: person_table',
      'users.referred_by: self_reference',
      'order_items.product_id: not_included',
      'ticket_comments.reply_to: self_reference',
    ])
    const before = (a: string, b: string) => plan.order.indexOf(`public.${a}`) < plan.order.indexOf(`public.${b}`)
    expect(before('order_items', 'orders') && before('invoices', 'orders') && before('orders', 'addresses') && before('orders', 'users')).toBe(true)
    expect(before('organisations', 'users') && before('memberships', 'organisations') && before('ticket_comments', 'support_tickets')).toBe(true)
    expect(plan.order).not.toContain('public.products')
  })

  const cases: { name: string; map: DatasetMap; seeds: string[]; edges: string[]; order: string[] }[] = [
    {
      name: 'a cycle between two tables ends, each reached once',
      map: {
        tables: [t('people', [['id', null], ['email', 'email']]), t('a', [['id', null], ['b_id', null], ['person_id', null]]), t('b', [['id', null], ['a_id', null]])],
        references: [r('a', 'person_id', 'people'), r('a', 'b_id', 'b'), r('b', 'a_id', 'a')],
      },
      seeds: ['s.people(email)'],
      edges: ['s.people→s.a', 's.b→s.a', 's.a→s.b'],
      order: ['s.b', 's.a', 's.people'],
    },
    {
      name: 'a table reached by no reference from the subject’s rows is not part of the plan',
      map: { tables: [t('people', [['id', null], ['email', 'email']]), t('audit', [['id', null], ['actor', null]])], references: [r('people', 'id', 'audit')] },
      seeds: ['s.people(email)'],
      edges: [],
      order: ['s.people'],
    },
    {
      name: 'a table left out is not searched nor followed',
      map: { tables: [t('people', [['id', null], ['email', 'email']]), t('notes', [['id', null], ['person_id', null], ['mail', 'email']], false)], references: [r('notes', 'person_id', 'people')] },
      seeds: ['s.people(email)'],
      edges: [],
      order: ['s.people'],
    },
    {
      name: 'a grandchild is reached through its parent',
      map: {
        tables: [t('people', [['id', null], ['email', 'email']]), t('carts', [['id', null], ['person_id', null]]), t('lines', [['id', null], ['cart_id', null]])],
        references: [r('lines', 'cart_id', 'carts'), r('carts', 'person_id', 'people')],
      },
      seeds: ['s.people(email)'],
      edges: ['s.carts→s.lines', 's.people→s.carts'],
      order: ['s.lines', 's.carts', 's.people'],
    },
  ]
  it.each(cases)('$name', ({ map, seeds, edges, order }) => {
    const plan = words(map)
    expect(plan.seeds).toEqual(seeds)
    expect(plan.edges).toEqual(edges)
    expect(plan.order).toEqual(order)
  })
})

describe('what erasure does to a table', () => {
  const map = customerMap()
  const of = (name: string) => tableErasure(map.tables.find((table) => table.name === name)!)
  it.each([
    ['events', 'delete'],
    ['users', 'change'],
    ['invoices', 'keep'],
  ])('%s: %s', (name, kind) => expect(of(name).kind).toBe(kind))

  it('changes personal columns only, and lists the ones kept', () => {
    const users = of('users')
    if (users.kind !== 'change') throw new Error('expected a change')
    expect(users.columns.map((c) => `${c.column.name}:${c.strategy}`)).toEqual(['email:hash', 'full_name:mask', 'phone:null', 'date_of_birth:null'])
    expect(users.kept.map((c) => c.name)).toEqual(['id'])
  })
})
