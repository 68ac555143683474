// Any other /api/v1 address: a JSON 404, never an HTML page.
import { apiError } from '~/modules/api/api-auth.server'

export function loader() {
  return apiError(404, 'not_found', 'There is no such API endpoint.')
}

export function action() {
  return apiError(404, 'not_found', 'There is no such API endpoint.')
}
