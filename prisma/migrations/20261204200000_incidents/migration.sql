-- The incident register (issue 16, item 1): a workspace's own personal-data breaches with the
-- facts GDPR Art. 33(5) asks to document whether reported or not, the 72-hour clock from
-- awareness (stopped by the notification to the supervisory authority, or by "not reportable"
-- with its reason), the decision on telling the people affected (Art. 34), the controllers told
-- (Art. 33(2)), and a timeline of dated entries (every change, and the phased updates to the
-- authority of Art. 33(4)). And the trust page's live check "breaches notified in time".

CREATE TABLE "incident" (
  "id"                       uuid PRIMARY KEY,
  "workspace_id"             uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  -- INC-<year recorded>-<number within the workspace and year>, e.g. INC-2026-0001.
  "reference"                text NOT NULL CHECK (length("reference") BETWEEN 1 AND 32),
  "title"                    text NOT NULL CHECK (length("title") BETWEEN 1 AND 200),
  "status"                   text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'closed')),
  "severity"                 text NOT NULL CHECK ("severity" IN ('S0', 'S1', 'S2', 'S3')),
  "owner_user_id"            uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "occurred_from"            timestamptz(3),
  "occurred_to"              timestamptz(3),
  "detected_at"              timestamptz(3) NOT NULL,
  -- Starts the 72-hour clock (Art. 33(1)).
  "aware_at"                 timestamptz(3) NOT NULL,
  "reported_by"              text NOT NULL DEFAULT '' CHECK (length("reported_by") <= 500),
  -- confidentiality, integrity, availability (at least one).
  "breach_types"             text[] NOT NULL CHECK (cardinality("breach_types") BETWEEN 1 AND 3
                               AND "breach_types" <@ ARRAY['confidentiality', 'integrity', 'availability']),
  "cause"                    text NOT NULL DEFAULT '' CHECK (length("cause") <= 5000),
  "data_systems"             text NOT NULL DEFAULT '' CHECK (length("data_systems") <= 2000),
  "data_categories"          text NOT NULL DEFAULT '' CHECK (length("data_categories") <= 2000),
  -- Art. 9 and 10 data (health, biometrics, criminal records, …) among them.
  "special_categories"       boolean NOT NULL DEFAULT false,
  "people_affected"          integer CHECK ("people_affected" BETWEEN 0 AND 2000000000),
  "records_affected"         integer CHECK ("records_affected" BETWEEN 0 AND 2000000000),
  "locations"                text NOT NULL DEFAULT '' CHECK (length("locations") <= 1000),
  "consequences"             text NOT NULL DEFAULT '' CHECK (length("consequences") <= 5000),
  "risk"                     text CHECK ("risk" IN ('unlikely', 'risk', 'high_risk')),
  "risk_reasoning"           text NOT NULL DEFAULT '' CHECK (length("risk_reasoning") <= 5000),
  "measures_taken"           text NOT NULL DEFAULT '' CHECK (length("measures_taken") <= 5000),
  "measures_planned"         text NOT NULL DEFAULT '' CHECK (length("measures_planned") <= 5000),
  -- The notification to the supervisory authority; a delay reason whenever it came after 72 h.
  "authority_name"           text CHECK (length("authority_name") BETWEEN 1 AND 200),
  "authority_notified_at"    timestamptz(3),
  "authority_reference"      text NOT NULL DEFAULT '' CHECK (length("authority_reference") <= 200),
  "delay_reason"             text NOT NULL DEFAULT '' CHECK (length("delay_reason") <= 5000),
  -- "Not reportable" (unlikely to result in a risk, Art. 33(1)) with its reason and when decided.
  "not_reportable_at"        timestamptz(3),
  "not_reportable_reason"    text NOT NULL DEFAULT '' CHECK (length("not_reportable_reason") <= 5000),
  -- Art. 34: undecided, told (when and how), not_required (no high risk), or the exemption of
  -- Art. 34(3) that applies: exempt_encrypted (a), exempt_measures (b), exempt_public (c: a
  -- public communication instead, described in subjects_how).
  "subjects_decision"        text NOT NULL DEFAULT 'undecided'
                               CHECK ("subjects_decision" IN ('undecided', 'told', 'not_required', 'exempt_encrypted', 'exempt_measures', 'exempt_public')),
  "subjects_told_at"         timestamptz(3),
  "subjects_how"             text NOT NULL DEFAULT '' CHECK (length("subjects_how") <= 5000),
  -- For a processor (Art. 33(2)): the controllers or customers told, and when.
  "controllers_told"         text NOT NULL DEFAULT '' CHECK (length("controllers_told") <= 5000),
  "controllers_told_at"      timestamptz(3),
  "lessons_learned"          text NOT NULL DEFAULT '' CHECK (length("lessons_learned") <= 10000),
  "closed_at"                timestamptz(3),
  "created_by_user_id"       uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "created_at"               timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at"               timestamptz(3) NOT NULL DEFAULT now(),
  CHECK ("aware_at" >= "detected_at"),
  CHECK ("occurred_from" IS NULL OR ("detected_at" >= "occurred_from" AND "aware_at" >= "occurred_from")),
  CHECK ("occurred_to" IS NULL OR ("occurred_from" IS NOT NULL AND "occurred_to" >= "occurred_from")),
  CHECK (("authority_notified_at" IS NULL) = ("authority_name" IS NULL)),
  CHECK ("authority_notified_at" IS NULL OR "authority_notified_at" >= "aware_at"),
  -- Notified after 72 hours: the reason for the delay is part of the record (Art. 33(1)).
  CHECK ("authority_notified_at" IS NULL OR "authority_notified_at" <= "aware_at" + interval '72 hours' OR length("delay_reason") > 0),
  CHECK (("not_reportable_at" IS NULL) = (length("not_reportable_reason") = 0)),
  CHECK ("authority_notified_at" IS NULL OR "not_reportable_at" IS NULL),
  CHECK (("subjects_decision" = 'told') = ("subjects_told_at" IS NOT NULL)),
  CHECK (("status" = 'closed') = ("closed_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "incident_workspace_id_reference_key" ON "incident" ("workspace_id", "reference");
CREATE INDEX "incident_workspace_id_status_aware_at_idx" ON "incident" ("workspace_id", "status", "aware_at");

-- An incident's timeline: every change (what, who, when) and the dated phased updates to the
-- authority (kind authority_update, `at` the day they were sent).
CREATE TABLE "incident_event" (
  "id"            uuid PRIMARY KEY,
  "workspace_id"  uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "incident_id"   uuid NOT NULL REFERENCES "incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "kind"          text NOT NULL CHECK (length("kind") BETWEEN 1 AND 64),
  "actor_user_id" uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "at"            timestamptz(3),
  "body"          text NOT NULL DEFAULT '' CHECK (length("body") <= 10000),
  "created_at"    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "incident_event_incident_id_created_at_idx" ON "incident_event" ("incident_id", "created_at");

ALTER TABLE "incident" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "incident" FORCE ROW LEVEL SECURITY;
CREATE POLICY "incident_isolation" ON "incident"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"incident"');

ALTER TABLE "incident_event" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "incident_event" FORCE ROW LEVEL SECURITY;
CREATE POLICY "incident_event_isolation" ON "incident_event"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"incident_event"');

GRANT SELECT, INSERT, UPDATE ON "incident", "incident_event" TO candor_app;

-- The live check "breaches notified in time".
ALTER TABLE "trust_check_result" DROP CONSTRAINT "trust_check_result_check_check";
ALTER TABLE "trust_check_result" ADD CONSTRAINT "trust_check_result_check_check"
  CHECK ("check" IN ('two_factor', 'requests_on_time', 'audit_chain', 'backups_daily', 'restores_tested', 'breaches_notified'));
