// Who may do what in a workspace: one matrix, one function. docs/permissions.md is the same
// table in prose; app/modules/auth/permissions.test.ts checks every cell.

export const ROLES = ['owner', 'admin', 'agent', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = {
  'workspace.view': ['owner', 'admin', 'agent', 'viewer'],
  'workspace.settings': ['owner', 'admin'],
  'workspace.delete': ['owner'],
  'workspace.transfer': ['owner'],
  'members.view': ['owner', 'admin', 'agent', 'viewer'],
  'members.invite': ['owner', 'admin'],
  'members.change_role': ['owner', 'admin'],
  'members.remove': ['owner', 'admin'],
  'requests.view': ['owner', 'admin', 'agent', 'viewer'],
  'requests.work': ['owner', 'admin', 'agent'],
  'privacy.manage': ['owner', 'admin'],
  'trust.edit': ['owner', 'admin'],
  'trust.publish': ['owner', 'admin'],
  'trust.documents': ['owner', 'admin'],
  'branding.manage': ['owner', 'admin'],
  'audit.view': ['owner', 'admin', 'viewer'],
  'audit.export': ['owner', 'admin'],
  'api_keys.manage': ['owner', 'admin'],
  'ip_allowlist.manage': ['owner', 'admin'],
  'security.require_2fa': ['owner', 'admin'],
  'security.reports': ['owner', 'admin'],
  'dpa.manage': ['owner', 'admin'],
  'incidents.view': ['owner', 'admin', 'agent', 'viewer'],
  'incidents.manage': ['owner', 'admin'],
  'billing.manage': ['owner'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

/** An admin may not hand out or take away ownership; only an owner changes an owner. */
export function canAssignRole(actor: Role, from: Role, to: Role): boolean {
  if (!can(actor, 'members.change_role')) return false
  if (actor === 'owner') return true
  return from !== 'owner' && to !== 'owner'
}
