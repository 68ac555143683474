// The actions that need a fresh proof of who the person is (step-up, decision 006): one list,
// used by the routes through `requireStepUp`, listed for people in docs/permissions.md (a unit
// test compares the two) and walked by tests/integration/step-up.test.ts.

/** Each action that needs step-up, with the words the confirmation page shows for it. */
export const STEP_UP_ACTIONS = {
  'members.invite_admin': 'invite someone as admin',
  'members.change_role': 'change a member’s role',
  'members.remove': 'remove a member',
  'workspace.transfer': 'transfer ownership of the workspace',
  'workspace.delete': 'delete the workspace',
  'security.require_2fa': 'turn “require two-factor authentication for every member” on or off',
  'ip_allowlist.save': 'save the IP allowlist',
  'api_keys.create': 'create an API key',
  'api_keys.revoke': 'revoke an API key',
  'webhooks.create': 'add a webhook endpoint',
  'webhooks.disable': 'disable a webhook endpoint',
  'drp_agents.add': 'add an authorized agent of the Data Rights Protocol',
  'drp_agents.remove': 'remove an authorized agent of the Data Rights Protocol',
  'two_factor.enable': 'set up two-factor authentication',
  'two_factor.reset': 'reset two-factor authentication',
  'two_factor.disable': 'turn two-factor authentication off',
} as const

export type StepUpAction = keyof typeof STEP_UP_ACTIONS

export const isStepUpAction = (value: unknown): value is StepUpAction =>
  typeof value === 'string' && Object.hasOwn(STEP_UP_ACTIONS, value)

/** Roles whose invitation needs step-up: an admin can create API keys and invite others. */
export const PRIVILEGED_ROLES: readonly string[] = ['owner', 'admin']
