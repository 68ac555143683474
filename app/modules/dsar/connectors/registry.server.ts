// The connectors to customers' own systems, by kind of data system. Candor's own records
// (built-in) are read inside the task's transaction (tasks.server.ts); manual systems have none.
import { postgresConnector } from '~/modules/connectors/postgres/connector.server'
import { webhookConnector } from '~/modules/connectors/webhook/connector.server'
import type { ExternalConnector } from './connector'

export type ExternalKind = 'postgres' | 'webhook'

export const EXTERNAL_CONNECTORS: Record<ExternalKind, ExternalConnector> = { postgres: postgresConnector, webhook: webhookConnector }
