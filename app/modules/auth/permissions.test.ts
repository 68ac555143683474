import { describe, expect, it } from 'vitest'
import { PERMISSIONS, type Permission, ROLES, type Role, can, canAssignRole } from './permissions'

// The whole matrix, written out once more by hand: a change to PERMISSIONS must be made here
// too, on purpose. O = allowed.
const MATRIX: Record<Permission, string> = {
  //                      owner admin agent viewer
  'workspace.view':       'O O O O',
  'workspace.settings':   'O O . .',
  'workspace.delete':     'O . . .',
  'workspace.transfer':   'O . . .',
  'members.view':         'O O O O',
  'members.invite':       'O O . .',
  'members.change_role':  'O O . .',
  'members.remove':       'O O . .',
  'requests.view':        'O O O O',
  'requests.work':        'O O O .',
  'privacy.manage':       'O O . .',
  'trust.edit':           'O O . .',
  'trust.publish':        'O O . .',
  'trust.documents':      'O O . .',
  'branding.manage':      'O O . .',
  'audit.view':           'O O . O',
  'audit.export':         'O O . .',
  'api_keys.manage':      'O O . .',
  'ip_allowlist.manage':  'O O . .',
  'security.require_2fa': 'O O . .',
  'security.reports':     'O O . .',
  'dpa.manage':           'O O . .',
  'incidents.view':       'O O O O',
  'incidents.manage':     'O O . .',
  'billing.manage':       'O . . .',
}

describe('can', () => {
  const cells = (Object.keys(MATRIX) as Permission[]).flatMap((permission) =>
    MATRIX[permission].split(' ').map((mark, i) => [permission, ROLES[i] as Role, mark === 'O'] as const),
  )

  it.each(cells)('%s for %s is %s', (permission, role, allowed) => {
    expect(can(role, permission)).toBe(allowed)
  })

  it('covers every permission in the table above', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(MATRIX).sort())
  })
})

describe('canAssignRole', () => {
  it.each([
    ['owner', 'agent', 'owner', true],
    ['owner', 'owner', 'admin', true],
    ['admin', 'agent', 'admin', true],
    ['admin', 'viewer', 'agent', true],
    ['admin', 'agent', 'owner', false],
    ['admin', 'owner', 'viewer', false],
    ['agent', 'viewer', 'agent', false],
    ['viewer', 'viewer', 'admin', false],
  ] as const)('%s changing %s to %s: %s', (actor, from, to, allowed) => {
    expect(canAssignRole(actor, from, to)).toBe(allowed)
  })
})
