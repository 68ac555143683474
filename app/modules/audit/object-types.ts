// The kinds of object an audit entry can be about (its target_type), in words: the choices of
// the audit page's "Object" filter, and how an object without a page of its own is named.

export const OBJECT_TYPE_NAMES: Readonly<Record<string, string>> = {
  privacy_request: 'privacy request',
  request_task: 'request task',
  request_export: 'request export',
  requester_attachment: 'requester’s attachment',
  reply_template: 'reply template',
  privacy_profile: 'privacy profile',
  data_system: 'data system',
  trust_page: 'trust page',
  trust_document: 'document',
  trust_document_request: 'document access request',
  trust_nda_version: 'NDA version',
  subprocessor: 'sub-processor',
  subprocessor_change: 'sub-processor change',
  subprocessor_subscriber: 'sub-processor change subscriber',
  dpa_settings: 'DPA settings',
  dpa_template_version: 'DPA version',
  dpa_signature: 'DPA signature',
  disclosure_policy: 'disclosure policy',
  incident: 'incident',
  vulnerability_report: 'vulnerability report',
  membership: 'member',
  invitation: 'invitation',
  user: 'person',
  session: 'session',
  api_key: 'API key',
  webhook_endpoint: 'webhook endpoint',
  drp_agent: 'Data Rights Protocol agent',
  workspace: 'workspace',
  stripe_event: 'Stripe event',
  audit_verification: 'audit log verification',
  email_message: 'e-mail',
  job: 'background job',
  backup: 'backup',
  backup_drill: 'restore drill',
  retention_purge_run: 'retention run',
  platform_incident: 'Candor incident',
}

/** "privacy request", or the type in words for a type this list does not know. */
export function objectTypeName(type: string): string {
  return Object.hasOwn(OBJECT_TYPE_NAMES, type) ? OBJECT_TYPE_NAMES[type]! : type.replace(/_/g, ' ')
}

/** The filter's choices, by name. */
export function objectTypeChoices(): { value: string; label: string }[] {
  return Object.entries(OBJECT_TYPE_NAMES)
    .map(([value, name]) => ({ value, label: name.charAt(0).toUpperCase() + name.slice(1) }))
    .sort((a, b) => a.label.localeCompare(b.label))
}
