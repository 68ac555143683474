// POST /ops/end — end the operator's look into a workspace (recorded in both audit logs).
import { redirect } from 'react-router'
import { requestOrigin } from '~/modules/http/request-info'
import { endImpersonation, requireOperator } from '~/modules/ops/operators.server'
import type { Route } from './+types/end-impersonation'

export async function action({ request, context }: Route.ActionArgs) {
  const current = await requireOperator(request)
  await endImpersonation(current, requestOrigin(request, context))
  return redirect('/ops')
}
