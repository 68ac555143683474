// The OpenAPI 3.1 document of /api/v1, written from the same zod schemas that validate the
// requests and shape the responses (tests/integration/openapi.test.ts holds it to the routes).
import { z } from 'zod'
import { REQUEST_EVENTS, REQUEST_EVENT_TYPES, TEST_EVENT } from '~/modules/webhooks/events'
import { requestWebhookEvent, testWebhookEvent } from '~/modules/webhooks/event-schema.server'
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from '~/modules/webhooks/signature.server'
import { accessAnswerSchema, erasureAnswerSchema } from '~/modules/connectors/webhook/answer'
import { API_SCOPES } from '~/modules/auth/api-keys.server'
import { apiSchemas, listRequestsQuery } from './requests-api.server'
import { dataSystemListResource } from './data-systems-api.server'

// Input mode: request bodies and query strings are described as a client writes them (a
// default makes a field optional); the response schemas have no defaults, so they read the same.
const OPTIONS = { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' } as const
const schema = (s: z.ZodType) => z.toJSONSchema(s, OPTIONS)

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` })
const json = (id: string) => ({ content: { 'application/json': { schema: ref(id) } } })
const errors = {
  '400': { description: 'The input is not valid; `fields` names each problem.', ...json('Error') },
  '401': { description: 'No API key, or one that is not valid.', ...json('Error') },
  '403': {
    description:
      'The key lacks the scope (insufficient_scope), the address is not on the IP allowlist (ip_not_allowed), or the workspace’s plan does not include the API (plan_feature_missing).',
    ...json('Error'),
  },
}

/** The component id of a registered schema (importing the schema's module registers it). */
function idOf(registered: z.ZodType): string {
  const id = apiSchemas.get(registered)?.id
  if (!id) throw new Error('the schema is not a registered API schema')
  return id
}

const dataOf = (id: string) => ({ type: 'object', properties: { data: ref(id) }, required: ['data'] })
const answer = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } })
const notFound = (description: string) => ({ '404': { description, ...json('Error') } })
const pathId = (name: string) => [{ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }]
const conflict = {
  '409': { description: 'Another active data system has this name (conflict).', ...json('Error') },
}

const SCOPES = Object.entries(API_SCOPES)
  .map(([scope, what]) => `\`${scope}\`: ${what}.`)
  .join(' ')

function queryParameters(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: schema(field as z.ZodType),
  }))
}

/** The registered schemas, referring to each other as OpenAPI components. */
function components() {
  const { schemas } = z.toJSONSchema(apiSchemas, { ...OPTIONS, uri: (id) => `#/components/schemas/${id}` })
  return Object.fromEntries(Object.entries(schemas).map(([id, { $id: _, $schema: __, ...rest }]) => [id, rest]))
}

const SIGNING =
  'Candor POSTs the event as JSON to each endpoint of the workspace that subscribes to it (dashboard: Webhooks). ' +
  `Verify the \`${SIGNATURE_HEADER}\` header before trusting the body: it is \`t=<unix seconds>,v1=<hex>\`, where v1 is ` +
  'HMAC-SHA256, keyed with the endpoint’s whole signing secret (`whsec_…`), of `<t>.<raw body>`. Compare in constant ' +
  'time and refuse a t more than 5 minutes from your clock. Deliveries are at least once: ignore an event id you have already processed.'

const webhookHeaders = [
  { name: SIGNATURE_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: '^t=\\d+(,v1=[0-9a-f]{64})+$' } },
  { name: EVENT_ID_HEADER, in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
  { name: 'Candor-Event-Type', in: 'header', required: true, schema: { type: 'string' } },
]

const webhookResponses = {
  '2XX': { description: 'Delivered. Any other answer, no answer within 10 seconds, or a redirect is retried with backoff (8 retries over a few hours), then marked failed.' },
}

function webhook(type: string, summary: string, body: z.ZodType) {
  const id = apiSchemas.get(body)?.id
  if (!id) throw new Error(`the webhook body of ${type} is not a registered API schema`)
  return {
    post: {
      operationId: `webhook.${type}`.replace(/[._](\w)/g, (_, c: string) => c.toUpperCase()),
      summary,
      description: SIGNING,
      parameters: webhookHeaders,
      requestBody: { required: true, content: { 'application/json': { schema: ref(id) } } },
      responses: webhookResponses,
    },
  }
}

/** Outgoing webhooks: what Candor sends to a workspace's endpoints. */
function webhooks() {
  return {
    ...Object.fromEntries(REQUEST_EVENT_TYPES.map((type) => [type, webhook(type, REQUEST_EVENTS[type], requestWebhookEvent)])),
    [TEST_EVENT]: webhook(TEST_EVENT, 'A test event, sent from the dashboard to one endpoint', testWebhookEvent),
  }
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Candor API',
      version: '1',
      description:
        'Privacy requests and data systems of one workspace. Authenticate with `Authorization: Bearer <API key>`. ' +
        `Each endpoint needs one scope (permission) of the key: ${SCOPES} ` +
        'Changes of a request are also sent to the workspace’s webhook endpoints, signed (see `webhooks`).',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: {
      '/workspace': {
        get: {
          operationId: 'getWorkspace',
          summary: 'The workspace the key belongs to (scope workspace:read)',
          responses: { '200': { description: 'The workspace.' }, '401': errors['401'], '403': errors['403'] },
        },
      },
      '/requests': {
        get: {
          operationId: 'listRequests',
          summary: 'Privacy requests, newest first (scope requests:read)',
          parameters: queryParameters(listRequestsQuery),
          responses: { '200': { description: 'A page of requests.', ...json('PrivacyRequestList') }, ...errors },
        },
        post: {
          operationId: 'createRequest',
          summary: 'File a privacy request (scope requests:write)',
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreatePrivacyRequest') } } },
          responses: {
            '201': { description: 'The request was filed.', content: { 'application/json': { schema: { type: 'object', properties: { data: ref('PrivacyRequest') }, required: ['data'] } } } },
            ...errors,
            '429': {
              description: 'Too many requests filed in the last hour by this key (100) or for this workspace (300); `Retry-After` says in how many seconds to try again.',
              headers: { 'Retry-After': { schema: { type: 'integer' } } },
              ...json('Error'),
            },
          },
        },
      },
      '/requests/{requestId}': {
        get: {
          operationId: 'getRequest',
          summary: 'One privacy request (scope requests:read)',
          parameters: [{ name: 'requestId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': answer('The request, with each task in each data system and its erasure receipt.', dataOf('PrivacyRequestDetail')),
            '404': { description: 'No such request in this workspace.', ...json('Error') },
            '401': errors['401'],
            '403': errors['403'],
          },
        },
      },
      '/requests/{requestId}/export': {
        get: {
          operationId: 'downloadRequestExport',
          summary: 'Download the export ZIP of an access or portability request (scope requests:export)',
          description:
            'The ZIP as Candor assembled it, decrypted as it streams; it need not be released to the requester yet (staff review it). ' +
            'Each download is recorded in the audit log (request.export.download) with the API key as the actor.',
          parameters: pathId('requestId'),
          responses: {
            '200': { description: 'The ZIP.', content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } } },
            ...notFound('No such request in this workspace, a request of a type without an export, or an export already deleted; the message says which.'),
            '409': { description: 'The export is not built yet, or was sent back and is being built again (code export_not_ready): the message says the request’s state.', ...json('Error') },
            '401': errors['401'],
            '403': errors['403'],
          },
        },
      },
      '/data-systems': {
        get: {
          operationId: 'listDataSystems',
          summary: 'The active data systems a request fans out to, Candor’s own first (scope data-systems:read)',
          responses: { '200': answer('The data systems; no secret, only whether one is set.', ref(idOf(dataSystemListResource))), '401': errors['401'], '403': errors['403'] },
        },
        post: {
          operationId: 'createDataSystem',
          summary: 'Add a Postgres, webhook or manual data system (scope data-systems:write)',
          description:
            'A Postgres system may come with its reviewed dataset map, saved as version 1. A webhook system added without `secret` ' +
            'gets a signing secret generated by Candor, returned once under `secret` in this answer and never again (store it then). ' +
            'A secret sent by you is never returned. Each change is recorded in the audit log with the API key as the actor.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateDataSystem') } } },
          responses: {
            '201': answer('The system was added.', {
              type: 'object',
              properties: {
                data: ref('DataSystemDetail'),
                secret: { type: 'string', description: 'Webhook systems added without a secret only: the generated signing secret, shown this once' },
              },
              required: ['data'],
            }),
            ...errors,
            ...conflict,
          },
        },
      },
      '/data-systems/{dataSystemId}': {
        get: {
          operationId: 'getDataSystem',
          summary: 'One data system (archived ones too), with its current dataset map (scope data-systems:read)',
          parameters: pathId('dataSystemId'),
          responses: {
            '200': answer('The data system.', dataOf('DataSystemDetail')),
            ...notFound('No such data system in this workspace.'),
            '401': errors['401'],
            '403': errors['403'],
          },
        },
        patch: {
          operationId: 'changeDataSystem',
          summary: 'Change a data system, save a new dataset map version, or archive it (scope data-systems:write)',
          description:
            'Fields left out are kept; `settings` is merged into the stored settings. A `map` equal to the current one ' +
            '(compared as canonical JSON, defaults filled in) saves no new version, so sending the same configuration again changes ' +
            'nothing: `mapSaved` is the new version number, or null. `archived: true` archives the system like the dashboard does. ' +
            'Candor’s own system cannot be changed, and an archived one cannot be changed again.',
          parameters: pathId('dataSystemId'),
          requestBody: { required: true, content: { 'application/json': { schema: ref('ChangeDataSystem') } } },
          responses: {
            '200': answer('The data system as it is now.', {
              type: 'object',
              properties: { data: ref('DataSystemDetail'), mapSaved: { type: ['integer', 'null'] } },
              required: ['data', 'mapSaved'],
            }),
            ...errors,
            ...notFound('No such data system in this workspace.'),
            ...conflict,
          },
        },
      },
      ...dataSystemTaskPaths(),
    },
    webhooks: webhooks(),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: `An API key of the workspace (dashboard: API keys). Scopes: ${SCOPES}` },
        taskToken: { type: 'http', scheme: 'bearer', description: 'The `cdt_…` token of one task, from the task Candor sent (docs/site/webhook-connector.md).' },
      },
      schemas: components(),
    },
  }
}

/**
 * The callbacks of a webhook data system (docs/webhook-connector.md, decision 036): not for API
 * keys; the task's own token is the credential.
 */
function dataSystemTaskPaths() {
  const taskId = { name: 'taskId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
  const refused = {
    '401': { description: 'No token, or one that is not valid or expired (at the request’s deadline).', ...json('Error') },
    '404': { description: 'The token is not this task’s.', ...json('Error') },
    '409': { description: 'The task is done already.', ...json('Error') },
    '413': { description: 'Too large: an answer is at most 5 MB, an upload 256 MB.', ...json('Error') },
  }
  return {
    '/data-system-tasks/{taskId}/result': {
      post: {
        operationId: 'answerDataSystemTask',
        summary: 'A webhook data system’s answer to a task it accepted (202) earlier',
        security: [{ taskToken: [] }],
        parameters: [taskId],
        requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [schema(accessAnswerSchema), schema(erasureAnswerSchema)] } } } },
        responses: { '200': { description: 'The task is done.' }, '400': { description: 'The answer is not valid JSON or not in this form.', ...json('Error') }, ...refused },
      },
    },
    '/data-system-tasks/{taskId}/collections/{name}': {
      put: {
        operationId: 'uploadDataSystemCollection',
        summary: 'One large collection of an access task, as NDJSON; the result then lists it as uploaded',
        security: [{ taskToken: [] }],
        parameters: [taskId, { name: 'name', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' } }, { name: 'token', in: 'query', required: false, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/x-ndjson': { schema: { type: 'string' } } } },
        responses: { '200': { description: 'Stored; `rows` says how many.' }, '400': { description: 'A line is not a JSON object, or the name is not valid.', ...json('Error') }, ...refused },
      },
    },
  }
}
