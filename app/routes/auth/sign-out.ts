// POST /sign-out: end this browser's session.
import { redirect } from 'react-router'
import { signOut } from '~/modules/auth/current-user.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/sign-out'

export async function action({ request, context }: Route.ActionArgs) {
  const cookie = await signOut(request, requestOrigin(request, context))
  return redirect('/', { headers: { 'Set-Cookie': cookie } })
}

export function loader() {
  return redirect('/')
}
