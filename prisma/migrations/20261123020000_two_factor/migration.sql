-- Two-factor authentication (TOTP, RFC 6238) with recovery codes, second-factor and step-up
-- state on sessions, and the workspace setting that requires 2FA of every member.

-- The platform's data key, for secrets that belong to a person rather than a workspace (TOTP
-- secrets). Stored only wrapped under the KEK, like workspace_key; keys:rotate re-wraps it.
CREATE TABLE "platform_key" (
  "version"     integer PRIMARY KEY CHECK ("version" > 0),
  "kek_id"      text NOT NULL,
  "wrapped_key" bytea NOT NULL,
  "created_at"  timestamptz(3) NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON "platform_key" TO candor_app;

CREATE TABLE "user_totp" (
  "user_id"        uuid PRIMARY KEY REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  -- Envelope ciphertext under the platform key, bound to this table, column and user.
  "secret"         text NOT NULL,
  -- Null while enrolment awaits its first code.
  "confirmed_at"   timestamptz(3),
  -- The newest time step accepted: a code is never accepted twice.
  "last_used_step" bigint,
  "created_at"     timestamptz(3) NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON "user_totp" TO candor_app;

CREATE TABLE "recovery_code" (
  "id"         uuid PRIMARY KEY,
  "user_id"    uuid NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "code_hash"  text NOT NULL,
  "used_at"    timestamptz(3),
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "recovery_code_user_id_idx" ON "recovery_code" ("user_id");
GRANT SELECT, INSERT, UPDATE, DELETE ON "recovery_code" TO candor_app;

-- A session of a person with 2FA is usable only once the second factor is given; wrong
-- second-factor codes are counted on the session. authenticated_at is the last time the person
-- proved who they are (sign-in, second factor, step-up): sensitive actions need it recent.
ALTER TABLE "session"
  ADD COLUMN "second_factor_pending"  boolean NOT NULL DEFAULT false,
  ADD COLUMN "second_factor_attempts" integer NOT NULL DEFAULT 0,
  ADD COLUMN "authenticated_at"       timestamptz(3) NOT NULL DEFAULT now();

ALTER TABLE "workspace" ADD COLUMN "require_two_factor" boolean NOT NULL DEFAULT false;
