// GET /api/v1/openapi.json — the API's OpenAPI document (public: it holds no data).
import { openApiDocument } from '~/modules/api/openapi.server'

export function loader() {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } })
}
