// Every audit action code in words: what the actor did, as the end of a sentence that starts
// with who did it ("Maya Chen" + "changed the IP allowlist"). `{target}` marks where the
// entry's object goes (a link where it has a page); a phrase without it is followed by the
// object, if any. The phrasebook's test reads the sources and fails for a code without a phrase.

export const AUDIT_AREAS = {
  requests: 'Privacy requests',
  data_systems: 'Data systems',
  trust: 'Trust center',
  incidents: 'Incidents and vulnerability reports',
  security: 'Sign-in and access',
  workspace: 'Workspace, members and billing',
  platform: 'Candor platform',
} as const

export type AuditArea = keyof typeof AUDIT_AREAS

type Phrase = readonly [area: AuditArea, words: string]

export const ACTION_PHRASES: Readonly<Record<string, Phrase>> = {
  // Privacy requests
  'request.file': ['requests', 'filed {target}'],
  'request.confirm': ['requests', 'confirmed the e-mail address of {target}'],
  'request.expire': ['requests', 'let {target} expire unconfirmed'],
  'request.assign': ['requests', 'assigned {target}'],
  'request.note': ['requests', 'added a note to {target}'],
  'request.reply': ['requests', 'replied to the requester of {target}'],
  'request.subject_message': ['requests', 'sent a message on {target}'],
  'request.ask_subject': ['requests', 'asked the requester of {target} for more information'],
  'request.extend': ['requests', 'extended the deadline of {target}'],
  'request.complete': ['requests', 'completed {target}'],
  'request.reject': ['requests', 'rejected {target}'],
  'request.close_duplicate': ['requests', 'closed {target} as a duplicate'],
  'request.minimise': ['requests', 'minimised the personal data kept about {target}'],
  'request.erased_backups': ['requests', 'recorded that {target} is erased from backups'],
  'request.erasure.replay': ['requests', 'replayed the erasure of {target} after a restore'],
  'request.attachment.download': ['requests', 'downloaded an attachment of {target}'],
  'request.export.create': ['requests', 'built the export of {target}'],
  'request.export.assemble_again': ['requests', 'asked for the export of {target} to be built again'],
  'request.export.retry': ['requests', 'retried building the export of {target}'],
  'request.export.fail': ['requests', 'failed to build the export of {target}'],
  'request.export.release': ['requests', 'released the export of {target} to the requester'],
  'request.export.download': ['requests', 'downloaded the export of {target}'],
  'request.export.delete': ['requests', 'deleted the export of {target}'],
  'request.task.collect': ['requests', 'collected data for {target}'],
  'request.task.erase': ['requests', 'erased data for {target}'],
  'request.task.complete': ['requests', 'completed a task of {target}'],
  'request.task.fail': ['requests', 'recorded a failed task of {target}'],
  'request.task.retry': ['requests', 'retried a task of {target}'],
  'request.task.upload': ['requests', 'uploaded a file to a task of {target}'],
  'request.task.purge': ['requests', 'purged the collected data of a task of {target}'],
  'request.task.backups_confirm': ['requests', 'confirmed a data system’s backups aged out for {target}'],
  'reply_template.create': ['requests', 'created the reply template {target}'],
  'reply_template.update': ['requests', 'changed the reply template {target}'],
  'reply_template.delete': ['requests', 'deleted the reply template {target}'],
  'privacy.profile': ['requests', 'changed the privacy profile'],
  'privacy.deadline_settings': ['requests', 'changed the request deadlines'],
  'privacy.reminder_days': ['requests', 'changed when deadline reminders are sent'],
  'workspace.export_auto_release': ['requests', 'changed whether exports are released automatically'],
  'drp_request.receive': ['requests', 'received {target} through the Data Rights Protocol'],
  'drp_request.revoke': ['requests', 'withdrew {target} through the Data Rights Protocol'],

  // Data systems
  'data_system.add': ['data_systems', 'added the data system {target}'],
  'data_system.change': ['data_systems', 'changed the data system {target}'],
  'data_system.archive': ['data_systems', 'archived the data system {target}'],
  'data_system.dry_run': ['data_systems', 'dry-ran the data system {target}'],
  'data_system.map_save': ['data_systems', 'saved the dataset map of {target}'],

  // Trust center
  'trust.draft_update': ['trust', 'saved a draft of the trust page'],
  'trust.publish': ['trust', 'published the trust page'],
  'trust_nda.update': ['trust', 'changed the NDA'],
  'trust_document.create': ['trust', 'added the document {target}'],
  'trust_document.update': ['trust', 'changed the document {target}'],
  'trust_document.replace': ['trust', 'replaced the file of {target}'],
  'trust_document.remove': ['trust', 'removed the document {target}'],
  'trust_document.download': ['trust', 'downloaded {target}'],
  'trust_document_settings.update': ['trust', 'changed how document access is granted'],
  'trust_document_request.create': ['trust', 'asked for access to a document'],
  'trust_document_request.approve': ['trust', 'approved a request for a document'],
  'trust_document_request.deny': ['trust', 'denied a request for a document'],
  'trust_document_request.revoke': ['trust', 'revoked access to a document'],
  'subprocessor.add': ['trust', 'added the sub-processor {target}'],
  'subprocessor.update': ['trust', 'changed the sub-processor {target}'],
  'subprocessor.remove': ['trust', 'removed the sub-processor {target}'],
  'subprocessor_change.propose': ['trust', 'proposed a sub-processor change'],
  'subprocessor_change.announce': ['trust', 'announced a sub-processor change to subscribers'],
  'subprocessor_change.cancel': ['trust', 'cancelled a sub-processor change'],
  'subprocessor_change.apply': ['trust', 'applied a sub-processor change on its effective date'],
  'subprocessor_change.object': ['trust', 'objected to a sub-processor change'],
  'subprocessor_subscriber.subscribe': ['trust', 'subscribed to sub-processor changes'],
  'subprocessor_subscriber.confirm': ['trust', 'confirmed a subscription to sub-processor changes'],
  'subprocessor_subscriber.resubscribe': ['trust', 'subscribed again to sub-processor changes'],
  'subprocessor_subscriber.unsubscribe': ['trust', 'unsubscribed from sub-processor changes'],
  'subprocessor_subscriber.expire': ['trust', 'let an unconfirmed subscription to sub-processor changes expire'],
  'workspace.subprocessor_notice_days': ['trust', 'changed the notice period for sub-processor changes'],
  'branding.logo_set': ['trust', 'uploaded a new logo for the trust page, the portal and e-mails'],
  'branding.logo_remove': ['trust', 'removed the logo'],
  'branding.accent_color': ['trust', 'changed the accent colour'],
  'dpa.settings_update': ['trust', 'changed the DPA settings'],
  'dpa.template_version_create': ['trust', 'saved a new version of the DPA'],
  'dpa.sign': ['trust', 'signed the DPA'],
  'dpa.link_issue': ['trust', 'sent a new link to a signed DPA'],
  'dpa.download': ['trust', 'downloaded a signed DPA'],
  'disclosure_policy.update': ['trust', 'changed the vulnerability disclosure policy'],

  // Incidents and vulnerability reports
  'incident.record': ['incidents', 'recorded the incident {target}'],
  'incident.facts_change': ['incidents', 'changed the facts of {target}'],
  'incident.assessment_change': ['incidents', 'changed the risk assessment of {target}'],
  'incident.authority_notify': ['incidents', 'recorded notifying the supervisory authority of {target}'],
  'incident.authority_change': ['incidents', 'changed the authority notification of {target}'],
  'incident.authority_update': ['incidents', 'recorded an update to the supervisory authority on {target}'],
  'incident.not_reportable': ['incidents', 'recorded {target} as not reportable'],
  'incident.subjects_decision': ['incidents', 'recorded the decision on telling the people affected by {target}'],
  'incident.controllers_told': ['incidents', 'recorded the controllers told of {target}'],
  'incident.note': ['incidents', 'added a note to {target}'],
  'incident.close': ['incidents', 'closed {target}'],
  'incident.export': ['incidents', 'exported the incident register'],
  'vulnerability_report.submit': ['incidents', 'submitted the vulnerability report {target}'],
  'vulnerability_report.acknowledge': ['incidents', 'acknowledged {target}'],
  'vulnerability_report.state_change': ['incidents', 'changed the state of {target}'],
  'vulnerability_report.disclosure_date': ['incidents', 'set the disclosure date of {target}'],
  'vulnerability_report.note': ['incidents', 'added a note to {target}'],

  // Sign-in and access
  'user.sign_up': ['security', 'signed up'],
  'session.start': ['security', 'signed in'],
  'session.second_factor': ['security', 'passed the second factor'],
  'session.step_up': ['security', 'confirmed their identity again for a sensitive action'],
  'session.revoke': ['security', 'signed out a session'],
  'session.revoke_others': ['security', 'signed out their other sessions'],
  'user.two_factor_enable': ['security', 'turned on two-factor authentication'],
  'user.two_factor_disable': ['security', 'turned off two-factor authentication'],
  'workspace.require_two_factor': ['security', 'changed whether two-factor authentication is required'],
  'workspace.ip_allowlist': ['security', 'changed the IP allowlist'],
  'api_key.create': ['security', 'created the API key {target}'],
  'api_key.revoke': ['security', 'revoked the API key {target}'],
  'webhook_endpoint.create': ['security', 'added a webhook endpoint'],
  'webhook_endpoint.disable': ['security', 'disabled a webhook endpoint'],
  'webhook_endpoint.test': ['security', 'sent a test event to a webhook endpoint'],
  'drp_agent.add': ['security', 'added the Data Rights Protocol agent {target}'],
  'drp_agent.pair': ['security', 'paired with the Data Rights Protocol agent {target}'],
  'drp_agent.remove': ['security', 'removed the Data Rights Protocol agent {target}'],
  'audit.export': ['security', 'downloaded the audit log'],
  'audit.verify_request': ['security', 'asked for a full verification of the audit log'],
  'notification_preference.unsubscribe': ['security', 'unsubscribed from the weekly digest'],

  // Workspace, members and billing
  'workspace.create': ['workspace', 'created the workspace'],
  'workspace.transfer': ['workspace', 'transferred ownership of the workspace'],
  'workspace.delete': ['workspace', 'deleted the workspace'],
  'workspace.purge': ['workspace', 'purged the deleted workspace'],
  'member.invite': ['workspace', 'invited a member'],
  'member.invitation_revoke': ['workspace', 'revoked an invitation'],
  'member.join': ['workspace', 'joined the workspace'],
  'member.role_change': ['workspace', 'changed the role of {target}'],
  'member.remove': ['workspace', 'removed {target} from the workspace'],
  'billing.customer_create': ['workspace', 'set up billing'],
  'billing.checkout_start': ['workspace', 'started a checkout'],
  'billing.portal_open': ['workspace', 'opened the billing portal'],
  'billing.subscription_change': ['workspace', 'changed the subscription'],
  'billing.stripe_event': ['workspace', 'applied a Stripe event'],
  'workspace.plan_grant': ['workspace', 'granted a plan to the workspace'],
  'workspace.plan_grant_end': ['workspace', 'ended the workspace’s granted plan'],

  // Candor platform (operators and Candor's own jobs)
  'operator.impersonation_start': ['platform', 'started a read-only look into the workspace'],
  'operator.impersonation_end': ['platform', 'ended a read-only look into the workspace'],
  'platform_incident.declare': ['platform', 'declared a Candor incident'],
  'platform_incident.update': ['platform', 'updated a Candor incident'],
  'platform_incident.resolve': ['platform', 'resolved a Candor incident'],
  'platform_incident.publish': ['platform', 'published a Candor incident on Candor’s trust page'],
  'platform_incident.unpublish': ['platform', 'took a Candor incident off Candor’s trust page'],
  'backup.run_request': ['platform', 'asked for a backup'],
  'backup.age_out': ['platform', 'deleted backups past their retention'],
  'backup.drill': ['platform', 'ran a restore drill'],
  'backup.drill_request': ['platform', 'asked for a restore drill'],
  'retention.purge': ['platform', 'applied the retention policy'],
  'retention.purge_request': ['platform', 'asked for the retention policy to be applied'],
  'kek.rotate': ['platform', 'rotated the key-encryption key'],
  'email.test_queue': ['platform', 'queued a test e-mail'],
}

/** `request.export.assemble_again` → "request export: assemble again" (for codes without a phrase). */
export function readableCode(code: string): string {
  const words = code.split('.').map((part) => part.replace(/_/g, ' '))
  return words.length > 1 ? `${words.slice(0, -1).join(' ')}: ${words.at(-1)}` : words[0]!
}

export type ActionWords = { area: AuditArea | null; before: string; after: string; hasTarget: boolean }

/**
 * The words of `code` around its object: "built the export of " + target + "". A code
 * without a phrase (an entry older than its phrase, say) is written as the code in words.
 */
export function actionWords(code: string): ActionWords {
  const phrase = Object.hasOwn(ACTION_PHRASES, code) ? ACTION_PHRASES[code] : undefined
  if (!phrase) return { area: null, before: `recorded “${readableCode(code)}”`, after: '', hasTarget: false }
  const [area, words] = phrase
  const at = words.indexOf('{target}')
  return at < 0
    ? { area, before: words, after: '', hasTarget: false }
    : { area, before: words.slice(0, at), after: words.slice(at + '{target}'.length), hasTarget: true }
}

/** The action choices of the filter, grouped by area, each code labelled by its phrase. */
export function actionChoicesByArea(): { area: string; choices: { value: string; label: string }[] }[] {
  return (Object.keys(AUDIT_AREAS) as AuditArea[]).map((area) => ({
    area: AUDIT_AREAS[area],
    choices: Object.entries(ACTION_PHRASES)
      .filter(([, [inArea]]) => inArea === area)
      .map(([value, [, words]]) => ({ value, label: sentenceStart(words.replace('{target}', '…')) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  }))
}

const sentenceStart = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
